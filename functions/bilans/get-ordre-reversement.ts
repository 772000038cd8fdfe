import { http, pdf } from '#shared/http/handler';
import { contrat } from '#shared/http/contrats/definition';
import { routesBilans } from '#shared/http/contrats/bilans';
import { contexteBilans } from '#shared/http/contexte-bilans';
import { exigerActeur } from '#shared/http/acteur';
import { ordreReversement } from '#shared/domain/bilan/use-cases';

/** Rendered from the stored ordre only: byte-identical downloads until a recovery is recorded. */
export const handler = http(contrat(routesBilans, 'GET /dossiers/{id}/reversements/{reversementId}/ordre.pdf'), async (req) => {
  const { renderOrdreReversement } = await import('#templates/ordre-reversement'); // pdf-lib loads with the first document
  const o = await ordreReversement(contexteBilans(req), exigerActeur(req), req.params.id, req.params.reversementId);
  return pdf(await renderOrdreReversement(o), `ordre-de-reversement-${o.ordre.numero}.pdf`, false);
});
