import { http, ok } from '#shared/http/handler';
import { routeGetIndicateurs } from '#shared/http/contrats/participants';
import { contexteParticipants } from '#shared/http/contexte-participants';
import { exigerActeur } from '#shared/http/acteur';
import { indicateurs } from '#shared/domain/participant/use-cases';

export const handler = http(routeGetIndicateurs, async (req) => {
  return ok(await indicateurs(contexteParticipants(req), exigerActeur(req), req.params.id));
});
