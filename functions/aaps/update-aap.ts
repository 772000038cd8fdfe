import { http, ok } from '#shared/http/handler';
import { routeUpdateAap } from '#shared/http/contrats/aaps';
import { contexteAap } from '#shared/http/contexte';
import { etag, versionLue } from '#shared/http/if-match';
import { exigerActeur } from '#shared/http/acteur';
import { modifier } from '#shared/domain/aap/use-cases';

export const handler = http(routeUpdateAap, async (req) => {
  const aap = await modifier(contexteAap(req), exigerActeur(req), req.params.id, req.body, versionLue(req.headers));
  return ok(aap, etag(aap.version));
});
