import { http, ok } from '#shared/http/handler';
import { routeListParticipants } from '#shared/http/contrats/participants';
import { contexteParticipants } from '#shared/http/contexte-participants';
import { exigerActeur } from '#shared/http/acteur';
import { lister } from '#shared/domain/participant/use-cases';

export const handler = http(routeListParticipants, async (req) => {
  return ok(await lister(contexteParticipants(req), exigerActeur(req), req.params.id, req.query));
});
