/**
 * Opening an upload slot, apart from the verification (./use-cases.ts) so that routes which only open one (a bilan's
 * evidence) bundle neither pdf-lib nor the image decoders.
 */
import type { Piece } from '../../schemas/piece';
import type { ContexteDossier } from '../dossier/use-cases';
import type { PieceStore, Stockage } from './use-cases';

/**
 * The one way an upload slot opens, for a dossier's pièce and a bilan's evidence alike: decided, written under its
 * guard (with the upload it replaces), then its presigned POST; the verification pipeline takes it from there.
 */
export async function ouvrirEnvoi(
  ctx: Pick<ContexteDossier, 'pieces' | 'nouvelId' | 'maintenant'> & { stockage: Pick<Stockage, 'clePiece' | 'urlUpload'> },
  dossierId: string,
  garde: Parameters<PieceStore['creer']>[1],
  decider: (p: { id: string; cle: string; maintenant: Date }) => Piece,
  remplacee: (piece: Piece) => Piece | null,
) {
  const id = ctx.nouvelId();
  const cle = ctx.stockage.clePiece(dossierId, id);
  const piece = decider({ id, cle, maintenant: ctx.maintenant });
  await ctx.pieces.creer(piece, garde, remplacee(piece));
  const upload = await ctx.stockage.urlUpload(cle, piece.taille, piece.typeContenu, ctx.maintenant);
  return { pieceId: id, piece, upload };
}
