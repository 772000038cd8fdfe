/**
 * The client side of the request bench (./requetes.ts), run in its own Node process so that the server's event loop
 * and the client's never share a core's time slice unevenly: for each scenario, `n` iterations of a pair — the
 * request through the local API (A), then its floor, the DynamoDB call(s) the request needs at best, sent from this
 * process to the same DynamoDB Local (B) — repeated three times. A and B alternate, so drift on the machine (GC, another
 * process, the JIT) hits both alike. Prints one JSON document on stdout.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import * as z from 'zod';

const Config = z.object({
  api: z.string(),
  dynamoEndpoint: z.string(),
  s3Endpoint: z.string(),
  table: z.string(),
  bucket: z.string(),
  n: z.number().int().positive(),
  repetitions: z.number().int().positive(),
  jetons: z.object({ porteur: z.string(), oi: z.string() }),
  agape: z.object({ id: z.string(), fiche: z.string() }),
  aapDemo: z.object({ id: z.string(), oi: z.string() }),
  brouillon: z.string(),
  depots: z.array(z.string()),
  listeStatut: z.string(),
  seuls: z.array(z.string()).optional(),
});
type Config = z.infer<typeof Config>;

const config = Config.parse(JSON.parse(process.env.BENCH_CLIENT ?? '{}'));
const CREDS = { accessKeyId: 'local', secretAccessKey: 'local' };
const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: config.dynamoEndpoint, region: 'eu-west-3', credentials: CREDS }), {
  marshallOptions: { removeUndefinedValues: true },
});
const s3 = new S3Client({ endpoint: config.s3Endpoint, region: 'eu-west-3', credentials: CREDS, forcePathStyle: true });
const T = config.table;

async function http(chemin: string, options: { methode?: string; jeton?: string; corps?: unknown; entetes?: Record<string, string>; attendu?: number } = {}) {
  const r = await fetch(`${config.api}${chemin}`, {
    method: options.methode ?? 'GET',
    redirect: 'manual',
    headers: {
      ...(options.jeton ? { authorization: `Bearer ${options.jeton}` } : {}),
      ...(options.corps === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.entetes,
    },
    ...(options.corps === undefined ? {} : { body: JSON.stringify(options.corps) }),
  });
  const octets = await r.arrayBuffer();
  if (r.status !== (options.attendu ?? 200)) throw new Error(`${options.methode ?? 'GET'} ${chemin} → ${r.status} ${Buffer.from(octets).toString('utf8').slice(0, 300)}`);
  return { r, octets };
}

/**
 * The fixed cost of one trip through the local API and a handler that calls nothing (`GET /health`), measured in the
 * same iteration as A and B: a second, reported view is A against B plus that trip — what the handler adds beyond the
 * calls it makes and the HTTP hop every request pays (the floor B, sent straight to DynamoDB, pays none).
 */
const passerelle = () => http('/health');

interface Scenario {
  nom: string;
  /** What B does, in words, written next to the figures. */
  plancher: string;
  preparer?: () => Promise<void>;
  n?: number;
  echauffement?: number;
  a: (i: number) => Promise<unknown>;
  b: (i: number) => Promise<unknown>;
}

function quantile(xs: number[], p: number): number {
  const s = [...xs].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? 0;
}
const r3 = (x: number) => Math.round(x * 1000) / 1000;
const r2 = (x: number) => Math.round(x * 100) / 100;

