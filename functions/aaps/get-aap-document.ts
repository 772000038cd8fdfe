import { http, pdf } from '#shared/http/handler';
import { contexteAap } from '#shared/http/contexte';
import { lirePublic } from '#shared/domain/aap/use-cases';
import { numeroVersion } from '#shared/domain/aap/aap';
import { renderAapDocument } from '#templates/aap-document';

/**
 * The document is a function of the AAP's version and of its PLIE: dated by the last change of either, so every
 * download of the same content is identical.
 */
export const handler = http('GET /aaps/{id}/document.pdf', async (req) => {
  const ctx = contexteAap(req);
  const aap = await lirePublic(ctx, req.params.id);
  const plies = (await ctx.plies.listerPourOi(aap.organismeIntermediaire.sigle)).filter((p) => aap.plies.includes(p.id));
  const dernierChangement = [aap.modifieLe, ...plies.map((p) => p.modifieLe)].sort().at(-1) ?? aap.modifieLe;
  const bytes = await renderAapDocument(aap, { genereLe: new Date(dernierChangement), plies });
  return pdf(bytes, `${aap.reference}-v${numeroVersion(aap)}.pdf`);
});
