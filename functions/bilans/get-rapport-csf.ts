import { http, pdf } from '#shared/http/handler';
import { contrat } from '#shared/http/contrats/definition';
import { routesBilans } from '#shared/http/contrats/bilans';
import { contexteBilans } from '#shared/http/contexte-bilans';
import { exigerActeur } from '#shared/http/acteur';
import { rapportCsf } from '#shared/domain/bilan/use-cases';

/** Rendered from the stored CSF only: byte-identical downloads until the CSF changes. */
export const handler = http(contrat(routesBilans, 'GET /dossiers/{id}/bilans/{numero}/csf/rapport.pdf'), async (req) => {
  const { renderRapportCsf } = await import('#templates/rapport-csf'); // pdf-lib loads with the first document, not at cold start
  const r = await rapportCsf(contexteBilans(req), exigerActeur(req), req.params.id, req.params.numero);
  return pdf(await renderRapportCsf(r), `controle-service-fait-${r.dossier.reference}-bilan-${r.bilan.numero}.pdf`, false);
});
