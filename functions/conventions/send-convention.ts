import { http, ok } from '#shared/http/handler';
import { routeSendConvention } from '#shared/http/contrats/conventions';
import { contexteConvention, rendreConvention } from '#shared/http/contexte-convention';
import { exigerActeur } from '#shared/http/acteur';
import { etag, versionLue } from '#shared/http/if-match';
import { envoyer } from '#shared/domain/convention/use-cases';

export const handler = http(routeSendConvention, async (req) => {
  const c = await envoyer(contexteConvention(req, { rendre: rendreConvention }), exigerActeur(req), req.params.id, versionLue(req.headers));
  return ok(c, etag(c.version));
});
