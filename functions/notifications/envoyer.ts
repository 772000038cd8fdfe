/**
 * DynamoDB Stream (NEW_IMAGE, filtered to INSERTs of OUTBOX# items and of rectificatifs) → one e-mail per new outbox
 * item; a new rectificatif writes the outbox items of the owners of drafts on its AAP (which come back through here).
 * Idempotent on the outbox id: the same record delivered twice sends once. Transient failures are reported as batch
 * item failures; a permanent one is recorded on its item and not retried.
 */
import { tache } from '#shared/http/observabilite';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { diffuserRectificatif } from '#shared/domain/notification/rectificatif';
import { traiterLot } from '#shared/domain/notification/envoi';
import { contexteDiffusion, contexteEnvoi } from '#shared/http/contexte-envoi';
import { idsOutbox, lotsOutbox, rectificatifs } from '#shared/http/flux';
import { logger } from '#shared/http/logger';

export const handler = tache(async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  const { aReessayer, incidents } = await traiterLot(contexteEnvoi(), (r) => diffuserRectificatif(contexteDiffusion(new Date()), r), {
    rectificatifs: rectificatifs(event),
    outbox: idsOutbox(event),
    lots: lotsOutbox(event),
  });
  for (const i of incidents) {
    if (i.erreur) logger.error(i.quoi, { id: i.id, erreur: i.erreur });
    else logger.warn(i.quoi, { id: i.id });
  }
  return { batchItemFailures: aReessayer.map((itemIdentifier) => ({ itemIdentifier })) };
});
