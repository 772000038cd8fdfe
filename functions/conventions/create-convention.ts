import { http, created } from '#shared/http/handler';
import { routeCreateConvention } from '#shared/http/contrats/conventions';
import { contexteConvention } from '#shared/http/contexte-convention';
import { exigerActeur } from '#shared/http/acteur';
import { etag, versionLue } from '#shared/http/if-match';
import { preparer } from '#shared/domain/convention/use-cases';

export const handler = http(routeCreateConvention, async (req) => {
  const c = await preparer(contexteConvention(req), exigerActeur(req), req.params.id, req.body, versionLue(req.headers));
  return created(c, etag(c.version));
});
