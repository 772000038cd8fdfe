import { http } from '#shared/http/handler';
import { servirDocument } from '#shared/http/document';
import { routeGetAccuseDepot } from '#shared/http/contrats/dossiers';
import { contexteDossier } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { accuse } from '#shared/domain/dossier/use-cases';

/** Rendered from the deposited state only, so every download of a receipt is byte-identical. */
export const handler = http(routeGetAccuseDepot, async (req) => {
  const a = await accuse(contexteDossier(req), exigerActeur(req), req.params.id);
  return servirDocument(req, {
    type: 'accuse-depot', id: a.dossier.id, entrees: a, nomFichier: `accuse-depot-${a.dossier.reference}.pdf`, inline: false,
    rendre: async (e) => (await import('#templates/accuse-depot')).renderAccuseDepot(e), // pdf-lib loads with the first render, never on a cached read
  });
});
