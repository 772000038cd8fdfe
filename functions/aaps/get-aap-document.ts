import { http, pdf } from '#shared/http/handler';
import { contexteAap } from '#shared/http/contexte';
import { lireAvecPlies } from '#shared/domain/aap/use-cases';
import { numeroVersion } from '#shared/domain/aap/aap';
import { renderAapDocument } from '#templates/aap-document';

export const handler = http('GET /aaps/{id}/document.pdf', async (req) => {
  const { aap, plies, dateDocument } = await lireAvecPlies(contexteAap(req), req.params.id);
  const bytes = await renderAapDocument(aap, { genereLe: dateDocument, plies });
  return pdf(bytes, `${aap.reference}-v${numeroVersion(aap)}.pdf`);
});
