/**
 * Which failures of the AWS SDK mean « storage is down or saturated » rather than « this code is wrong »: the
 * client's request was fine and the same request will likely succeed later, so the answer is a 503 with
 * `Retry-After`, never a 500. Read from the error's shape (name, Node `code`, `$metadata`, `$retryable`), the same
 * for DynamoDB and S3, on AWS and locally.
 */
import * as z from 'zod';

/** Connection-level failures (Node's `code`): the endpoint is unreachable, refused or cut the connection. */
const RESEAU = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EAI_AGAIN', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED',
  'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT',
]);

/** Service-side refusals that say « later », by the SDK's error name. */
const SATURATION = new Set([
  'ThrottlingException', 'ProvisionedThroughputExceededException', 'RequestLimitExceeded', 'LimitExceededException',
  'ServiceUnavailable', 'ServiceUnavailableException', 'InternalServerError', 'InternalFailure', 'SlowDown',
  'TimeoutError', 'RequestTimeout', 'RequestTimeoutException',
]);

const ErreurSdk = z.object({
  name: z.string().optional(),
  code: z.string().optional(),
  message: z.string().optional(),
  $metadata: z.object({ httpStatusCode: z.number().optional() }).optional(),
  $retryable: z.object({ throttling: z.boolean().optional() }).optional(),
  cause: z.unknown().optional(),
  errors: z.array(z.unknown()).optional(),
});

export interface Panne {
  /** Seconds before the client should retry. */
  retryApres: number;
  /** What failed, for the log (never the request). */
  motif: string;
}

/** A `Panne` when `e` (or its cause) says the storage is unreachable or saturated; null for anything else. */
export function panneStockage(e: unknown, profondeur = 0): Panne | null {
  const r = ErreurSdk.safeParse(e);
  if (!r.success || profondeur > 3) return null;
  const { name = '', code = '', message = '', $metadata, $retryable } = r.data;
  if (RESEAU.has(code) || /socket hang up|ECONNREFUSED|ECONNRESET/.test(message)) return { retryApres: 5, motif: code || 'réseau' };
  if (SATURATION.has(name) || $retryable?.throttling) return { retryApres: name === 'TimeoutError' ? 5 : 2, motif: name || 'saturation' };
  if (($metadata?.httpStatusCode ?? 0) >= 500) return { retryApres: 5, motif: `${name || 'http'} ${$metadata?.httpStatusCode}` };
  // Node wraps the attempts of a dual-stack connect in an AggregateError; fetch wraps its cause.
  for (const sous of [r.data.cause, ...(r.data.errors ?? [])]) {
    const p = sous === undefined ? null : panneStockage(sous, profondeur + 1);
    if (p) return p;
  }
  return null;
}