async function executer(s: Scenario) {
  const n = s.n ?? config.n;
  await s.preparer?.();
  const echauffement = s.echauffement ?? Math.min(20, n);
  for (let i = 0; i < echauffement; i++) (await s.a(-1 - i), await s.b(-1 - i), await passerelle());
  const repetitions = [];
  for (let k = 0; k < config.repetitions; k++) {
    const a: number[] = [];
    const b: number[] = [];
    const c: number[] = [];
    for (let i = 0; i < n; i++) {
      const j = k * n + i;
      let t = performance.now();
      await s.a(j);
      a.push(performance.now() - t);
      t = performance.now();
      await s.b(j);
      b.push(performance.now() - t);
      t = performance.now();
      await passerelle();
      c.push(performance.now() - t);
    }
    const [a50, a99, b50, b99, c50] = [quantile(a, 50), quantile(a, 99), quantile(b, 50), quantile(b, 99), quantile(c, 50)];
    repetitions.push({
      n, requete: { p50Ms: r3(a50), p99Ms: r3(a99) }, plancher: { p50Ms: r3(b50), p99Ms: r3(b99) }, ratioP50: r2(a50 / b50), ratioP99: r2(a99 / b99),
      passerelle: { p50Ms: r3(c50) }, ratioP50PlancherEtPasserelle: r2(a50 / (b50 + c50)),
    });
  }
  const etendue = (xs: number[]) => ({ min: Math.min(...xs), mediane: quantile(xs, 50), max: Math.max(...xs) });
  return {
    plancher: s.plancher,
    repetitions,
    ratioP50: etendue(repetitions.map((x) => x.ratioP50)),
    ratioP99: etendue(repetitions.map((x) => x.ratioP99)),
    ratioP50PlancherEtPasserelle: etendue(repetitions.map((x) => x.ratioP50PlancherEtPasserelle)),
  };
}

// State each scenario carries between its iterations.
let versionPut = 0;
let contenuPut: unknown = null;
let versionPlancher = 0;
let itemPlancher: Record<string, unknown> = {};

