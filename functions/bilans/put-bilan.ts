import { http, ok } from '#shared/http/handler';
import { routePutBilan } from '#shared/http/contrats/bilans';
import { contexteBilans } from '#shared/http/contexte-bilans';
import { exigerActeur } from '#shared/http/acteur';
import { etag, versionLue } from '#shared/http/if-match';
import { enregistrer } from '#shared/domain/bilan/use-cases';

export const handler = http(routePutBilan, async (req) => {
  const b = await enregistrer(contexteBilans(req), exigerActeur(req), req.params.id, req.params.numero, req.body, req.headers['if-match'] ? versionLue(req.headers) : null);
  return ok(b, etag(b.version));
});
