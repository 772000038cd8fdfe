import { http, ok } from '#shared/http/handler';
import { routeUpdateParticipant } from '#shared/http/contrats/participants';
import { contexteParticipants } from '#shared/http/contexte-participants';
import { exigerActeur } from '#shared/http/acteur';
import { etag, versionLue } from '#shared/http/if-match';
import { modifier } from '#shared/domain/participant/use-cases';

export const handler = http(routeUpdateParticipant, async (req) => {
  const p = await modifier(contexteParticipants(req), exigerActeur(req), req.params.id, req.params.participantId, req.body, versionLue(req.headers));
  return ok(p, etag(p.version));
});
