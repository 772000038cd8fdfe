import { createHash } from 'node:crypto';
import type { Piece } from '../../schemas/piece';
import { Conflit } from '../errors';
import type { Stockage } from './use-cases';

/** A write to an upload key after its verdict, as recorded on the pièce (or attachment). */
export interface EcritureRefusee {
  le: string;
  /** Of the bytes found on the upload key; null when they exceed what the verification reads. */
  sha256: string | null;
  taille: number | null;
}

/**
 * What a download serves: the verified copy, at its version when the bucket keeps versions. An upload verified
 * before verified copies existed has none: it is not served (its upload key may have been rewritten since).
 */
export function copieVerifiee(p: Pick<Piece, 'cleVerifiee' | 'versionVerifiee'>): { cle: string; version: string | null } {
  if (!p.cleVerifiee) {
    throw new Conflit('PIECE_SANS_COPIE_VERIFIEE', 'Cette pièce a été vérifiée avant la conservation de ses octets vérifiés : envoyez-la de nouveau.');
  }
  return { cle: p.cleVerifiee, version: p.versionVerifiee ?? null };
}

/**
 * An object event on the key of an upload already verified valid. The presigned POST may be replayed until it expires
 * (and forever where the storage enforces no policy), so its bytes are read again: other bytes than the sealed ones
 * are a later write, quarantined — downloads and the accusé keep to the verified copy and its SHA-256 — and returned
 * to be recorded. The same bytes again (an event delivered twice, a scan-result event) report nothing.
 */
export async function ecritureApresVerdict(
  ctx: { stockage: Pick<Stockage, 'lireObjet'>; maintenant: Date },
  bucket: string,
  piece: Pick<Piece, 'cle' | 'sha256'>,
  max: number,
): Promise<EcritureRefusee | null> {
  const octets = await ctx.stockage.lireObjet(bucket, piece.cle, max);
  const le = ctx.maintenant.toISOString();
  if (octets === 'trop_gros') return { le, sha256: null, taille: null };
  const sha256 = createHash('sha256').update(octets).digest('hex');
  return sha256 === piece.sha256 ? null : { le, sha256, taille: octets.length };
}
