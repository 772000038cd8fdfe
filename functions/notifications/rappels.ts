/** EventBridge Scheduler, daily → reminders J-7 and J-2 before AAPs close, to the owners of drafts not yet deposited. */
import type { ScheduledEvent } from 'aws-lambda';
import { rappelsCloture } from '#shared/domain/notification/rappels';
import { logger } from '#shared/http/logger';
import { tache } from '#shared/http/observabilite';
import { aapRepository } from '#shared/repositories/aap-repository';
import { notificationRepository } from '#shared/repositories/notification-repository';
import { organisationRepository } from '#shared/repositories/organisation-repository';

export const rappels = (maintenant: Date) =>
  rappelsCloture({
    aaps: aapRepository, orgs: organisationRepository, maintenant,
    brouillons: (aapId) => notificationRepository.brouillons(aapId),
    ecrireNouvelles: (ns) => notificationRepository.ecrireNouvelles(ns),
  });

export const handler = tache(async (event: Partial<ScheduledEvent>) => {
  const r = await rappels(event.time ? new Date(event.time) : new Date());
  logger.info('Rappels de clôture', r);
  return r;
});
