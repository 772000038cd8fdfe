import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ServiceIndisponible, verifierJeton } from '#shared/auth/jetons';
import { NonAuthentifie } from '#shared/domain/errors';

let serveur: Server;
let base: string;
let mode: 'ok' | 'panne' = 'ok';
let jwks: unknown;
let privee: CryptoKey;

beforeAll(async () => {
  const paire = await generateKeyPair('RS256');
  privee = paire.privateKey;
  jwks = { keys: [{ ...(await exportJWK(paire.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }] };
  serveur = createServer((req, res) => {
    if (mode === 'panne') {
      res.writeHead(502);
      return void res.end('Bad gateway');
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(jwks));
  });
  await new Promise<void>((ok) => serveur.listen(0, '127.0.0.1', ok));
  const a = serveur.address();
  base = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
});
afterAll(() => new Promise<void>((ok) => serveur.close(() => ok())));

const jeton = (issuer: string, exp: string | number = '1h') =>
  new SignJWT({ email: 'a@b.fr' }).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setSubject('u1').setIssuer(issuer)
    .setAudience('guichet-web').setIssuedAt().setExpirationTime(exp).sign(privee);

describe('verifierJeton', () => {
  it('accepts a token of the issuer, for the audience', async () => {
    const iss = `${base}/ok`;
    expect((await verifierJeton(await jeton(iss), { issuer: iss, audience: 'guichet-web' })).sub).toBe('u1');
  });

  it('accepts 5 s of clock skew on exp, not 10', async () => {
    const iss = `${base}/skew`;
    const maintenant = Math.floor(Date.now() / 1000);
    await expect(verifierJeton(await jeton(iss, maintenant - 3), { issuer: iss, audience: 'guichet-web' })).resolves.toBeTruthy();
    await expect(verifierJeton(await jeton(iss, maintenant - 10), { issuer: iss, audience: 'guichet-web' })).rejects.toBeInstanceOf(NonAuthentifie);
  });

  it('verifies a token once, then accepts it as verified until it expires, and refuses it after with « expiré »', async () => {
    const iss = `${base}/memoire`;
    const t = await jeton(iss, Math.floor(Date.now() / 1000) + 60);
    expect((await verifierJeton(t, { issuer: iss, audience: 'guichet-web' })).sub).toBe('u1');
    expect(Object.isFrozen(await verifierJeton(t, { issuer: iss, audience: 'guichet-web' }))).toBe(true);
    // Remembered for the issuer and audience it was verified for, not for another.
    await expect(verifierJeton(t, { issuer: iss, audience: 'autre-client' })).rejects.toBeInstanceOf(NonAuthentifie);
    // Once its expiry (and the 5 s of skew) has passed, it is checked again and refused.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 70_000);
      const e = await verifierJeton(t, { issuer: iss, audience: 'guichet-web' }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(NonAuthentifie);
      expect((e as Error).message).toMatch(/expiré/);
    } finally {
      vi.useRealTimers();
    }
  });

  it('answers 503 SERVICE_INDISPONIBLE when the JWKS cannot be fetched (error status or connection refused)', async () => {
    mode = 'panne';
    try {
      const iss = `${base}/panne`;
      const e = await verifierJeton(await jeton(iss), { issuer: iss, audience: 'guichet-web' }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(ServiceIndisponible);
      expect(e).toMatchObject({ code: 'SERVICE_INDISPONIBLE', httpStatus: 503 });
    } finally {
      mode = 'ok';
    }
    const eteint = 'http://127.0.0.1:9/idp';
    await expect(verifierJeton(await jeton(eteint), { issuer: eteint, audience: 'guichet-web' })).rejects.toBeInstanceOf(ServiceIndisponible);
  });

  it('refuses a malformed token with 401, without fetching anything', async () => {
    await expect(verifierJeton('a.b.c', { issuer: 'http://127.0.0.1:9/x', audience: 'guichet-web' })).rejects.toBeInstanceOf(NonAuthentifie);
  });
});
