/**
 * The only reader of process.env. Read once, on first use (the local runtime sets the variables before the first
 * request), against the table below: a missing or malformed variable fails loudly at start, not mid-request. Read by
 * hand rather than through a zod schema: every handler reads its configuration, including those that validate nothing
 * (`GET /health`), and none should load a schema library to do so.
 */

/**
 * How a variable is read: a string of at least `min` characters, a URL (what zod's `z.url()` accepts and returns:
 * trimmed, parsed by the WHATWG parser, tabs and line breaks removed), or `defaut` when it is absent.
 */
interface Lecture {
  min?: number;
  url?: true;
  defaut?: string;
}

const VARIABLES = {
  TABLE_NAME: { min: 1 },
  BUCKET_NAME: { min: 1 },
  AWS_REGION: { defaut: 'eu-west-3' },
  /** Set by the local runtime only: DynamoDB Local and s3rver endpoints. */
  GUICHET_DYNAMODB_ENDPOINT: { url: true },
  GUICHET_S3_ENDPOINT: { url: true },
  /** Directory of the development identity provider's keys (local runtime only). */
  GUICHET_DEV_KEYS_DIR: {},
  GUICHET_VERSION: { defaut: '0.1.0' },
  /** OpenID issuer and client id (audience) of the ID tokens the API accepts; JWKS at `<issuer>/.well-known/jwks.json`. */
  GUICHET_OIDC_ISSUER: { url: true },
  GUICHET_OIDC_AUDIENCE: { min: 1 },
  /** The Cognito user pool whose directory composes comités (AWS only; the local runtime installs its own). */
  GUICHET_USER_POOL_ID: { min: 1 },
  /** The app's public origin: e-mails link to its pages (notifications sender). */
  GUICHET_PUBLIC_URL: { url: true },
  /** The sender address of notifications (a verified SES identity on AWS). */
  GUICHET_EMAIL_FROM: { min: 3 },
  /** The SES region of the sender identity (AWS_REGION when absent). */
  GUICHET_SES_REGION: { min: 1 },
  /** Secrets Manager secret `{ certificatPem, clePem }` of the platform's sealing certificate (AWS). */
  CERTIFICAT_SECRET_ID: { min: 1 },
  /** Local only: where the self-signed sealing certificate is kept (default `<GUICHET_DATA_DIR or .local>/certificat`). */
  GUICHET_CERTIFICAT_DIR: { min: 1 },
  /** Set by Lambda: a function there must not make its own sealing certificate. */
  AWS_LAMBDA_FUNCTION_NAME: { min: 1 },
  /** Local only: the local runtime's data directory (local/server.ts). */
  GUICHET_DATA_DIR: { min: 1 },
  /** Set by Lambda (the runtime), SAM and Powertools' switch: whether the Tracer is loaded (shared/http/tracage.ts). */
  AWS_EXECUTION_ENV: {},
  AWS_SAM_LOCAL: {},
  POWERTOOLS_TRACE_ENABLED: {},
  /**
   * AWS: the value CloudFront adds to every request it forwards to the API (header `x-guichet-origine`). When set, a
   * request without it — sent to the default execute-api endpoint, around CloudFront and its web ACL — is refused.
   */
  GUICHET_SECRET_ORIGINE: { min: 32 },
} as const satisfies Record<string, Lecture>;

type Variables = typeof VARIABLES;
type AvecDefaut = { [K in keyof Variables]: Variables[K] extends { defaut: string } ? K : never }[keyof Variables];
export type Config = { [K in AvecDefaut]: string } & { [K in Exclude<keyof Variables, AvecDefaut>]?: string };

function lire(env: Record<string, string | undefined>): Config {
  const lu: Record<string, string> = {};
  const erreurs: string[] = [];
  for (const [nom, l] of Object.entries(VARIABLES) as [string, Lecture][]) {
    let valeur = env[nom];
    if (valeur === undefined) {
      if (l.defaut !== undefined) lu[nom] = l.defaut;
      continue;
    }
    if (l.url) {
      const sansEspaces = valeur.trim();
      if (!URL.canParse(sansEspaces)) {
        erreurs.push(`${nom} n’est pas une URL valide`);
        continue;
      }
      valeur = sansEspaces.replace(/[\t\n\r]/g, '');
    }
    if (l.min !== undefined && valeur.length < l.min) {
      erreurs.push(`${nom} doit compter au moins ${l.min} caractère${l.min > 1 ? 's' : ''}`);
      continue;
    }
    lu[nom] = valeur;
  }
  if (erreurs.length > 0) throw new Error(`Configuration invalide : ${erreurs.join(' ; ')}.`);
  return lu as Config;
}

let lu: Config | undefined;

export function config(): Config {
  lu ??= lire(process.env);
  return lu;
}

export function tableName(): string {
  const t = config().TABLE_NAME;
  if (!t) throw new Error('TABLE_NAME n’est pas défini pour cette fonction (voir shared/http/routes.ts, access.table).');
  return t;
}

export function bucketName(): string {
  const b = config().BUCKET_NAME;
  if (!b) throw new Error('BUCKET_NAME n’est pas défini pour cette fonction (voir shared/http/routes.ts, access.bucket).');
  return b;
}

/** Only the local runtime and tests may call this, to point a fresh process at their own services. */
export function resetConfigForLocalRuntime(): void {
  lu = undefined;
}
