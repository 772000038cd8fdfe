import { http, ok } from '#shared/http/handler';
import { routeGetParticipant } from '#shared/http/contrats/participants';
import { contexteParticipants } from '#shared/http/contexte-participants';
import { exigerActeur } from '#shared/http/acteur';
import { etag } from '#shared/http/if-match';
import { lire } from '#shared/domain/participant/use-cases';

export const handler = http(routeGetParticipant, async (req) => {
  const p = await lire(contexteParticipants(req), exigerActeur(req), req.params.id, req.params.participantId);
  return ok(p, etag(p.version));
});
