import { http, ok } from '#shared/http/handler';
import { routeUpdateDossier } from '#shared/http/contrats/dossiers';
import { contexteDossier } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { etag, versionLue } from '#shared/http/if-match';
import { modifier } from '#shared/domain/dossier/use-cases';

export const handler = http(routeUpdateDossier, async (req) => {
  const d = await modifier(contexteDossier(req), exigerActeur(req), req.params.id, req.body, versionLue(req.headers));
  return ok(d, etag(d.version));
});
