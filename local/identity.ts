/**
 * The development identity provider: signs RS256 JWTs with the claims Cognito would put in them, and verifies them
 * the way the HTTP API JWT authorizer does (signature, issuer, audience, expiry). Keys live under the data dir.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type JWTPayload, type CryptoKey } from 'jose';
import { z } from 'zod';
import { DEMO_USERS } from './demo-users';

export const ISSUER = 'https://guichet.local/dev-idp';
export const AUDIENCE = 'guichet-web';
const DUREE_SECONDES = 8 * 3600;

interface Cles {
  privee: CryptoKey;
  publique: CryptoKey;
}
const cache = new Map<string, Promise<Cles>>();

const Jwk = z.object({ kty: z.literal('RSA'), n: z.string(), e: z.string() }).loose();

async function chargerOuCreer(dossier: string): Promise<Cles> {
  const chemin = join(dossier, 'dev-idp-key.json');
  if (!existsSync(chemin)) {
    mkdirSync(dossier, { recursive: true });
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    writeFileSync(chemin, JSON.stringify(await exportJWK(privateKey)), { mode: 0o600 });
  }
  const jwk = Jwk.parse(JSON.parse(readFileSync(chemin, 'utf8')));
  const privee = await importJWK(jwk, 'RS256');
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...pub } = jwk;
  const publique = await importJWK(pub, 'RS256');
  if (!('type' in privee) || !('type' in publique)) throw new Error('Clé JWK inattendue');
  return { privee, publique };
}

export const cles = (dossier: string): Promise<Cles> => {
  if (!cache.has(dossier)) cache.set(dossier, chargerOuCreer(dossier));
  return cache.get(dossier)!;
};

/** Demo users get their roles; any other address is a new porteur (as Cognito self sign-up would make it). */
export async function signerJeton(dossier: string, email: string): Promise<{ token: string; expiresIn: number }> {
  const normalise = email.trim().toLowerCase();
  const demo = DEMO_USERS.find((u) => u.email === normalise);
  const sub = demo?.sub ?? `user-${createHash('sha256').update(normalise).digest('hex').slice(0, 24)}`;
  const { privee } = await cles(dossier);
  const token = await new SignJWT({
    email: normalise,
    'cognito:groups': demo?.roles ?? ['porteur'],
    ...(demo?.oi ? { 'custom:oi': demo.oi } : {}),
    ...(demo ? { given_name: demo.prenom, family_name: demo.nom, name: `${demo.prenom} ${demo.nom}` } : {}),
  })
    .setProtectedHeader({ alg: 'RS256', kid: 'dev' })
    .setSubject(sub)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${DUREE_SECONDES}s`)
    .sign(privee);
  return { token, expiresIn: DUREE_SECONDES };
}

/** Returns the verified claims, or null for any invalid token. */
export async function verifierJeton(dossier: string, token: string): Promise<JWTPayload | null> {
  try {
    const { publique } = await cles(dossier);
    const { payload } = await jwtVerify(token, publique, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['RS256'] });
    return payload;
  } catch {
    return null;
  }
}
