import { http, created } from '#shared/http/handler';
import { routePostReversement } from '#shared/http/contrats/bilans';
import { contexteBilans } from '#shared/http/contexte-bilans';
import { exigerActeur } from '#shared/http/acteur';
import { emettre } from '#shared/domain/bilan/use-cases';

export const handler = http(routePostReversement, async (req) => {
  return created(await emettre(contexteBilans(req), exigerActeur(req), req.params.id, req.body));
});
