import { http, pdf } from '#shared/http/handler';
import { contrat } from '#shared/http/contrats/definition';
import { routesDossiers } from '#shared/http/contrats/dossiers';
import { contexteDossier } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { accuseComplements } from '#shared/domain/dossier/use-cases';

/** Rendered from the stored receptions only: the first dépôt's receipt is never replaced. */
export const handler = http(contrat(routesDossiers, 'GET /dossiers/{id}/accuse-complements.pdf'), async (req) => {
  const { renderAccuseComplements } = await import('#templates/accuse-complements'); // pdf-lib loads with the first document, not at cold start
  const a = await accuseComplements(contexteDossier(req), exigerActeur(req), req.params.id);
  return pdf(await renderAccuseComplements(a), `accuse-complements-${a.dossier.reference}.pdf`, false);
});
