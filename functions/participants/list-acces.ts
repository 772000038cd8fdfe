import { http, ok } from '#shared/http/handler';
import { routeListAcces } from '#shared/http/contrats/participants';
import { contexteParticipants } from '#shared/http/contexte-participants';
import { exigerActeur } from '#shared/http/acteur';
import { journalAcces } from '#shared/domain/participant/use-cases';

export const handler = http(routeListAcces, async (req) => {
  return ok(await journalAcces(contexteParticipants(req), exigerActeur(req), req.params.id));
});
