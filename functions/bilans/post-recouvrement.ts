import { http, created } from '#shared/http/handler';
import { routePostRecouvrement } from '#shared/http/contrats/bilans';
import { contexteBilans } from '#shared/http/contexte-bilans';
import { exigerActeur } from '#shared/http/acteur';
import { recouvrement } from '#shared/domain/bilan/use-cases';

export const handler = http(routePostRecouvrement, async (req) => {
  return created(await recouvrement(contexteBilans(req), exigerActeur(req), req.params.id, req.params.reversementId, req.body));
});
