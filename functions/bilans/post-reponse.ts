import { http, ok } from '#shared/http/handler';
import { routePostReponse } from '#shared/http/contrats/bilans';
import { contexteBilans } from '#shared/http/contexte-bilans';
import { exigerActeur } from '#shared/http/acteur';
import { etag, versionLue } from '#shared/http/if-match';
import { repondre } from '#shared/domain/bilan/use-cases';

export const handler = http(routePostReponse, async (req) => {
  const b = await repondre(contexteBilans(req), exigerActeur(req), req.params.id, req.params.numero, req.body.texte, versionLue(req.headers));
  return ok(b, etag(b.version));
});
