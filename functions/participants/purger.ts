/** EventBridge Scheduler, daily → deletes the participant records whose retention date has passed (31/12/2033 for 2014-2020). */
import type { ScheduledEvent } from 'aws-lambda';
import { purger } from '#shared/domain/participant/use-cases';
import { logger } from '#shared/http/logger';
import { tache } from '#shared/http/observabilite';
import { participantRepository } from '#shared/repositories/participant-repository';

export const purge = (maintenant: Date) => purger({ participants: participantRepository, maintenant });

export const handler = tache(async (event: Partial<ScheduledEvent>) => {
  const supprimes = await purge(event.time ? new Date(event.time) : new Date());
  logger.info('Purge des données des participants', { supprimes });
  return { supprimes };
});
