import { http, ok } from '#shared/http/handler';
import { contexteMessagerie } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { telechargerPieceJointe } from '#shared/domain/messagerie/use-cases';

export const handler = http('GET /dossiers/{id}/messagerie/pieces-jointes/{pieceJointeId}/telechargement', async (req) =>
  ok(await telechargerPieceJointe(contexteMessagerie(req), exigerActeur(req), req.params.id, req.params.pieceJointeId)),
);
