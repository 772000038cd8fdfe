/**
 * After each deployment (a CDK trigger, infra/stacks/notifications-stack.ts): brings stored items written by an earlier
 * version to the current shapes (shared/repositories/migrations.ts), for every OI. Idempotent: a deployment that
 * changed no shape only reads. The local runtime runs the same migrations at each start (local/seed.ts).
 */
import { annuaire } from '#shared/auth/annuaire';
import { logger } from '#shared/http/logger';
import { tache } from '#shared/http/observabilite';
import { migrerTout } from '#shared/repositories/migrations';

export const handler = tache(async () => {
  const r = await migrerTout(annuaire());
  logger.info('Migrations après déploiement', r);
  return r;
});
