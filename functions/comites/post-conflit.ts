import { created, http } from '#shared/http/handler';
import { routePostConflit } from '#shared/http/contrats/comites';
import { contexteComite } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { declarerConflit } from '#shared/domain/comite/use-cases';

export const handler = http(routePostConflit, async (req) =>
  created(await declarerConflit(contexteComite(req), exigerActeur(req), req.params.id, req.body)),
);
