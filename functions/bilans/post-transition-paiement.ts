import { http, ok } from '#shared/http/handler';
import { routePostTransitionPaiement } from '#shared/http/contrats/bilans';
import { contexteBilans } from '#shared/http/contexte-bilans';
import { exigerActeur } from '#shared/http/acteur';
import { transitionner } from '#shared/domain/bilan/use-cases';

export const handler = http(routePostTransitionPaiement, async (req) => {
  return ok(await transitionner(contexteBilans(req), exigerActeur(req), req.params.id, req.params.paiementId, req.body.action));
});
