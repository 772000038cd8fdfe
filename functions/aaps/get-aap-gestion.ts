import { http, ok } from '#shared/http/handler';
import { routeGetAapGestion } from '#shared/http/contrats/aaps';
import { contexteAap } from '#shared/http/contexte';
import { etag } from '#shared/http/if-match';
import { exigerActeur } from '#shared/http/acteur';
import { lirePourOi } from '#shared/domain/aap/use-cases';

export const handler = http(routeGetAapGestion, async (req) => {
  const aap = await lirePourOi(contexteAap(req), exigerActeur(req), req.params.id);
  return ok(aap, etag(aap.version));
});
