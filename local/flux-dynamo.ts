/**
 * The table's DynamoDB Stream, read from DynamoDB Local as the Lambda event source mapping reads it on AWS: every
 * shard from its oldest record, then onwards, handed in batches to the stream-triggered handlers of the manifest
 * (`fluxDynamo`), each read on its own as each mapping reads it, with the mapping's filter (INSERT, or the events it names, of items whose keys begin with its prefixes). Records a handler
 * reports as failed are handed again a few times (the mapping's retries); a periodic sweep of the handler's own
 * (`balayer`) catches what a restart missed.
 */
import { join, resolve } from 'node:path';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record,
} from '@aws-sdk/client-dynamodb-streams';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import * as z from 'zod';
import { evenementsDe, fluxDynamo, passeFiltres, type EvenementFlux } from '#shared/http/taches';
import { sansJournalSdk } from '#shared/http/tracage';

const RACINE = resolve(import.meta.dirname, '..');
type StreamHandler = (e: DynamoDBStreamEvent, c: Context) => Promise<DynamoDBBatchResponse | void>;
const Module = z.object({ handler: z.custom<StreamHandler>((h) => typeof h === 'function') });
const CREDS = { accessKeyId: 'local', secretAccessKey: 'local' };
const REESSAIS = 3;
/** Records handed to the handlers at once (the event source mapping's batch), and read from a shard at once (its maximum). */
const PAGE = 100;
const LECTURE = 1000;

export function lireFlux(options: { endpoint: string; table: string; intervalleMs?: number }) {
  // As the product's own clients: no SDK logging step walking every record read (shared/http/tracage.ts).
  const streams = sansJournalSdk(new DynamoDBStreamsClient({ endpoint: options.endpoint, region: 'eu-west-3', credentials: CREDS }));
  const dynamo = sansJournalSdk(new DynamoDBClient({ endpoint: options.endpoint, region: 'eu-west-3', credentials: CREDS }));
  const charges = new Map<string, Promise<StreamHandler>>();
  const charger = (chemin: string) => {
    if (!charges.has(chemin)) charges.set(chemin, import(join(RACINE, chemin)).then((m: unknown) => Module.parse(m).handler));
    return charges.get(chemin)!;
  };
  let arret = false;

  /**
   * One reader per handler, as each event source mapping reads the stream on its own on AWS: a handler working
   * through a backlog (the participant counters after an import of 10 000 rows) does not hold up the others.
   */
  function lecteur(abonnement: (typeof fluxDynamo)[number]): Promise<void> {
    const iterateurs = new Map<string, string | null>();
    let arn: string | undefined;
    let shards: Array<{ ShardId?: string | undefined }> = [];
    let decritLe = 0;

    async function livrer(records: _Record[]) {
      const evenements = evenementsDe(abonnement);
      let lot = records.filter((r) => evenements.includes(r.eventName as EvenementFlux) && passeFiltres(abonnement.filtres, { pk: r.dynamodb?.Keys?.pk?.S, sk: r.dynamodb?.Keys?.sk?.S }));
      const h = await charger(abonnement.handler);
      for (let essai = 0; lot.length && essai <= REESSAIS; essai++) {
        if (essai) await new Promise((ok) => setTimeout(ok, 200 * 2 ** essai));
        const r = await h({ Records: lot } as unknown as DynamoDBStreamEvent, { awsRequestId: `flux-${Date.now()}`, functionName: abonnement.handler } as Context);
        const echecs = new Set((r?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
        lot = lot.filter((x) => echecs.has(x.dynamodb?.SequenceNumber ?? ''));
      }
    }

    /** One read of every shard; true when a shard gave a full page (a backlog: read on without waiting). */
    async function tour(): Promise<boolean> {
      // The stream and its shards are described every few seconds only (four readers poll the same DynamoDB Local).
      if (!arn || Date.now() - decritLe > 5000) {
        arn = (await dynamo.send(new DescribeTableCommand({ TableName: options.table }))).Table?.LatestStreamArn;
        if (!arn) return false;
        shards = (await streams.send(new DescribeStreamCommand({ StreamArn: arn }))).StreamDescription?.Shards ?? [];
        decritLe = Date.now();
      }
      for (const s of shards) {
        const id = s.ShardId!;
        if (!iterateurs.has(id)) {
          const it = await streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: id, ShardIteratorType: 'TRIM_HORIZON' }));
          iterateurs.set(id, it.ShardIterator ?? null);
        }
      }
      let plein = false;
      for (const [id, it] of iterateurs) {
        if (!it) continue;
        const r = await streams.send(new GetRecordsCommand({ ShardIterator: it, Limit: LECTURE }));
        const records = r.Records ?? [];
        plein ||= records.length >= LECTURE;
        iterateurs.set(id, r.NextShardIterator ?? null);
        for (let i = 0; i < records.length; i += PAGE) {
          try {
            await livrer(records.slice(i, i + PAGE));
          } catch (e) {
            console.error('Erreur du traitement d’un lot du flux DynamoDB', e);
          }
        }
      }
      return plein;
    }

    const boucle = async () => {
      while (!arret) {
        let encore = false;
        try {
          encore = await tour();
        } catch (e) {
          if (!arret) console.error('Lecture du flux DynamoDB', e instanceof Error ? e.message : e);
        }
        // After a burst of writes (an import's 20 000 items), the backlog is read page after page: a job started
        // behind it waits for the backlog, not for one pause per page.
        if (!encore) await new Promise((ok) => setTimeout(ok, options.intervalleMs ?? 250));
      }
    };
    return boucle();
  }

  const enCours = Promise.all(fluxDynamo.map(lecteur));
  return {
    stop: async () => {
      arret = true;
      await enCours;
      streams.destroy();
      dynamo.destroy();
    },
  };
}
