/**
 * Identities and keys of the local OpenID provider (local/oidc.ts): who the demo accounts are, the claims Cognito
 * would put in their ID token, and the RSA key (kept under the data dir) that signs them. `POST /auth/dev/token`
 * (scripts, tests) signs with the same key, kid, issuer and audience, so the API's one verification accepts both.
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, SignJWT, type CryptoKey, type JWK } from 'jose';
import * as z from 'zod';
import { config } from '#shared/config';
import { DEMO_USERS, subLocal } from './demo-users';

/** The SPA's client id at the local provider: the `aud` of every ID token. */
export const CLIENT_ID = 'guichet-web';
/** @deprecated the audience is the client id; kept for old imports. */
export const AUDIENCE = CLIENT_ID;
const DUREE_SECONDES = 8 * 3600;

interface Cles {
  privee: CryptoKey;
  publique: CryptoKey;
  /** Stable: the JWK thumbprint of the key. */
  kid: string;
  /** The private key as JWK (kid, alg, use set), for the provider's `jwks`. */
  jwkPrive: JWK;
}
const cache = new Map<string, Promise<Cles>>();

const Jwk = z
  .object({ kty: z.literal('RSA'), n: z.string(), e: z.string(), d: z.string(), p: z.string(), q: z.string(), dp: z.string(), dq: z.string(), qi: z.string() })
  .loose();

async function chargerOuCreer(dossier: string): Promise<Cles> {
  const chemin = join(dossier, 'dev-idp-key.json');
  if (!existsSync(chemin)) {
    mkdirSync(dossier, { recursive: true });
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    writeFileSync(chemin, JSON.stringify(await exportJWK(privateKey)), { mode: 0o600 });
  }
  const jwk = Jwk.parse(JSON.parse(readFileSync(chemin, 'utf8')));
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...pub } = jwk;
  const kid = await calculateJwkThumbprint({ kty: jwk.kty, n: jwk.n, e: jwk.e });
  const privee = await importJWK(jwk, 'RS256');
  const publique = await importJWK(pub, 'RS256');
  if (!('type' in privee) || !('type' in publique)) throw new Error('Clé JWK inattendue');
  const { kty, n, e, d, p, q, dp, dq, qi } = jwk;
  return { privee, publique, kid, jwkPrive: { kty, n, e, d, p, q, dp, dq, qi, kid, alg: 'RS256', use: 'sig' } };
}

export const cles = (dossier: string): Promise<Cles> => {
  if (!cache.has(dossier)) cache.set(dossier, chargerOuCreer(dossier));
  return cache.get(dossier)!;
};

/** Who signs in: what Cognito knows of a user (sub, e-mail, groups, OI, names). */
export interface Identite {
  sub: string;
  email: string;
  groupes: string[];
  oi?: string;
  prenom?: string;
  nom?: string;
}

export const normaliserEmail = (email: string): string => email.trim().toLowerCase();

/** Demo users get their roles; any other address is a new porteur (as Cognito self sign-up would make it). */
export function identiteDe(email: string): Identite {
  const normalise = normaliserEmail(email);
  const demo = DEMO_USERS.find((u) => u.email === normalise);
  if (!demo) return { sub: subLocal(normalise), email: normalise, groupes: ['porteur'] };
  return { sub: demo.sub, email: demo.email, groupes: [...demo.roles], prenom: demo.prenom, nom: demo.nom, ...(demo.oi ? { oi: demo.oi } : {}) };
}

/** The identity claims of a Cognito ID token (besides iss, aud, exp…). */
export function claimsCognito(i: Identite): Record<string, unknown> {
  return {
    sub: i.sub,
    email: i.email,
    email_verified: true,
    'cognito:groups': i.groupes,
    ...(i.oi ? { 'custom:oi': i.oi } : {}),
    ...(i.prenom ? { given_name: i.prenom } : {}),
    ...(i.nom ? { family_name: i.nom } : {}),
  };
}

/** Test helper: an ID token signed by the local provider's key for any identity (e.g. an agent of another OI). */
export async function signerJetonPour(
  keysDir: string,
  issuer: string,
  identite: Identite,
  options: { expireDans?: number } = {},
): Promise<string> {
  const { privee, kid } = await cles(keysDir);
  const maintenant = Math.floor(Date.now() / 1000);
  const { sub: _sub, ...claims } = claimsCognito(identite);
  return new SignJWT({ ...claims, token_use: 'id' })
    .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
    .setSubject(identite.sub)
    .setIssuer(issuer)
    .setAudience(CLIENT_ID)
    .setIssuedAt(maintenant)
    .setExpirationTime(maintenant + (options.expireDans ?? DUREE_SECONDES))
    .sign(privee);
}

/** `POST /auth/dev/token`: the ID token the local provider would issue for this address. */
export async function signerJeton(
  dossier: string,
  email: string,
  issuer: string | undefined = config().GUICHET_OIDC_ISSUER,
): Promise<{ token: string; expiresIn: number }> {
  if (!issuer) throw new Error('GUICHET_OIDC_ISSUER n’est pas défini : le fournisseur d’identité local n’est pas démarré.');
  return { token: await signerJetonPour(dossier, issuer, identiteDe(email)), expiresIn: DUREE_SECONDES };
}
