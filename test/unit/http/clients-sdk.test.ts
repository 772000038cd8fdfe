/**
 * The AWS SDK clients Guichet makes carry no SDK logging step: with no logger given, the default one still makes that
 * step walk every command's input and output (whole items) for sensitive fields, for nothing (shared/http/tracage.ts).
 */
import { describe, expect, it } from 'vitest';
import { dynamo } from '#shared/repositories/clients';
import { s3 } from '#shared/storage/s3';

const etapes = (c: { middlewareStack: { identify(): string[] } }) => c.middlewareStack.identify();

describe('the SDK clients', () => {
  it('have no logging step, and keep the rest of their stack (signing, retries)', () => {
    for (const client of [dynamo(), s3()]) {
      expect(etapes(client).some((x) => x.startsWith('loggerMiddleware'))).toBe(false);
      expect(etapes(client).some((x) => x.startsWith('retryMiddleware'))).toBe(true);
      expect(etapes(client).some((x) => /^(awsAuthMiddleware|httpSigningMiddleware)/.test(x))).toBe(true);
    }
  });
});
