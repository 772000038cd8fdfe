import { http, pdf } from '#shared/http/handler';
import { contrat } from '#shared/http/contrats/definition';
import { routesAaps } from '#shared/http/contrats/aaps';
import { contexteAap } from '#shared/http/contexte';
import { lireAvecPlies } from '#shared/domain/aap/use-cases';
import { numeroVersion } from '#shared/domain/aap/aap';

export const handler = http(contrat(routesAaps, 'GET /aaps/{id}/document.pdf'), async (req) => {
  const { renderAapDocument } = await import('#templates/aap-document'); // pdf-lib loads with the first document, not at cold start
  const { aap, plies, dateDocument } = await lireAvecPlies(contexteAap(req), req.params.id);
  const bytes = await renderAapDocument(aap, { genereLe: dateDocument, plies });
  return pdf(bytes, `${aap.reference}-v${numeroVersion(aap)}.pdf`);
});
