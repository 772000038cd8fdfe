import { http, pdf } from '#shared/http/handler';
import { contexteAap } from '#shared/http/contexte';
import { lirePublic } from '#shared/domain/aap/use-cases';
import { renderAapDocument } from '#templates/aap-document';

/** The document is a function of the AAP's version: dated by its last change, so every download is identical. */
export const handler = http('GET /aaps/{id}/document.pdf', async (req) => {
  const aap = await lirePublic(contexteAap(req), req.params.id);
  const bytes = await renderAapDocument(aap, { genereLe: new Date(aap.modifieLe) });
  return pdf(bytes, `${aap.reference}-v${aap.version}.pdf`);
});
