import { http, pdf } from '#shared/http/handler';
import { routeGetRapportPdf } from '#shared/http/contrats/consolidation';
import { contexteConsolidation } from '#shared/http/contexte-consolidation';
import { exigerActeur } from '#shared/http/acteur';
import { rapportDocument } from '#shared/domain/consolidation/use-cases';

export const handler = http(routeGetRapportPdf, async (req) => {
  const { renderRapportConsolidation } = await import('#templates/rapport-consolidation'); // pdf-lib loads with the first document
  const r = await rapportDocument(contexteConsolidation(req), exigerActeur(req), req.query);
  return pdf(await renderRapportConsolidation(r), `consolidation-plie-${r.oi}-${r.annee}.pdf`, false);
});
