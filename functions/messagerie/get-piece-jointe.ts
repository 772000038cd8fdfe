import { http, ok } from '#shared/http/handler';
import { routeGetPieceJointe } from '#shared/http/contrats/messagerie';
import { contexteTelechargementJointe } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { telechargerPieceJointe } from '#shared/domain/messagerie/use-cases';

export const handler = http(routeGetPieceJointe, async (req) =>
  ok(await telechargerPieceJointe(contexteTelechargementJointe(req), exigerActeur(req), req.params.id, req.params.pieceJointeId)),
);
