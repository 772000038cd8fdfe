import { http, ok } from '#shared/http/handler';
import { routeSignConvention } from '#shared/http/contrats/conventions';
import { contexteConvention } from '#shared/http/contexte-convention';
import { scellerConvention } from '#shared/signature/sceller-convention';
import { exigerActeur } from '#shared/http/acteur';
import { etag } from '#shared/http/if-match';
import { signer } from '#shared/domain/convention/use-cases';

export const handler = http(routeSignConvention, async (req) => {
  const c = await signer(contexteConvention(req, { sceller: scellerConvention }), exigerActeur(req), req.params.id, req.body);
  return ok(c, etag(c.version));
});
