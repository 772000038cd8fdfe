import { http } from '#shared/http/handler';
import { servirDocument } from '#shared/http/document';
import { routeGetRapportCsf } from '#shared/http/contrats/bilans';
import { contexteBilans } from '#shared/http/contexte-bilans';
import { exigerActeur } from '#shared/http/acteur';
import { rapportCsf } from '#shared/domain/bilan/use-cases';

/** Rendered from the stored CSF only: byte-identical downloads until the CSF changes. */
export const handler = http(routeGetRapportCsf, async (req) => {
  const r = await rapportCsf(contexteBilans(req), exigerActeur(req), req.params.id, req.params.numero);
  return servirDocument(req, {
    type: 'rapport-csf', id: r.dossier.id, entrees: r, nomFichier: `controle-service-fait-${r.dossier.reference}-bilan-${r.bilan.numero}.pdf`, inline: false,
    rendre: async (e) => (await import('#templates/rapport-csf')).renderRapportCsf(e), // pdf-lib loads with the first render, never on a cached read
  });
});
