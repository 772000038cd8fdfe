import { http, created } from '#shared/http/handler';
import { routePostPaiement } from '#shared/http/contrats/bilans';
import { contexteBilans } from '#shared/http/contexte-bilans';
import { exigerActeur } from '#shared/http/acteur';
import { proposer } from '#shared/domain/bilan/use-cases';

export const handler = http(routePostPaiement, async (req) => {
  return created(await proposer(contexteBilans(req), exigerActeur(req), req.params.id, req.body));
});
