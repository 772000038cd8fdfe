import { fichier, http } from '#shared/http/handler';
import { routeGetRapportXlsx } from '#shared/http/contrats/consolidation';
import { contexteConsolidation } from '#shared/http/contexte-consolidation';
import { exigerActeur } from '#shared/http/acteur';
import { rapportDocument } from '#shared/domain/consolidation/use-cases';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const handler = http(routeGetRapportXlsx, async (req) => {
  const { classeurConsolidation } = await import('#templates/consolidation-xlsx'); // exceljs loads with the first workbook
  const r = await rapportDocument(contexteConsolidation(req), exigerActeur(req), req.query);
  return fichier(await classeurConsolidation(r), XLSX, `consolidation-plie-${r.oi}-${r.annee}.xlsx`);
});
