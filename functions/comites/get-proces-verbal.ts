import { http } from '#shared/http/handler';
import { servirDocument } from '#shared/http/document';
import { routeGetProcesVerbal } from '#shared/http/contrats/comites';
import { contexteComite } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { procesVerbal } from '#shared/domain/comite/use-cases';

export const handler = http(routeGetProcesVerbal, async (req) => {
  const pv = await procesVerbal(contexteComite(req), exigerActeur(req), req.params.id);
  return servirDocument(req, {
    type: 'proces-verbal', id: pv.comite.id, entrees: pv, nomFichier: `proces-verbal-${pv.comite.plie}-${pv.comite.date}.pdf`,
    rendre: async (e) => (await import('#templates/proces-verbal')).renderProcesVerbal(e), // pdf-lib loads with the first render, never on a cached read
  });
});
