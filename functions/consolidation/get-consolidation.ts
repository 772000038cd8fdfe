import { http, ok } from '#shared/http/handler';
import { routeGetConsolidation } from '#shared/http/contrats/consolidation';
import { contexteConsolidation } from '#shared/http/contexte-consolidation';
import { exigerActeur } from '#shared/http/acteur';
import { rapport } from '#shared/domain/consolidation/use-cases';

export const handler = http(routeGetConsolidation, async (req) => {
  return ok(await rapport(contexteConsolidation(req), exigerActeur(req), req.query));
});
