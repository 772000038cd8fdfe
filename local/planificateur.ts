/**
 * The local stand-in for EventBridge Scheduler: runs the scheduled handlers of shared/http/taches.ts (the reminders
 * J-7 / J-2) shortly after start, then every hour — they are idempotent (one reminder per dossier, recipient and
 * stage, by its outbox id), so running more often than daily sends nothing twice.
 */
import { join, resolve } from 'node:path';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { z } from 'zod';
import { planifications } from '#shared/http/taches';

const RACINE = resolve(import.meta.dirname, '..');
const Module = z.object({ handler: z.custom<(e: ScheduledEvent, c: Context) => Promise<unknown>>((h) => typeof h === 'function') });

export function planifierRappels(options: { premierDans?: number; intervalle?: number } = {}): () => Promise<void> {
  let enCours: Promise<unknown> = Promise.resolve();
  const lancer = () => {
    enCours = Promise.all(
      planifications.map(async (p) => {
        const { handler } = Module.parse(await import(join(RACINE, p.handler)));
        await handler({ time: new Date().toISOString() } as ScheduledEvent, { functionName: p.handler } as Context);
      }),
    ).catch((e: unknown) => console.error('Tâche planifiée', e));
  };
  const premier = setTimeout(lancer, options.premierDans ?? 10_000);
  const suivants = setInterval(lancer, options.intervalle ?? 3_600_000);
  premier.unref();
  suivants.unref();
  return async () => {
    clearTimeout(premier);
    clearInterval(suivants);
    await enCours;
  };
}
