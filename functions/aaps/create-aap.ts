import { created, http } from '#shared/http/handler';
import { contrat } from '#shared/http/contrats/definition';
import { routesAaps } from '#shared/http/contrats/aaps';
import { contexteAap } from '#shared/http/contexte';
import { etag } from '#shared/http/if-match';
import { exigerActeur } from '#shared/http/acteur';
import { creer } from '#shared/domain/aap/use-cases';

export const handler = http(contrat(routesAaps, 'POST /aaps'), async (req) => {
  const aap = await creer(contexteAap(req), exigerActeur(req), req.body, req.nouvelId());
  return created(aap, { ...etag(aap.version), location: `/gestion/aaps/${aap.id}` });
});
