import { http, ok } from '#shared/http/handler';
import { routePostOrdreDuJour } from '#shared/http/contrats/comites';
import { contexteComite } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { ordreDuJour } from '#shared/domain/comite/use-cases';

export const handler = http(routePostOrdreDuJour, async (req) =>
  ok(await ordreDuJour(contexteComite(req), exigerActeur(req), req.params.id, req.body)),
);
