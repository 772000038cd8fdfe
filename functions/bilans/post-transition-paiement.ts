import { http, ok } from '#shared/http/handler';
import { contrat } from '#shared/http/contrats/definition';
import { routesBilans } from '#shared/http/contrats/bilans';
import { contexteBilans } from '#shared/http/contexte-bilans';
import { exigerActeur } from '#shared/http/acteur';
import { transitionner } from '#shared/domain/bilan/use-cases';

export const handler = http(contrat(routesBilans, 'POST /dossiers/{id}/paiements/{paiementId}/transitions'), async (req) => {
  return ok(await transitionner(contexteBilans(req), exigerActeur(req), req.params.id, req.params.paiementId, req.body.action));
});
