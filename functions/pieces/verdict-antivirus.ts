import type { EventBridgeEvent } from 'aws-lambda';
import { ulid } from 'ulid';
import { lireEvenementAnalyse, lireVerdict } from '#shared/domain/piece/analyse';
import { verifierObjet } from '#shared/domain/piece/use-cases';
import { verifierPieceJointe } from '#shared/domain/messagerie/use-cases';
import { contexteVerification, contexteVerificationJointe } from '#shared/http/contexte';
import { logger } from '#shared/http/logger';
import { compter, compterVerdict, tache } from '#shared/http/observabilite';
import { METRIQUES } from '#shared/http/metriques';

/**
 * EventBridge « GuardDuty Malware Protection Object Scan Result » → the verdict of the pièce behind the object:
 * clean → the content verification completes it (`valide` if the content passes too); infected, unsupported or
 * failed → `rejetee` with its French reason and the object tagged for expiry. An error is thrown back to EventBridge
 * (async invoke retries, then the DLQ); an event for another object changes nothing.
 */
export const handler = tache(async (event: EventBridgeEvent<string, unknown>) => {
  const e = lireEvenementAnalyse(event);
  if (!e) return void logger.warn('Événement d’analyse illisible', { id: event.id });
  const issue = lireVerdict(e.statut);
  if (issue.issue === 'rejet' && issue.panne) logger.error('Analyse antivirus en échec', { cle: e.cle, statut: e.statut });
  if (issue.issue === 'en_attente') compter(METRIQUES.piecesEnAttenteAnalyse);
  const piece = await verifierObjet(contexteVerification({ maintenant: new Date(), nouvelId: ulid }), e.bucket, e.cle, e.statut);
  compterVerdict(piece);
  if (piece) return void logger.info('Verdict antivirus appliqué', { dossierId: piece.dossierId, pieceId: piece.id, etat: piece.etat, statut: e.statut });
  // An attachment of the messagerie under the same prefix: the same verdict, the scan's status applied the same way.
  const pj = await verifierPieceJointe(contexteVerificationJointe({ maintenant: new Date(), nouvelId: ulid }), e.bucket, e.cle, e.statut);
  if (pj) logger.info('Pièce jointe vérifiée après analyse', { dossierId: pj.dossierId, pieceJointeId: pj.id, etat: pj.etat });
});
