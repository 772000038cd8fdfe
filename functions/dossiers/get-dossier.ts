import { http, ok } from '#shared/http/handler';
import { routeGetDossier } from '#shared/http/contrats/dossiers';
import { contexteDossier } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { etag } from '#shared/http/if-match';
import { lire } from '#shared/domain/dossier/use-cases';

export const handler = http(routeGetDossier, async (req) => {
  const d = await lire(contexteDossier(req), exigerActeur(req), req.params.id);
  return ok(d, etag(d.version));
});
