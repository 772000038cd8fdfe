import { http, ok } from '#shared/http/handler';
import { routeRequestComplements } from '#shared/http/contrats/pieces';
import { contexteDossier } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { etag, versionLue } from '#shared/http/if-match';
import { demanderComplements } from '#shared/domain/piece/use-cases';

export const handler = http(routeRequestComplements, async (req) => {
  const d = await demanderComplements(contexteDossier(req), exigerActeur(req), req.params.id, req.body, versionLue(req.headers));
  return ok(d, etag(d.version));
});
