import { config } from '#shared/config';
import { http, ok } from '#shared/http/handler';
import { routePostDevToken } from '#shared/http/contrats/systeme';
import { Introuvable } from '#shared/domain/errors';
import { signerJeton } from '#local/identity';

/**
 * Local runtime only (the manifest marks it localOnly; CDK never deploys it): the ID token the local OpenID provider
 * would issue for this address (same key, kid, issuer, audience and claims), for scripts and tests.
 */
export const handler = http(routePostDevToken, async (req) => {
  const { GUICHET_DEV_KEYS_DIR: dossier, GUICHET_OIDC_ISSUER: issuer } = config();
  if (!dossier || !issuer) throw new Introuvable('ROUTE_INTROUVABLE', 'Le fournisseur d’identité de développement n’existe qu’en local.');
  return ok(await signerJeton(dossier, req.body.email, issuer));
});
