import { created, http } from '#shared/http/handler';
import { contrat } from '#shared/http/contrats/definition';
import { routesAaps } from '#shared/http/contrats/aaps';
import { contexteAap } from '#shared/http/contexte';
import { etag, versionLue } from '#shared/http/if-match';
import { exigerActeur } from '#shared/http/acteur';
import { rectifier } from '#shared/domain/aap/use-cases';

export const handler = http(contrat(routesAaps, 'POST /aaps/{id}/rectificatifs'), async (req) => {
  const aap = await rectifier(contexteAap(req), exigerActeur(req), req.params.id, req.body, versionLue(req.headers));
  return created(aap, etag(aap.version));
});
