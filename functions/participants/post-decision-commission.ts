import { http, ok } from '#shared/http/handler';
import { routePostDecisionCommission } from '#shared/http/contrats/participants';
import { contexteParticipants } from '#shared/http/contexte-participants';
import { exigerActeur } from '#shared/http/acteur';
import { etag, versionLue } from '#shared/http/if-match';
import { deciderCommission } from '#shared/domain/participant/use-cases';

export const handler = http(routePostDecisionCommission, async (req) => {
  const p = await deciderCommission(contexteParticipants(req), exigerActeur(req), req.params.id, req.params.participantId, req.body, versionLue(req.headers));
  return ok(p, etag(p.version));
});
