/**
 * The one verification of ID tokens, the same on AWS (Cognito) and on one machine (the local OpenID provider): RS256
 * signature against the issuer's JWKS (`<issuer>/.well-known/jwks.json`, fetched and cached per issuer), issuer,
 * audience (the SPA's client id) and expiry. No code path trusts an unsigned header or an unverified claim.
 */
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import { DomainError, NonAuthentifie } from '../domain/errors';

/** 503: the identity provider's keys cannot be fetched (provider down); the client may retry. */
export class ServiceIndisponible extends DomainError {
  constructor(message = 'Le service d’authentification est momentanément indisponible : réessayez dans quelques instants.') {
    super('SERVICE_INDISPONIBLE', message, 503);
  }
}

export interface Emetteur {
  issuer: string;
  audience: string;
}

/** Seconds of clock skew accepted on `exp`, `iat` and `nbf`. */
export const TOLERANCE_HORLOGE = 5;

const jeuxDeCles = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

function jwksDe(issuer: string): ReturnType<typeof createRemoteJWKSet> {
  let jwks = jeuxDeCles.get(issuer);
  if (!jwks) {
    jwks = createRemoteJWKSet(new URL(`${issuer.replace(/\/+$/, '')}/.well-known/jwks.json`), {
      timeoutDuration: 3000,
      cooldownDuration: 30_000,
      cacheMaxAge: 10 * 60_000,
    });
    jeuxDeCles.set(issuer, jwks);
  }
  return jwks;
}

const JETON_INVALIDE = 'Authentification requise : jeton invalide ou expiré, reconnectez-vous.';

/** The JWKS could not be obtained at all (network, timeout, not a JWKS): not the caller's fault. */
function jwksInjoignable(e: unknown): boolean {
  return (
    e instanceof errors.JWKSTimeout ||
    e instanceof errors.JWKSInvalid ||
    (e instanceof errors.JOSEError && e.code === 'ERR_JOSE_GENERIC' && /response|fetch/i.test(e.message)) ||
    e instanceof TypeError || // fetch failed (connection refused, DNS)
    (e instanceof Error && e.name === 'AbortError')
  );
}

/**
 * The verified claims of an ID token. Throws NonAuthentifie (401) for any token that is malformed, unsigned
 * (`alg: none`), signed by another key, expired, or for another issuer or audience; ServiceIndisponible (503) when
 * the issuer's keys cannot be fetched.
 */
export async function verifierJeton(token: string, emetteur: Emetteur): Promise<JWTPayload> {
  const cle = `${emetteur.issuer}\u0000${emetteur.audience}\u0000${token}`;
  const connu = VERIFIES.get(cle);
  // Expired since it was verified: checked again, so that the answer is jose's own (« Votre session a expiré »).
  if (connu && Date.now() / 1000 <= connu.exp! + TOLERANCE_HORLOGE) return connu;
  try {
    const payload = await verifierSignature(token, emetteur);
    VERIFIES.delete(cle);
    VERIFIES.set(cle, Object.freeze(payload));
    if (VERIFIES.size > 1000) VERIFIES.delete(VERIFIES.keys().next().value!);
    return payload;
  } catch (e) {
    VERIFIES.delete(cle);
    throw e;
  }
}

/**
 * Tokens this process has verified, until they expire: a token is immutable and its signature, issuer, audience and
 * kind were checked once; what can change (its expiry passing) is checked on each use. A key withdrawn from the
 * issuer's set leaves the tokens it signed valid here until they expire (ID tokens live an hour). Bounded, oldest first
 * out.
 */
const VERIFIES = new Map<string, JWTPayload>();

async function verifierSignature(token: string, emetteur: Emetteur): Promise<JWTPayload> {
  try {
    const { payload } = await jwtVerify(token, jwksDe(emetteur.issuer), {
      issuer: emetteur.issuer,
      audience: emetteur.audience,
      algorithms: ['RS256'],
      clockTolerance: TOLERANCE_HORLOGE,
      requiredClaims: ['sub', 'exp'],
    });
    // Cognito access tokens carry the same issuer but no `aud`; only ID tokens are accepted.
    if (payload.token_use !== undefined && payload.token_use !== 'id') throw new NonAuthentifie(JETON_INVALIDE);
    return payload;
  } catch (e) {
    if (e instanceof NonAuthentifie) throw e;
    if (e instanceof errors.JOSEError || e instanceof SyntaxError) {
      if (jwksInjoignable(e)) throw new ServiceIndisponible();
      if (e instanceof errors.JWTExpired) throw new NonAuthentifie('Votre session a expiré : reconnectez-vous.');
      throw new NonAuthentifie(JETON_INVALIDE);
    }
    if (jwksInjoignable(e)) throw new ServiceIndisponible();
    throw new NonAuthentifie(JETON_INVALIDE);
  }
}
