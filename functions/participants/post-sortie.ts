import { http, ok } from '#shared/http/handler';
import { routePostSortie } from '#shared/http/contrats/participants';
import { contexteParticipants } from '#shared/http/contexte-participants';
import { exigerActeur } from '#shared/http/acteur';
import { etag, versionLue } from '#shared/http/if-match';
import { sortir } from '#shared/domain/participant/use-cases';

export const handler = http(routePostSortie, async (req) => {
  const p = await sortir(contexteParticipants(req), exigerActeur(req), req.params.id, req.params.participantId, req.body, versionLue(req.headers));
  return ok(p, etag(p.version));
});
