import { created, http } from '#shared/http/handler';
import { routeCreateAap } from '#shared/http/contrats/aaps';
import { contexteAap } from '#shared/http/contexte';
import { etag } from '#shared/http/if-match';
import { exigerActeur } from '#shared/http/acteur';
import { creer } from '#shared/domain/aap/use-cases';

export const handler = http(routeCreateAap, async (req) => {
  const aap = await creer(contexteAap(req), exigerActeur(req), req.body, req.nouvelId());
  return created(aap, { ...etag(aap.version), location: `/gestion/aaps/${aap.id}` });
});
