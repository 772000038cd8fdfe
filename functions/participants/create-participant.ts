import { http, created } from '#shared/http/handler';
import { routeCreateParticipant } from '#shared/http/contrats/participants';
import { contexteParticipants } from '#shared/http/contexte-participants';
import { exigerActeur } from '#shared/http/acteur';
import { etag } from '#shared/http/if-match';
import { creer } from '#shared/domain/participant/use-cases';

export const handler = http(routeCreateParticipant, async (req) => {
  const p = await creer(contexteParticipants(req), exigerActeur(req), req.params.id, req.body);
  return created(p, etag(p.version));
});
