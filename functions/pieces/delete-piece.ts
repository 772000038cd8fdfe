import { http } from '#shared/http/handler';
import { routeDeletePiece } from '#shared/http/contrats/pieces';
import { contexteDossier } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { supprimer } from '#shared/domain/piece/use-cases';

export const handler = http(routeDeletePiece, async (req) => {
  await supprimer(contexteDossier(req), exigerActeur(req), req.params.id, req.params.pieceId);
  return { status: 204 };
});
