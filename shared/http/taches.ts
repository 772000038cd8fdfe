/**
 * The functions that no HTTP route calls, next to the route manifest: the CDK app builds each with its grants, the
 * local runtime runs the same modules (local/flux-dynamo.ts, local/server.ts).
 */
import type { Access } from './routes';

/** Handlers fed by the table's DynamoDB Stream (NEW_IMAGE), filtered to INSERTs of items whose pk starts with `prefixe`. */
export const fluxDynamo = [
  { handler: 'functions/notifications/envoyer.ts', prefixe: 'OUTBOX#', access: { table: 'readwrite' as Access }, envoiCourriel: true },
] as const;

/** Handlers run on a schedule (EventBridge Scheduler on AWS, setInterval locally). */
export const planifications = [
  {
    handler: 'functions/notifications/rappels.ts',
    /** Every day at 07:00, Paris time. */
    expression: 'cron(0 7 * * ? *)',
    fuseau: 'Europe/Paris',
    access: { table: 'readwrite' as Access },
    description: 'Rappels J-7 et J-2 avant la clôture des appels à projets aux porteurs de brouillons',
  },
] as const;
