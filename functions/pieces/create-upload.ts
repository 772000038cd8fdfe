import { created, http } from '#shared/http/handler';
import { routeCreateUpload } from '#shared/http/contrats/pieces';
import { contexteEnvoiPiece } from '#shared/http/contexte';
import { contexteEnvoiRealisation } from '#shared/http/contexte-bilans';
import { exigerActeur } from '#shared/http/acteur';
import { demanderUpload } from '#shared/domain/piece/use-cases';
import { demanderPieceRealisation } from '#shared/domain/bilan/use-cases';

/** A dossier's pièce, or (with `bilan`) the evidence of realisation of one of its bilans: one route, one pipeline. */
export const handler = http(routeCreateUpload, async (req) => {
  const { bilan } = req.body;
  return created(bilan
    ? await demanderPieceRealisation(contexteEnvoiRealisation(req), exigerActeur(req), req.params.id, { ...req.body, bilan })
    : await demanderUpload(contexteEnvoiPiece(req), exigerActeur(req), req.params.id, req.body));
});
