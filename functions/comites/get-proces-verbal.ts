import { http, pdf } from '#shared/http/handler';
import { contrat } from '#shared/http/contrats/definition';
import { routesComites } from '#shared/http/contrats/comites';
import { contexteComite } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { procesVerbal } from '#shared/domain/comite/use-cases';

export const handler = http(contrat(routesComites, 'GET /comites/{id}/proces-verbal.pdf'), async (req) => {
  const { renderProcesVerbal } = await import('#templates/proces-verbal'); // pdf-lib loads with the first document, not at cold start
  const pv = await procesVerbal(contexteComite(req), exigerActeur(req), req.params.id);
  return pdf(await renderProcesVerbal(pv), `proces-verbal-${pv.comite.plie}-${pv.comite.date}.pdf`);
});
