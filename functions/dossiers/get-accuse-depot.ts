import { http, pdf } from '#shared/http/handler';
import { contrat } from '#shared/http/contrats/definition';
import { routesDossiers } from '#shared/http/contrats/dossiers';
import { contexteDossier } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { accuse } from '#shared/domain/dossier/use-cases';

/** Rendered from the deposited state only, so every download of a receipt is byte-identical. */
export const handler = http(contrat(routesDossiers, 'GET /dossiers/{id}/accuse-depot.pdf'), async (req) => {
  const { renderAccuseDepot } = await import('#templates/accuse-depot'); // pdf-lib loads with the first document, not at cold start
  const a = await accuse(contexteDossier(req), exigerActeur(req), req.params.id);
  return pdf(await renderAccuseDepot(a), `accuse-depot-${a.dossier.reference}.pdf`, false);
});
