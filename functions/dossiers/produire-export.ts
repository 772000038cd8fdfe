/**
 * DynamoDB Stream (NEW_IMAGE, filtered to INSERTs of EXPORT# items) → runs each new export job, read again by its
 * key. A failed job is recorded failed on its item (the caller sees it) and not retried: the caller starts another.
 */
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { tache } from '#shared/http/observabilite';
import { contexteExport } from '#shared/http/contexte-export';
import { logger } from '#shared/http/logger';
import { produireExport } from '#shared/exports/job-export';

export const handler = tache(async (event: DynamoDBStreamEvent): Promise<void> => {
  for (const r of event.Records) {
    const pk = r.dynamodb?.Keys?.pk?.S ?? '';
    if (r.eventName !== 'INSERT' || !pk.startsWith('EXPORT#')) continue;
    const ctx = contexteExport({ maintenant: new Date(), nouvelId: () => pk.slice('EXPORT#'.length) });
    const t = await ctx.exports.lire(pk.slice('EXPORT#'.length));
    if (!t) continue;
    await produireExport(ctx, t).catch((e: unknown) => {
      logger.error('Export échoué', { exportId: t.id, erreur: e instanceof Error ? e.message : String(e) });
    });
  }
});
