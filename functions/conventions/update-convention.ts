import { http, ok } from '#shared/http/handler';
import { routeUpdateConvention } from '#shared/http/contrats/conventions';
import { contexteConvention } from '#shared/http/contexte-convention';
import { exigerActeur } from '#shared/http/acteur';
import { etag, versionLue } from '#shared/http/if-match';
import { modifier } from '#shared/domain/convention/use-cases';

export const handler = http(routeUpdateConvention, async (req) => {
  const c = await modifier(contexteConvention(req), exigerActeur(req), req.params.id, req.body, versionLue(req.headers));
  return ok(c, etag(c.version));
});
