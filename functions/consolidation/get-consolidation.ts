import { http, ok } from '#shared/http/handler';
import { contrat } from '#shared/http/contrats/definition';
import { routesConsolidation } from '#shared/http/contrats/consolidation';
import { contexteConsolidation } from '#shared/http/contexte-consolidation';
import { exigerActeur } from '#shared/http/acteur';
import { rapport } from '#shared/domain/consolidation/use-cases';

export const handler = http(contrat(routesConsolidation, 'GET /gestion/consolidation'), async (req) => {
  return ok(await rapport(contexteConsolidation(req), exigerActeur(req), req.query));
});
