import { created, http } from '#shared/http/handler';
import { contrat } from '#shared/http/contrats/definition';
import { routesPieces } from '#shared/http/contrats/pieces';
import { contexteEnvoiPiece } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { demanderUpload } from '#shared/domain/piece/use-cases';

export const handler = http(contrat(routesPieces, 'POST /dossiers/{id}/pieces'), async (req) =>
  created(await demanderUpload(contexteEnvoiPiece(req), exigerActeur(req), req.params.id, req.body)),
);
