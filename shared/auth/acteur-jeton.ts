/**
 * The actor of a request that carries a bearer token: the token verified (./jetons.ts), then its claims read. Loaded by
 * the HTTP wrapper (shared/http/parse.ts) on the first request that sends a token, so a handler does not evaluate jose
 * while it starts and an anonymous call never does. The claims are read by hand, not through a zod schema: a route that
 * validates nothing (`GET /health`) then bundles no schema library at all.
 */
import { config } from '../config';
import { NonAuthentifie } from '../domain/errors';
import { verifierJeton } from './jetons';
import { ROLES, type Actor } from './roles';

const chaine = (v: unknown): v is string => typeof v === 'string';
const chaineFacultative = (v: unknown): v is string | undefined => v === undefined || chaine(v);

/**
 * The actor from verified ID token claims (Cognito-shaped): `sub` a non-empty string; `email`, `custom:oi`,
 * `given_name`, `family_name` strings when set; `cognito:groups` a list of strings when set. Anything else is refused.
 */
export function actorFromClaims(claims: Record<string, unknown>): Actor {
  const objet = typeof claims === 'object' && claims !== null && !Array.isArray(claims);
  const { sub, email = '', 'cognito:groups': groupes = [], 'custom:oi': oi, given_name, family_name } = objet ? claims : {};
  if (
    !chaine(sub) || sub === '' || !chaine(email) || !Array.isArray(groupes) || !groupes.every(chaine) ||
    !chaineFacultative(oi) || !chaineFacultative(given_name) || !chaineFacultative(family_name)
  ) {
    throw new NonAuthentifie('Authentification requise : le jeton ne décrit pas un utilisateur.');
  }
  return {
    userId: sub,
    email,
    roles: groupes.filter((g): g is Actor['roles'][number] => (ROLES as readonly string[]).includes(g)),
    oi: oi ?? null,
    prenom: given_name?.trim() || null,
    nom: family_name?.trim() || null,
  };
}

/** The actor a well-formed bearer token names, once verified (JWKS, issuer, audience, expiry). */
export async function actorFromJeton(jeton: string): Promise<Actor> {
  const { GUICHET_OIDC_ISSUER: issuer, GUICHET_OIDC_AUDIENCE: audience } = config();
  if (!issuer || !audience) throw new Error('GUICHET_OIDC_ISSUER et GUICHET_OIDC_AUDIENCE doivent être définis.');
  return actorFromClaims(await verifierJeton(jeton, { issuer, audience }));
}
