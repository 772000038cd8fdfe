import { http, ok } from '#shared/http/handler';
import { routePublishAap } from '#shared/http/contrats/aaps';
import { contexteAap } from '#shared/http/contexte';
import { etag } from '#shared/http/if-match';
import { exigerActeur } from '#shared/http/acteur';
import { publier } from '#shared/domain/aap/use-cases';

export const handler = http(routePublishAap, async (req) => {
  const aap = await publier(contexteAap(req), exigerActeur(req), req.params.id, req.body.archive);
  return ok(aap, etag(aap.version));
});