const scenarios: Scenario[] = [
  {
    nom: 'GET /aaps/{id}',
    plancher: 'une Query de la partition de l’AAP (en-tête et fiches)',
    a: () => http(`/aaps/${config.agape.id}`),
    b: () => ddb.send(new QueryCommand({ TableName: T, KeyConditionExpression: 'pk = :pk AND sk BETWEEN :a AND :b', ExpressionAttributeValues: { ':pk': `AAP#${config.agape.id}`, ':a': 'FICHE#', ':b': 'META' } })),
  },
  {
    nom: 'GET /aaps/{id}/fiches/{code}',
    plancher: 'un GetItem de la fiche',
    a: () => http(`/aaps/${config.agape.id}/fiches/${config.agape.fiche}`),
    b: () => ddb.send(new GetCommand({ TableName: T, Key: { pk: `AAP#${config.agape.id}`, sk: `FICHE#${config.agape.fiche}` } })),
  },
  {
    nom: 'PUT /dossiers/{id}',
    plancher: 'un PutItem conditionnel (version) d’un item de la taille du dossier',
    preparer: async () => {
      const { octets } = await http(`/dossiers/${config.brouillon}`, { jeton: config.jetons.porteur });
      const d = JSON.parse(Buffer.from(octets).toString('utf8')) as { version: number; contenu: unknown };
      versionPut = d.version;
      contenuPut = d.contenu;
      const item = (await ddb.send(new GetCommand({ TableName: T, Key: { pk: `DOSSIER#${config.brouillon}`, sk: 'META' } }))).Item!;
      itemPlancher = { ...item, pk: 'BANC#plancher-put', sk: 'META', version: 0 };
      for (const k of Object.keys(itemPlancher)) if (k.startsWith('gsi')) delete itemPlancher[k];
      versionPlancher = 0;
      await ddb.send(new PutCommand({ TableName: T, Item: itemPlancher }));
    },
    a: async () => {
      const { octets } = await http(`/dossiers/${config.brouillon}`, { methode: 'PUT', jeton: config.jetons.porteur, corps: contenuPut, entetes: { 'if-match': String(versionPut) } });
      versionPut = (JSON.parse(Buffer.from(octets).toString('utf8')) as { version: number }).version;
    },
    b: async () => {
      await ddb.send(new PutCommand({
        TableName: T, Item: { ...itemPlancher, version: versionPlancher + 1 },
        ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': versionPlancher },
      }));
      versionPlancher++;
    },
  },
  {
    nom: 'POST /dossiers/{id}/depot',
    plancher: 'un TransactWriteItems (dossier conditionné sur sa version, événement, clé d’idempotence)',
    n: Math.floor((config.depots.length - 10) / config.repetitions),
    echauffement: 10,
    preparer: async () => {
      const item = (await ddb.send(new GetCommand({ TableName: T, Key: { pk: `DOSSIER#${config.depots[0]}`, sk: 'META' } }))).Item!;
      itemPlancher = { ...item, version: 0 };
      for (const k of Object.keys(itemPlancher)) if (k.startsWith('gsi')) delete itemPlancher[k];
      // One draft copy per iteration, written beforehand: B times the dépôt's transaction alone.
      for (let i = -10; i < config.depots.length; i++) await ddb.send(new PutCommand({ TableName: T, Item: { ...itemPlancher, pk: `BANC#plancher-depot-${i}`, sk: 'META' } }));
    },
    a: (i) => http(`/dossiers/${config.depots[i < 0 ? -1 - i : 10 + i]}/depot`, { methode: 'POST', jeton: config.jetons.porteur, entetes: { 'idempotency-key': `banc-${i}-${Date.now()}` } }),
    b: async (i) => {
      const pk = `BANC#plancher-depot-${i}`;
      await ddb.send(new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: T, Item: { ...itemPlancher, pk, sk: 'META', statut: 'depose', version: 1 }, ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': 0 } } },
          { Put: { TableName: T, Item: { pk, sk: 'EVT#banc', type: 'depot' }, ConditionExpression: 'attribute_not_exists(pk)' } },
          { Put: { TableName: T, Item: { pk: `${pk}#IDEMP`, sk: 'IDEMP', resultat: itemPlancher.contenu }, ConditionExpression: 'attribute_not_exists(pk)' } },
        ],
      }));
    },
  },
  {
    nom: 'GET /dossiers/{id}/plan-financement/controles',
    plancher: 'un GetItem du dossier',
    a: () => http(`/dossiers/${config.brouillon}/plan-financement/controles`, { jeton: config.jetons.porteur }),
    b: () => ddb.send(new GetCommand({ TableName: T, Key: { pk: `DOSSIER#${config.brouillon}`, sk: 'META' } })),
  },
  {
    nom: 'GET /gestion/dossiers (page de 50, filtre statut)',
    plancher: 'une Query d’une page de l’index gsi3 (51 items)',
    a: () => http(`/gestion/dossiers?aapId=${config.aapDemo.id}&statut=${config.listeStatut}&limit=50`, { jeton: config.jetons.oi }),
    b: () => ddb.send(new QueryCommand({
      TableName: T, IndexName: 'gsi3', KeyConditionExpression: 'gsi3pk = :p AND begins_with(gsi3sk, :a)',
      ExpressionAttributeValues: { ':p': `DOSOI#${config.aapDemo.oi}#${config.listeStatut}`, ':a': `${config.aapDemo.id}#` }, Limit: 51,
    })),
  },
  {
    nom: 'GET /aaps/{id}/enveloppe',
    plancher: 'un GetItem (l’en-tête de l’AAP)',
    a: () => http(`/aaps/${config.aapDemo.id}/enveloppe`, { jeton: config.jetons.oi }),
    b: () => ddb.send(new GetCommand({ TableName: T, Key: { pk: `AAP#${config.aapDemo.id}`, sk: 'META' } })),
  },
  {
    nom: 'GET /aaps/{id}/document.pdf (déjà produit)',
    plancher: 'un GetItem de la version de l’AAP, puis l’émission d’une URL présignée de lecture S3',
    // The catalogue's plain link: a 303 to the cached file's presigned URL (shared/http/document.ts).
    a: () => http(`/aaps/${config.agape.id}/document.pdf?lien=redirection`, { attendu: 303 }),
    b: async () => {
      await ddb.send(new GetCommand({ TableName: T, Key: { pk: `AAP#${config.agape.id}`, sk: 'META' }, ProjectionExpression: 'version, statut' }));
      return getSignedUrl(s3, new GetObjectCommand({ Bucket: config.bucket, Key: `documents/banc/${config.agape.id}.pdf` }), { expiresIn: 300 });
    },
  },
];

const resultats: Record<string, unknown> = {};
for (const s of scenarios) {
  if (config.seuls && !config.seuls.some((x) => s.nom.includes(x))) continue;
  resultats[s.nom] = await executer(s);
  process.stderr.write(`  ${s.nom} : fait\n`);
}
process.stdout.write(JSON.stringify(resultats));
