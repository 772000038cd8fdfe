import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { resetConfigForLocalRuntime } from '#shared/config';
import { origineVerifiee } from '#shared/http/origine';
import { handler as sante } from '../../../functions/systeme/get-health';

const SECRET = 'a'.repeat(20) + 'B'.repeat(28);
const requete = (headers: Record<string, string>): APIGatewayProxyEventV2 => ({
  version: '2.0', routeKey: 'GET /health', rawPath: '/health', rawQueryString: '', headers, isBase64Encoded: false,
  requestContext: { requestId: 'r1', http: { method: 'GET', path: '/health' } },
} as unknown as APIGatewayProxyEventV2);
const appeler = async (headers: Record<string, string>) => (await sante(requete(headers), {} as Context)) as { statusCode: number; body: string };

describe('origineVerifiee', () => {
  it('lets every request through when no secret is configured (the local runtime)', () => {
    expect(origineVerifiee({}, undefined)).toBe(true);
  });

  it('requires the exact secret, whatever the header’s case', () => {
    expect(origineVerifiee({ 'X-Guichet-Origine': SECRET }, SECRET)).toBe(true);
    expect(origineVerifiee({}, SECRET)).toBe(false);
    expect(origineVerifiee({ 'x-guichet-origine': SECRET.slice(1) }, SECRET)).toBe(false);
    expect(origineVerifiee({ 'x-guichet-origine': `${SECRET.slice(0, -1)}C` }, SECRET)).toBe(false);
  });
});

describe('a route called around CloudFront', () => {
  afterEach(() => {
    delete process.env.GUICHET_SECRET_ORIGINE;
    resetConfigForLocalRuntime();
  });

  it('is refused 403 ACCES_DIRECT_REFUSE with a French message when the secret is configured and missing', async () => {
    process.env.GUICHET_SECRET_ORIGINE = SECRET;
    resetConfigForLocalRuntime();
    const r = await appeler({});
    expect(r.statusCode).toBe(403);
    expect(JSON.parse(r.body)).toMatchObject({ code: 'ACCES_DIRECT_REFUSE', message: expect.stringMatching(/adresse publique/) });
    expect((await appeler({ 'x-guichet-origine': SECRET })).statusCode).toBe(200);
  });
});
