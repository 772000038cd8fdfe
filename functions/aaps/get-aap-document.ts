import { http } from '#shared/http/handler';
import { routeGetAapDocument } from '#shared/http/contrats/aaps';
import { contexteAap } from '#shared/http/contexte';
import { entreesDifferees, servirDocument } from '#shared/http/document';
import { identiteDocument, lireAvecPlies, versionsPlies } from '#shared/domain/aap/use-cases';
import { numeroVersion } from '#shared/domain/aap/aap';
import { Conflit } from '#shared/domain/errors';

/**
 * Rendered once per content (AAP version, its PLIE's versions, its effective state): later requests read the header's
 * small attributes and the PLIE's versions, find the file in the bucket and never read the whole AAP nor the PLIE.
 */
export const handler = http(routeGetAapDocument, async (req) => {
  const ctx = contexteAap(req);
  const { entete, identite } = await identiteDocument(ctx, req.params.id);
  return servirDocument(req, {
    type: 'aap', id: req.params.id, nomFichier: `${entete.reference}-v${numeroVersion(entete)}.pdf`,
    entrees: entreesDifferees(identite, async () => {
      const { aap, plies, dateDocument } = await lireAvecPlies(ctx, req.params.id);
      // Changed between the two reads: these bytes must not be kept under the identity read first.
      if (aap.version !== identite.version || JSON.stringify(versionsPlies(plies)) !== JSON.stringify(identite.plies)) {
        throw new Conflit('DOCUMENT_MODIFIE', 'L’appel à projets vient d’être modifié : demandez à nouveau son document.');
      }
      return { aap, plies, genereLe: dateDocument };
    }),
    rendre: async (e) => {
      const { renderAapDocument } = await import('#templates/aap-document'); // pdf-lib loads with the first render, never on a cached read
      return renderAapDocument(e.aap, { genereLe: e.genereLe, plies: e.plies });
    },
  });
});
