import { http, ok } from '#shared/http/handler';
import { routeGetAap } from '#shared/http/contrats/aaps';
import { contexteAap } from '#shared/http/contexte';
import { etag } from '#shared/http/if-match';
import { lirePublic } from '#shared/domain/aap/use-cases';

export const handler = http(routeGetAap, async (req) => {
  const aap = await lirePublic(contexteAap(req), req.params.id);
  return ok(aap, etag(aap.version));
});
