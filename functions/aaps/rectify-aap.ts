import { created, http } from '#shared/http/handler';
import { routeRectifyAap } from '#shared/http/contrats/aaps';
import { contexteAap } from '#shared/http/contexte';
import { etag, versionLue } from '#shared/http/if-match';
import { exigerActeur } from '#shared/http/acteur';
import { rectifier } from '#shared/domain/aap/use-cases';

export const handler = http(routeRectifyAap, async (req) => {
  const aap = await rectifier(contexteAap(req), exigerActeur(req), req.params.id, req.body, versionLue(req.headers));
  return created(aap, etag(aap.version));
});
