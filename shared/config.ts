import * as z from 'zod';

/**
 * The only reader of process.env. Read once, on first use (the local runtime sets the variables before the first
 * request), through a schema: a missing or malformed variable fails loudly at start, not mid-request.
 */
const Config = z.object({
  TABLE_NAME: z.string().min(1).optional(),
  BUCKET_NAME: z.string().min(1).optional(),
  AWS_REGION: z.string().default('eu-west-3'),
  /** Set by the local runtime only: DynamoDB Local and s3rver endpoints. */
  GUICHET_DYNAMODB_ENDPOINT: z.url().optional(),
  GUICHET_S3_ENDPOINT: z.url().optional(),
  /** Directory of the development identity provider's keys (local runtime only). */
  GUICHET_DEV_KEYS_DIR: z.string().optional(),
  GUICHET_VERSION: z.string().default('0.1.0'),
  /** OpenID issuer and client id (audience) of the ID tokens the API accepts; JWKS at `<issuer>/.well-known/jwks.json`. */
  GUICHET_OIDC_ISSUER: z.url().optional(),
  GUICHET_OIDC_AUDIENCE: z.string().min(1).optional(),
  /** The Cognito user pool whose directory composes comités (AWS only; the local runtime installs its own). */
  GUICHET_USER_POOL_ID: z.string().min(1).optional(),
  /** The app's public origin: e-mails link to its pages (notifications sender). */
  GUICHET_PUBLIC_URL: z.url().optional(),
  /** The sender address of notifications (a verified SES identity on AWS). */
  GUICHET_EMAIL_FROM: z.string().min(3).optional(),
  /** The SES region of the sender identity (AWS_REGION when absent). */
  GUICHET_SES_REGION: z.string().min(1).optional(),
  /** Secrets Manager secret `{ certificatPem, clePem }` of the platform's sealing certificate (AWS). */
  CERTIFICAT_SECRET_ID: z.string().min(1).optional(),
  /** Local only: where the self-signed sealing certificate is kept (default `<GUICHET_DATA_DIR or .local>/certificat`). */
  GUICHET_CERTIFICAT_DIR: z.string().min(1).optional(),
  /** Set by Lambda: a function there must not make its own sealing certificate. */
  AWS_LAMBDA_FUNCTION_NAME: z.string().min(1).optional(),
  /** Local only: the local runtime's data directory (local/server.ts). */
  GUICHET_DATA_DIR: z.string().min(1).optional(),
  /** Set by Lambda (the runtime), SAM and Powertools' switch: whether the Tracer is loaded (shared/http/observabilite.ts). */
  AWS_EXECUTION_ENV: z.string().optional(),
  AWS_SAM_LOCAL: z.string().optional(),
  POWERTOOLS_TRACE_ENABLED: z.string().optional(),
  /**
   * AWS: the value CloudFront adds to every request it forwards to the API (header `x-guichet-origine`). When set, a
   * request without it — sent to the default execute-api endpoint, around CloudFront and its web ACL — is refused.
   */
  GUICHET_SECRET_ORIGINE: z.string().min(32).optional(),
});
export type Config = z.infer<typeof Config>;

let lu: Config | undefined;

export function config(): Config {
  lu ??= Config.parse(process.env);
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
