/**
 * Which failures of the AWS SDK mean « storage is down or saturated » rather than « this code is wrong »: the
 * client's request was fine and the same request will likely succeed later, so the answer is a 503 with
 * `Retry-After`, never a 500. Read from the error's shape (name, Node `code`, `$metadata`, `$retryable`), the same
 * for DynamoDB and S3, on AWS and locally.
 */

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

/** What an error says of itself, read as the SDK shapes it (by hand: every handler loads this, most validate nothing). */
interface ErreurSdk {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  $retryable?: { throttling?: boolean };
  cause?: unknown;
  errors?: unknown[];
}

const objet = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const facultatif = (v: unknown, type: 'string' | 'boolean') => v === undefined || typeof v === type;
const nombreFacultatif = (v: unknown) => v === undefined || (typeof v === 'number' && Number.isFinite(v));

/** `e` as an SDK error, or null when one of these fields has another type (such an `e` is not the SDK's). */
function erreurSdk(e: unknown): ErreurSdk | null {
  if (!objet(e)) return null;
  const { name, code, message, $metadata, $retryable, cause, errors } = e;
  if (!facultatif(name, 'string') || !facultatif(code, 'string') || !facultatif(message, 'string')) return null;
  if ($metadata !== undefined && !(objet($metadata) && nombreFacultatif($metadata.httpStatusCode))) return null;
  if ($retryable !== undefined && !(objet($retryable) && facultatif($retryable.throttling, 'boolean'))) return null;
  if (errors !== undefined && !Array.isArray(errors)) return null;
  return {
    name: name as string | undefined,
    code: code as string | undefined,
    message: message as string | undefined,
    $metadata: $metadata as ErreurSdk['$metadata'],
    $retryable: $retryable as ErreurSdk['$retryable'],
    cause,
    errors,
  };
}

export interface Panne {
  /** Seconds before the client should retry. */
  retryApres: number;
  /** What failed, for the log (never the request). */
  motif: string;
}

/** A `Panne` when `e` (or its cause) says the storage is unreachable or saturated; null for anything else. */
export function panneStockage(e: unknown, profondeur = 0): Panne | null {
  const lue = erreurSdk(e);
  if (!lue || profondeur > 3) return null;
  const { name = '', code = '', message = '', $metadata, $retryable } = lue;
  if (RESEAU.has(code) || /socket hang up|ECONNREFUSED|ECONNRESET/.test(message)) return { retryApres: 5, motif: code || 'réseau' };
  if (SATURATION.has(name) || $retryable?.throttling) return { retryApres: name === 'TimeoutError' ? 5 : 2, motif: name || 'saturation' };
  if (($metadata?.httpStatusCode ?? 0) >= 500) return { retryApres: 5, motif: `${name || 'http'} ${$metadata?.httpStatusCode}` };
  // Node wraps the attempts of a dual-stack connect in an AggregateError; fetch wraps its cause.
  for (const sous of [lue.cause, ...(lue.errors ?? [])]) {
    const p = sous === undefined ? null : panneStockage(sous, profondeur + 1);
    if (p) return p;
  }
  return null;
}
