import { http, ok } from '#shared/http/handler';
import { routeGetDownload } from '#shared/http/contrats/pieces';
import { contexteTelechargementPiece } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { telechargement } from '#shared/domain/piece/use-cases';

export const handler = http(routeGetDownload, async (req) =>
  ok(await telechargement(contexteTelechargementPiece(req), exigerActeur(req), req.params.id, req.params.pieceId)),
);
