import { http } from '#shared/http/handler';
import { servirDocument } from '#shared/http/document';
import { routeGetOrdreReversement } from '#shared/http/contrats/bilans';
import { contexteBilans } from '#shared/http/contexte-bilans';
import { exigerActeur } from '#shared/http/acteur';
import { ordreReversement } from '#shared/domain/bilan/use-cases';

/** Rendered from the stored ordre only: byte-identical downloads until a recovery is recorded. */
export const handler = http(routeGetOrdreReversement, async (req) => {
  const o = await ordreReversement(contexteBilans(req), exigerActeur(req), req.params.id, req.params.reversementId);
  return servirDocument(req, {
    type: 'ordre-reversement', id: o.ordre.id, entrees: o, nomFichier: `ordre-de-reversement-${o.ordre.numero}.pdf`, inline: false,
    rendre: async (e) => (await import('#templates/ordre-reversement')).renderOrdreReversement(e), // pdf-lib loads with the first render, never on a cached read
  });
});
