import { http, ok } from '#shared/http/handler';
import { routeGetConvention } from '#shared/http/contrats/conventions';
import { contexteConvention } from '#shared/http/contexte-convention';
import { exigerActeur } from '#shared/http/acteur';
import { etag } from '#shared/http/if-match';
import { lire } from '#shared/domain/convention/use-cases';

export const handler = http(routeGetConvention, async (req) => {
  const c = await lire(contexteConvention(req), exigerActeur(req), req.params.id);
  return ok(c, etag(c.version));
});
