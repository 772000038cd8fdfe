import { describe, expect, it } from 'vitest';
import { panneStockage } from '#shared/http/indisponibilite';

const sdk = (name: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(name), { name, $metadata: { httpStatusCode: 400 }, ...extra });

describe('panneStockage', () => {
  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED', $metadata: { attempts: 4 } })],
    ['an unknown host', Object.assign(new Error('getaddrinfo ENOTFOUND x'), { code: 'ENOTFOUND' })],
    ['a timeout', Object.assign(new Error('connect ETIMEDOUT'), { code: 'ETIMEDOUT' })],
    ['a hung-up socket', new Error('socket hang up')],
    ['the SDK timeout', sdk('TimeoutError', { $metadata: {} })],
    ['DynamoDB throttling', sdk('ThrottlingException', { $retryable: { throttling: true } })],
    ['exceeded throughput', sdk('ProvisionedThroughputExceededException')],
    ['the account request limit', sdk('RequestLimitExceeded')],
    ['S3 slowing down', sdk('SlowDown', { $metadata: { httpStatusCode: 503 } })],
    ['S3 unavailable', sdk('ServiceUnavailable', { $metadata: { httpStatusCode: 503 } })],
    ['DynamoDB internal error', sdk('InternalServerError', { $metadata: { httpStatusCode: 500 } })],
    ['any 5xx of the service', sdk('UnknownError', { $metadata: { httpStatusCode: 502 } })],
    ['a refused dual-stack connect', Object.assign(new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })], ''), {})],
    ['a fetch failure', new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code: 'ECONNRESET' }) })],
  ])('sees a storage failure in %s', (_quoi, e) => {
    const p = panneStockage(e);
    expect(p).not.toBeNull();
    expect(p!.retryApres).toBeGreaterThan(0);
  });

  it.each([
    ['a validation error', sdk('ValidationException')],
    ['a failed condition', sdk('ConditionalCheckFailedException')],
    ['a cancelled transaction', sdk('TransactionCanceledException')],
    ['a missing S3 key', sdk('NoSuchKey', { $metadata: { httpStatusCode: 404 } })],
    ['a programming error', new TypeError('Cannot read properties of undefined')],
    ['a string', 'boom'],
    ['null', null],
  ])('leaves %s to the 500 path', (_quoi, e) => {
    expect(panneStockage(e)).toBeNull();
  });
});
