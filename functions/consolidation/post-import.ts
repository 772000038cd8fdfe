import { http, created } from '#shared/http/handler';
import { routePostImport } from '#shared/http/contrats/consolidation';
import { contexteConsolidation } from '#shared/http/contexte-consolidation';
import { exigerActeur } from '#shared/http/acteur';
import { importer } from '#shared/domain/consolidation/use-cases';

export const handler = http(routePostImport, async (req) => {
  return created(await importer(contexteConsolidation(req), exigerActeur(req), req.body.csv));
});
