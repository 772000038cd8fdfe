import { http } from '#shared/http/handler';
import { contrat } from '#shared/http/contrats/definition';
import { routesAaps } from '#shared/http/contrats/aaps';
import { contexteAap } from '#shared/http/contexte';
import { servirDocument } from '#shared/http/document';
import { lireAvecPlies } from '#shared/domain/aap/use-cases';
import { numeroVersion } from '#shared/domain/aap/aap';

/** Rendered once per content (AAP version, its PLIE, its effective state): later requests read the bucket. */
export const handler = http(contrat(routesAaps, 'GET /aaps/{id}/document.pdf'), async (req) => {
  const { aap, plies, dateDocument } = await lireAvecPlies(contexteAap(req), req.params.id);
  return servirDocument(req, {
    type: 'aap', id: aap.id, entrees: { aap, plies, genereLe: dateDocument }, nomFichier: `${aap.reference}-v${numeroVersion(aap)}.pdf`,
    rendre: async (e) => {
      const { renderAapDocument } = await import('#templates/aap-document'); // pdf-lib loads with the first render, never on a cached read
      return renderAapDocument(e.aap, { genereLe: e.genereLe, plies: e.plies });
    },
  });
});
