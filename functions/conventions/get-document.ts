import { http } from '#shared/http/handler';
import { routeGetDocument } from '#shared/http/contrats/conventions';
import { contexteConvention, rendreConvention } from '#shared/http/contexte-convention';
import { exigerActeur } from '#shared/http/acteur';
import { servirConserve, servirDocument } from '#shared/http/document';
import { sourceDocument } from '#shared/domain/convention/use-cases';

/**
 * A version sent for signature or sealed is already kept under its content hash: served from there (bytes or link).
 * A version in preparation is rendered as a « projet » once per content (the version's every field is in the inputs).
 */
export const handler = http(routeGetDocument, async (req) => {
  const ctx = contexteConvention(req, { rendre: rendreConvention });
  const { version, stocke, nom } = await sourceDocument(ctx, exigerActeur(req), req.params.id, req.params.numero);
  if (stocke) return servirConserve(req, { ...stocke, nomFichier: nom, lire: () => ctx.documents.lire(stocke.cle) });
  return servirDocument(req, {
    type: 'convention-projet', id: req.params.id, entrees: { version, projet: true }, nomFichier: nom,
    rendre: (e) => rendreConvention(e.version, { projet: e.projet }),
  });
});
