/**
 * DynamoDB Stream (INSERT, MODIFY and REMOVE of participant records) → the PLIE-year counters the current year's
 * report reads (issue 16). Idempotent per event: each participant's marker holds the version applied (see
 * shared/domain/consolidation/agregats.ts); a record that fails is reported as a batch item failure and handed again.
 */
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { appliquerEvenements } from '#shared/domain/consolidation/agregats';
import { contexteAgregats } from '#shared/http/contexte-agregats';
import { evenementsParticipants } from '#shared/http/flux-participants';
import { tache } from '#shared/http/observabilite';

export const handler = tache(async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  const { echecs } = await appliquerEvenements(contexteAgregats(), evenementsParticipants(event));
  return { batchItemFailures: echecs.map((itemIdentifier) => ({ itemIdentifier })) };
});
