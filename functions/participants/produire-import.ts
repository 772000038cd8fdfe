/**
 * DynamoDB Stream (NEW_IMAGE, filtered to INSERTs of IMPORTPART# items) → runs each new participant import job, read
 * again by its key. A failed job is recorded failed on its item with its reason (the caller sees it) and not retried:
 * the caller starts another with the same file (rows already written are then counted unchanged).
 */
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { ulid } from 'ulid';
import { tache } from '#shared/http/observabilite';
import { contexteImportParticipants } from '#shared/http/contexte-imports';
import { logger } from '#shared/http/logger';
import { executerImport } from '#shared/domain/participant/import-tache';

/** No new batch is started past this much of the function's 15 minutes (a batch takes well under a minute). */
const DUREE_MAX_MS = 13 * 60 * 1000;

export const handler = tache(async (event: DynamoDBStreamEvent): Promise<void> => {
  // One time limit for the whole batch of records: the function's.
  const echeance = new Date(Date.now() + DUREE_MAX_MS);
  for (const r of event.Records) {
    const pk = r.dynamodb?.Keys?.pk?.S ?? '';
    if (r.eventName !== 'INSERT' || !pk.startsWith('IMPORTPART#')) continue;
    const ctx = contexteImportParticipants({ maintenant: new Date(), nouvelId: ulid });
    const t = await ctx.imports.lire(pk.slice('IMPORTPART#'.length));
    if (!t) continue;
    await executerImport(ctx, t, { horloge: () => new Date(), echeance }).catch((e: unknown) => {
      logger.error('Import de participants échoué', { importId: t.id, erreur: e instanceof Error ? e.message : String(e) });
    });
  }
});
