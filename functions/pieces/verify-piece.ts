import middy from '@middy/core';
import type { S3Event } from 'aws-lambda';
import { ulid } from 'ulid';
import { contexteMessagerie, contextePiece } from '#shared/http/contexte';
import { logger } from '#shared/http/logger';
import { verifierObjet } from '#shared/domain/piece/use-cases';
import { verifierPieceJointe } from '#shared/domain/messagerie/use-cases';

/**
 * S3 ObjectCreated → verification of the pièce or message attachment behind the key (size, type, PDF, SHA-256,
 * malware): both are verified by the same code; each use case ignores the other's keys.
 */
export const handler = middy(async (event: S3Event) => {
  for (const r of event.Records) {
    if (!r.eventName.startsWith('ObjectCreated')) continue;
    const cle = decodeURIComponent(r.s3.object.key.replace(/\+/g, ' '));
    const piece = await verifierObjet(contextePiece({ maintenant: new Date(), nouvelId: ulid }), r.s3.bucket.name, cle);
    if (piece) logger.info('Pièce vérifiée', { dossierId: piece.dossierId, pieceId: piece.id, etat: piece.etat });
    const pj = piece ? null : await verifierPieceJointe(contexteMessagerie({ maintenant: new Date(), nouvelId: ulid }), r.s3.bucket.name, cle);
    if (pj) logger.info('Pièce jointe vérifiée', { dossierId: pj.dossierId, pieceJointeId: pj.id, etat: pj.etat });
  }
});
