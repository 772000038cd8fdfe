import type { S3Event } from 'aws-lambda';
import { ulid } from 'ulid';
import { contexteVerification, contexteVerificationJointe } from '#shared/http/contexte';
import { logger } from '#shared/http/logger';
import { compterVerdict, tache } from '#shared/http/observabilite';
import { verifierObjet } from '#shared/domain/piece/use-cases';
import { verifierPieceJointe } from '#shared/domain/messagerie/use-cases';

/**
 * S3 ObjectCreated → verification of the pièce or message attachment behind the key (size, type, content, SHA-256,
 * then the malware scan's tag): both are verified by the same code; each use case ignores the other's keys. A pièce
 * whose scan is not known yet stays `en_verification`: the scan-result event (verdict-antivirus.ts) completes it.
 */
export const handler = tache(async (event: S3Event) => {
  for (const r of event.Records) {
    if (!r.eventName.startsWith('ObjectCreated')) continue;
    const cle = decodeURIComponent(r.s3.object.key.replace(/\+/g, ' '));
    const piece = await verifierObjet(contexteVerification({ maintenant: new Date(), nouvelId: ulid }), r.s3.bucket.name, cle);
    compterVerdict(piece);
    if (piece) logger.info('Pièce vérifiée', { dossierId: piece.dossierId, pieceId: piece.id, etat: piece.etat });
    const pj = piece ? null : await verifierPieceJointe(contexteVerificationJointe({ maintenant: new Date(), nouvelId: ulid }), r.s3.bucket.name, cle);
    if (pj) logger.info('Pièce jointe vérifiée', { dossierId: pj.dossierId, pieceJointeId: pj.id, etat: pj.etat });
  }
});
