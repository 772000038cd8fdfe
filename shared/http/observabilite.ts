/**
 * Powertools for AWS Lambda, in one place: the Logger (with the Lambda context and a correlation id), the Tracer's
 * handler segment (X-Ray; the Tracer itself is loaded by ./tracage.ts, where the SDK clients it captures are made, so
 * a function calling no AWS service bundles no X-Ray SDK) and Metrics (EMF, cold start included). Handlers never
 * import Powertools: the HTTP wrapper (handler.ts) and `tache` below apply these middlewares. The local runtime sets
 * POWERTOOLS_METRICS_DISABLED, so `npm start` and the tests neither need X-Ray nor print metric blobs.
 */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { MOTIFS_ANALYSE } from '../domain/piece/analyse';
import type { Piece } from '../schemas/piece';
import { logger } from './logger';
import { METRIQUES, NAMESPACE, SERVICE, type Metrique } from './metriques';

let segment: (() => middy.MiddlewareObj) | undefined;
/** Set by ./tracage.ts once it has loaded the Tracer: each handler built afterwards opens its X-Ray segment. */
export function tracerLesHandlers(s: () => middy.MiddlewareObj): void {
  segment = s;
}

let instance: Metrics | undefined;
/** Created on first use, once the local runtime has set POWERTOOLS_METRICS_DISABLED (read at construction). */
export function metrics(): Metrics {
  instance ??= new Metrics({ namespace: NAMESPACE, serviceName: SERVICE });
  return instance;
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
  ...(segment ? [segment()] : []),
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
