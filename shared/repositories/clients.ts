import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from '../config';
import { sansJournalSdk, tracerClient } from '../http/tracage';

let doc: DynamoDBDocumentClient | undefined;

/** Module-level singleton, created on first use so the local runtime can set its endpoint first. */
export function dynamo(): DynamoDBDocumentClient {
  if (!doc) {
    const c = config();
    const local = c.GUICHET_DYNAMODB_ENDPOINT;
    const client = new DynamoDBClient({
      region: c.AWS_REGION,
      ...(local ? { endpoint: local, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
    });
    // X-Ray subsegments per call on AWS; the Tracer is off locally (no Lambda environment), so nothing is wrapped.
    doc = DynamoDBDocumentClient.from(tracerClient(sansJournalSdk(client)), {
      marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
    });
  }
  return doc;
}
// On Lambda the client is made while the handler's module loads (its init phase), not on the first request; locally
// the runtime sets the endpoint first, so it waits for the first use.
if (config().AWS_LAMBDA_FUNCTION_NAME) dynamo();

/** One DynamoDB command as the recorder saw it: its operation and the items or partition it names. */
export interface AppelDynamo {
  /** `GetItem`, `Query`, `PutItem`, `BatchGetItem`, `TransactWriteItems`… */
  operation: string;
  /** `pk/sk` of each item named (Get, Put, Update, Delete, batch and transaction members), `pk` of a Query's partition. */
  cles: string[];
  index?: string;
  projection?: string;
  /** The items a Query or Scan read (its `ScannedCount`, before any filter), once it has answered. */
  lus?: number;
}

const ecoutes = new Set<(a: AppelDynamo) => void>();
let installe = false;

/** A string attribute, marshalled (`{ S }`) or not. */
const texte = (v: unknown): string => (typeof v === 'string' ? v : String((v as { S?: unknown } | undefined)?.S ?? '?'));
const cleDe = (k: Record<string, unknown> | undefined) => (k ? `${texte(k.pk)}/${texte(k.sk)}` : '?');

function decrire(operation: string, input: Record<string, any>): AppelDynamo {
  const a: AppelDynamo = { operation, cles: [] };
  if (input.Key) a.cles.push(cleDe(input.Key));
  if (input.Item) a.cles.push(cleDe(input.Item));
  for (const t of Object.values((input.RequestItems ?? {}) as Record<string, any>)) {
    for (const k of t.Keys ?? []) a.cles.push(cleDe(k));
    if (t.ProjectionExpression) a.projection = t.ProjectionExpression;
    for (const w of Array.isArray(t) ? t : []) a.cles.push(cleDe(w.PutRequest?.Item ?? w.DeleteRequest?.Key));
  }
  for (const x of (input.TransactItems ?? []) as Record<string, any>[]) {
    const m = x.Put ?? x.Update ?? x.Delete ?? x.ConditionCheck ?? x.Get;
    a.cles.push(cleDe(m?.Item ?? m?.Key));
  }
  if (typeof input.KeyConditionExpression === 'string') {
    // The partition is the first equality of the key condition, on a name or an alias.
    const m = /^\s*\(?\s*(#?\w+)\s*=\s*(:\w+)/.exec(input.KeyConditionExpression);
    if (m) a.cles.push(texte(input.ExpressionAttributeValues?.[m[2]!]));
  }
  if (input.IndexName) a.index = input.IndexName;
  if (input.ProjectionExpression) a.projection = input.ProjectionExpression;
  return a;
}

/**
 * Records every DynamoDB command this process sends through `dynamo()` until `arreter()`: what tests and benches count
 * a request's calls with, on the real client (no mock). The recorder is installed on the first use only; with no
 * listener it passes each command on untouched.
 */
export function ecouterAppels(): { appels: AppelDynamo[]; arreter: () => void } {
  const client = dynamo();
  if (!installe) {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (!ecoutes.size) return next(args);
        const a = decrire(String(context.commandName ?? '?').replace(/Command$/, ''), (args.input ?? {}) as Record<string, any>);
        for (const e of ecoutes) e(a);
        const r = await next(args);
        const lus = (r.output as { ScannedCount?: unknown } | undefined)?.ScannedCount;
        if (typeof lus === 'number') a.lus = lus;
        return r;
      },
      { step: 'initialize', name: 'guichetEcouteAppels' },
    );
    installe = true;
  }
  const appels: AppelDynamo[] = [];
  const e = (a: AppelDynamo) => void appels.push(a);
  ecoutes.add(e);
  return { appels, arreter: () => void ecoutes.delete(e) };
}
