/**
 * X-Ray tracing (Powertools Tracer), imported where the AWS SDK clients are made (repositories/clients.ts,
 * storage/s3.ts): a function that calls DynamoDB or S3 traces its handler and each SDK call; one that calls neither
 * (`GET /health`, the OpenAPI document) bundles neither the Tracer nor the X-Ray SDK under it (about 110 kB). Outside
 * Lambda tracing is off (no AWS_EXECUTION_ENV, or POWERTOOLS_TRACE_ENABLED=false) and the Tracer is not even loaded.
 */
import { config, type Config } from '../config';
import { SERVICE } from './metriques';
import { tracerLesHandlers } from './observabilite';

/** Powertools' own rule: traced in Lambda unless POWERTOOLS_TRACE_ENABLED=false, never under SAM or Amplify mocks. */
export function tracageActif(env: Pick<Config, 'AWS_EXECUTION_ENV' | 'AWS_SAM_LOCAL' | 'POWERTOOLS_TRACE_ENABLED'> = config()): boolean {
  const execution = env.AWS_EXECUTION_ENV ?? '';
  return (
    execution !== '' &&
    execution !== 'AWS_Lambda_amplify-mock' &&
    !env.AWS_SAM_LOCAL &&
    (env.POWERTOOLS_TRACE_ENABLED ?? '').toLowerCase() !== 'false'
  );
}

/** The Tracer and its middleware, loaded while the module loads (Lambda's init phase) and only where tracing is on. */
async function chargerTracage() {
  const [{ Tracer }, { captureLambdaHandler }] = await Promise.all([
    import('@aws-lambda-powertools/tracer'),
    import('@aws-lambda-powertools/tracer/middleware'),
  ]);
  const tracer = new Tracer({ serviceName: SERVICE });
  return { tracer, segment: () => captureLambdaHandler(tracer, { captureResponse: false }) };
}
const tracage = tracageActif() ? await chargerTracage() : undefined;
// Evaluated before the handler module that (through a repository or the storage) imports this one builds its handler.
if (tracage) tracerLesHandlers(tracage.segment);

/** Wraps an AWS SDK v3 client in X-Ray subsegments when tracing is on (a no-op locally). */
export function tracerClient<T>(client: T): T {
  return tracage?.tracer.isTracingEnabled() ? tracage.tracer.captureAWSv3Client(client) : client;
}

/**
 * Takes the SDK's own logging step off a client: Guichet gives its clients no logger, yet the default one (a no-op
 * with methods) makes that step filter every command's input and output for sensitive fields — a walk of each whole
 * item, both ways, on every call (measured: about a tenth of a draft save's CPU). Errors still reach the caller.
 */
export function sansJournalSdk<T extends { middlewareStack: { remove(nom: string): boolean } }>(client: T): T {
  client.middlewareStack.remove('loggerMiddleware');
  return client;
}
