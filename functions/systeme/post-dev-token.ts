import { config } from '#shared/config';
import { http, ok } from '#shared/http/handler';
import { Introuvable } from '#shared/domain/errors';
import { signerJeton } from '#local/identity';

/** Local runtime only (the manifest marks it localOnly; CDK never deploys it). */
export const handler = http('POST /auth/dev/token', async (req) => {
  const dossier = config().GUICHET_DEV_KEYS_DIR;
  if (!dossier) throw new Introuvable('ROUTE_INTROUVABLE', 'Le fournisseur d’identité de développement n’existe qu’en local.');
  return ok(await signerJeton(dossier, req.body.email));
});
