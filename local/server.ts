/**
 * Guichet on one machine: DynamoDB Local + s3rver + the local API gateway serving the handlers of the manifest and
 * the web app, on one port. `startGuichet` is what `npm start`, the integration tests and the e2e tests run.
 */
import { createServer } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ENV } from '#infra/definitions';
import { resetConfigForLocalRuntime } from '#shared/config';
import { creerGateway } from './gateway';
import { creerFournisseur, type FournisseurLocal } from './oidc';
import { brancherEvenementsS3 } from './s3-events';
import { demarrerBoiteMail, type BoiteMail } from './boite-mail';
import { lireFlux } from './flux-dynamo';
import { planifierRappels } from './planificateur';
import { definirTransport } from '#shared/email/transport';
import { creerBucket, creerTable, demarrerDynamo, demarrerS3, type S3Local } from './services';
import { definirAnnuaire } from '#shared/auth/annuaire';
import { annuaireLocal } from './demo-users';
import { referentielPlies, seed as seedDemo } from './seed';

export interface GuichetOptions {
  /** 0 picks a free port. Default 3000. */
  port?: number;
  /** Where data, keys and files are kept. Default `GUICHET_DATA_DIR` or `.local/`. */
  dataDir?: string;
  /** Keep DynamoDB in memory (tests); files still go to `dataDir`. */
  inMemory?: boolean;
  seed?: boolean;
  /** Reuse a running DynamoDB Local (integration tests share one; each file still gets its own s3rver, whose
   *  object events must reach this process's handlers). */
  services?: { dynamoEndpoint: string };
  tableName?: string;
  bucketName?: string;
  webDir?: string;
  /** The daily reminders' local scheduler (default: on with `npm start`, off in tests, which run them by hand). */
  rappels?: boolean;
}

export interface Guichet {
  url: string;
  port: number;
  tableName: string;
  bucketName: string;
  dynamoEndpoint: string;
  s3Endpoint: string;
  dataDir: string;
  /** The local mail catcher: what the notifications sender delivered (the inbox is at `${url}/boite-mail`). */
  boiteMail: BoiteMail;
  stop(): Promise<void>;
}

const RACINE = resolve(import.meta.dirname, '..');

export async function startGuichet(options: GuichetOptions = {}): Promise<Guichet> {
  // An in-memory run (tests) never touches the developer's data dir unless told to.
  const dataDir = resolve(
    options.dataDir ?? (options.inMemory ? mkdtempSync(join(tmpdir(), 'guichet-')) : (process.env.GUICHET_DATA_DIR ?? join(RACINE, '.local'))),
  );
  const arrets: Array<() => Promise<void>> = [];
  let dynamoEndpoint = options.services?.dynamoEndpoint;
  let s3: S3Local | undefined;
  if (!dynamoEndpoint) {
    const d = await demarrerDynamo(options.inMemory ? {} : { dossier: join(dataDir, 'dynamodb') });
    arrets.push(d.stop);
    dynamoEndpoint = d.endpoint;
  }
  s3 = await demarrerS3({ dossier: join(dataDir, 's3') });
  arrets.push(s3.stop);
  const s3Endpoint = s3.endpoint;
  const tableName = options.tableName ?? 'guichet';
  const bucketName = options.bucketName ?? 'guichet-fichiers';
  await creerTable(dynamoEndpoint, tableName);
  await creerBucket(s3Endpoint, bucketName);

  const keysDir = join(dataDir, 'keys');
  Object.assign(process.env, {
    [ENV.table]: tableName,
    [ENV.bucket]: bucketName,
    AWS_REGION: 'eu-west-3',
    GUICHET_DYNAMODB_ENDPOINT: dynamoEndpoint,
    GUICHET_S3_ENDPOINT: s3Endpoint,
    GUICHET_DEV_KEYS_DIR: keysDir,
    // The self-signed sealing certificate (shared/signature/certificat.ts), made on the first sealed PDF.
    GUICHET_CERTIFICAT_DIR: join(dataDir, 'certificat'),
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
    // No CloudWatch here: metrics would only print EMF blobs; the Tracer is off anyway outside Lambda.
    POWERTOOLS_METRICS_DISABLED: 'true',
    POWERTOOLS_TRACE_ENABLED: 'false',
  });
  resetConfigForLocalRuntime();
  definirAnnuaire(annuaireLocal);
  await referentielPlies();
  if (options.seed) await seedDemo();

  const evenements = brancherEvenementsS3(s3.server);
  arrets.unshift(evenements.vider);
  // E-mails: the same sender as on AWS, fed by the table's stream, delivering over SMTP to the in-process catcher.
  const boiteMail = await demarrerBoiteMail(options.inMemory ? {} : { dossier: join(dataDir, 'boite-mail') });
  arrets.push(boiteMail.stop);
  definirTransport(boiteMail.transport);
  // The OpenID provider's issuer is `${url}/idp`: it is created once the port is known.
  let idp: FournisseurLocal | undefined;
  const traiter = creerGateway({ webDir: resolve(options.webDir ?? join(RACINE, 'web', 'dist')), idp: () => idp, boiteMail });
  const serveur = createServer((req, res) => void traiter(req, res));
  const port = await new Promise<number>((ok, ko) => {
    serveur.once('error', ko);
    serveur.listen(options.port ?? 3000, '127.0.0.1', () => {
      const a = serveur.address();
      ok(typeof a === 'object' && a ? a.port : 0);
    });
  });
  const url = `http://127.0.0.1:${port}`;
  idp = await creerFournisseur({ url, keysDir });
  Object.assign(process.env, {
    [ENV.oidcIssuer]: idp.issuer, [ENV.oidcAudience]: idp.clientId,
    [ENV.publicUrl]: url, [ENV.emailFrom]: process.env[ENV.emailFrom] ?? 'Guichet <ne-pas-repondre@guichet.test>',
  });
  resetConfigForLocalRuntime();
  const flux = lireFlux({ endpoint: dynamoEndpoint, table: tableName });
  arrets.push(flux.stop);
  if (options.rappels ?? false) arrets.push(planifierRappels());
  return {
    url,
    port,
    tableName,
    bucketName,
    dynamoEndpoint,
    s3Endpoint,
    dataDir,
    boiteMail,
    stop: async () => {
      await new Promise<void>((r) => {
        serveur.close(() => r());
        serveur.closeAllConnections();
      });
      for (const a of arrets.reverse()) await a();
    },
  };
}
