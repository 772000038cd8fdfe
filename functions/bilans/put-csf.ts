import { http, ok } from '#shared/http/handler';
import { routePutCsf } from '#shared/http/contrats/bilans';
import { contexteBilans } from '#shared/http/contexte-bilans';
import { exigerActeur } from '#shared/http/acteur';
import { etag, versionLue } from '#shared/http/if-match';
import { controler } from '#shared/domain/bilan/use-cases';

export const handler = http(routePutCsf, async (req) => {
  const b = await controler(contexteBilans(req), exigerActeur(req), req.params.id, req.params.numero, req.body, versionLue(req.headers));
  return ok(b, etag(b.version));
});
