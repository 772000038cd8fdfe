import { http, ok } from '#shared/http/handler';
import { routePostContradictoire } from '#shared/http/contrats/bilans';
import { contexteBilans } from '#shared/http/contexte-bilans';
import { exigerActeur } from '#shared/http/acteur';
import { etag, versionLue } from '#shared/http/if-match';
import { envoyerContradictoire } from '#shared/domain/bilan/use-cases';

export const handler = http(routePostContradictoire, async (req) => {
  const b = await envoyerContradictoire(contexteBilans(req), exigerActeur(req), req.params.id, req.params.numero, versionLue(req.headers));
  return ok(b, etag(b.version));
});
