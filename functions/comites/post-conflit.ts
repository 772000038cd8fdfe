import { created, http } from '#shared/http/handler';
import { contrat } from '#shared/http/contrats/definition';
import { routesComites } from '#shared/http/contrats/comites';
import { contexteComite } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { declarerConflit } from '#shared/domain/comite/use-cases';

export const handler = http(contrat(routesComites, 'POST /comites/{id}/conflits'), async (req) =>
  created(await declarerConflit(contexteComite(req), exigerActeur(req), req.params.id, req.body)),
);
