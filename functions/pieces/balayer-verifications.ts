/** EventBridge Scheduler, every 15 minutes → pièces `en_verification` for more than 30 minutes verified again. */
import type { ScheduledEvent } from 'aws-lambda';
import { ulid } from 'ulid';
import { balayerVerifications } from '#shared/domain/piece/balayage';
import { bucketName } from '#shared/config';
import { contexteVerification } from '#shared/http/contexte';
import { logger } from '#shared/http/logger';
import { METRIQUES } from '#shared/http/metriques';
import { compter, mesurer, tache } from '#shared/http/observabilite';

export const handler = tache(async (event: Partial<ScheduledEvent>) => {
  const maintenant = event.time ? new Date(event.time) : new Date();
  const bilan = await balayerVerifications(contexteVerification({ maintenant, nouvelId: ulid }), bucketName());
  // Emitted on every run, 0 included, so the alarm sees a value rather than missing data.
  mesurer(METRIQUES.verificationsBloquees, bilan.bloquees, 'Count');
  mesurer(METRIQUES.ageVerificationPlusAncienne, bilan.agePlusAncienneMinutes);
  compter(METRIQUES.piecesValidees, bilan.validees);
  compter(METRIQUES.piecesRejetees, bilan.rejetees);
  (bilan.bloquees > 0 ? logger.warn : logger.info).call(logger, 'Balayage des vérifications', { ...bilan });
  return bilan;
});
