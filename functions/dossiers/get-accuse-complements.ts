import { http } from '#shared/http/handler';
import { servirDocument } from '#shared/http/document';
import { routeGetAccuseComplements } from '#shared/http/contrats/dossiers';
import { contexteDossier } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { accuseComplements } from '#shared/domain/dossier/use-cases';

/** Rendered from the stored receptions only: the first dépôt's receipt is never replaced. */
export const handler = http(routeGetAccuseComplements, async (req) => {
  const a = await accuseComplements(contexteDossier(req), exigerActeur(req), req.params.id);
  return servirDocument(req, {
    type: 'accuse-complements', id: a.dossier.id, entrees: a, nomFichier: `accuse-complements-${a.dossier.reference}.pdf`, inline: false,
    rendre: async (e) => (await import('#templates/accuse-complements')).renderAccuseComplements(e), // pdf-lib loads with the first render, never on a cached read
  });
});
