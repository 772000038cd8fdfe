/**
 * Powertools for AWS Lambda, in one place: the Logger (with the Lambda context and a correlation id), the Tracer
 * (X-Ray segments, SDK clients captured in repositories/clients.ts and storage/s3.ts) and Metrics (EMF, cold start
 * included). Handlers
 * never import Powertools: the HTTP wrapper (handler.ts) and `tache` below apply these middlewares. Outside Lambda
 * tracing is off (no AWS_EXECUTION_ENV, or POWERTOOLS_TRACE_ENABLED=false) and the Tracer is not even loaded, nor the
 * X-Ray SDK it brings (about 110 kB to evaluate at each cold start); the local runtime sets
 * POWERTOOLS_METRICS_DISABLED, so `npm start` and the tests neither need X-Ray nor print metric blobs.
 */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { MOTIFS_ANALYSE } from '../domain/piece/analyse';
import type { Piece } from '../schemas/piece';
import { logger } from './logger';
import { config, type Config } from '../config';
import { METRIQUES, NAMESPACE, SERVICE, type Metrique } from './metriques';

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

let instance: Metrics | undefined;
/** Created on first use, once the local runtime has set POWERTOOLS_METRICS_DISABLED (read at construction). */
export function metrics(): Metrics {
  instance ??= new Metrics({ namespace: NAMESPACE, serviceName: SERVICE });
  return instance;
}

/** Wraps an AWS SDK v3 client in X-Ray subsegments when tracing is on (a no-op locally). */
export function tracerClient<T>(client: T): T {
  return tracage?.tracer.isTracingEnabled() ? tracage.tracer.captureAWSv3Client(client) : client;
}

export function compter(nom: Metrique, valeur = 1): void {
  metrics().addMetric(nom, MetricUnit.Count, valeur);
}

export function mesurer(nom: Metrique, valeur: number, unite: 'Seconds' | 'Count' | 'NoUnit' = 'NoUnit'): void {
  metrics().addMetric(nom, MetricUnit[unite], valeur);
}

/** One error answered, by its code (its own dimension: a single-metric blob, flushed at once). */
export function compterErreur(code: string): void {
  const m = metrics().singleMetric();
  m.addDimension('code', code);
  m.addMetric(METRIQUES.erreurs, MetricUnit.Count, 1);
}

/**
 * Powertools' logMetrics, except that an invocation without metrics (most reads) publishes nothing instead of
 * logging « No application metrics to publish » on every request.
 */
const publierMetriques = (): middy.MiddlewareObj => {
  const publier = () => {
    if (metrics().hasStoredMetrics()) metrics().publishStoredMetrics();
  };
  return { before: () => metrics().captureColdStartMetric(), after: publier, onError: publier };
};

/** The middlewares every handler wears, outermost first: logger context, trace segment, metrics flush. */
export const observer = () => [
  injectLambdaContext(logger, { resetKeys: true }),
  ...(tracage ? [tracage.segment()] : []),
  publierMetriques(),
];

/** A handler that no HTTP route calls (S3, EventBridge, Scheduler, DynamoDB Stream), with the same observability. */
export function tache<E, R>(fn: (event: E, context: Context) => Promise<R>): (event: E, context?: Context) => Promise<R> {
  // middy supplies an empty context when a test or the local runtime calls the handler without one.
  return middy(fn).use(observer()) as unknown as (event: E, context?: Context) => Promise<R>;
}

/** Counts a verification's outcome: valid, rejected, infected, or a scan that failed on GuardDuty's side. */
export function compterVerdict(piece: Pick<Piece, 'etat' | 'motifRejet'> | null): void {
  if (!piece) return;
  if (piece.etat === 'valide') compter(METRIQUES.piecesValidees);
  if (piece.etat !== 'rejetee') return;
  compter(METRIQUES.piecesRejetees);
  if (piece.motifRejet === MOTIFS_ANALYSE.THREATS_FOUND.motif) compter(METRIQUES.piecesInfectees);
  if (piece.motifRejet === MOTIFS_ANALYSE.ACCESS_DENIED.motif || piece.motifRejet === MOTIFS_ANALYSE.FAILED.motif) compter(METRIQUES.analysesEchouees);
}
