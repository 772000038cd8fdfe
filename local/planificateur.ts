/**
 * The local stand-in for EventBridge Scheduler: runs the scheduled handlers of shared/http/taches.ts (the reminders
 * J-7 / J-2 before a closing, those of bilans and payment deadlines, the participants' purge) shortly after start, then every hour — they are idempotent (one reminder per dossier, recipient and
 * stage, by its outbox id), so running more often than daily sends nothing twice. Every five minutes it also sends
 * again the e-mails left waiting after a transient failure (on AWS, an operator redrives the DLQ), and at the
 * verification stack's frequency it sweeps the pièces stuck in verification (shared/http/taches.ts `balayage`).
 */
import { join, resolve } from 'node:path';
import type { Context, ScheduledEvent } from 'aws-lambda';
import * as z from 'zod';
import { planifications, verificationPieces } from '#shared/http/taches';

const RACINE = resolve(import.meta.dirname, '..');
const Module = z.object({ handler: z.custom<(e: ScheduledEvent, c: Context) => Promise<unknown>>((h) => typeof h === 'function') });

export function planifierRappels(options: { premierDans?: number; intervalle?: number; relance?: number; balayage?: number } = {}): () => Promise<void> {
  let enCours: Promise<unknown> = Promise.resolve();
  const lancer = () => {
    enCours = Promise.all(
      planifications.map(async (p) => {
        const { handler } = Module.parse(await import(join(RACINE, p.handler)));
        await handler({ time: new Date().toISOString() } as ScheduledEvent, { functionName: p.handler } as Context);
      }),
    ).catch((e: unknown) => console.error('Tâche planifiée', e));
  };
  // The stream hands each new item a few times at most: an item left waiting (the catcher was down…) is swept here.
  let balayage: Promise<unknown> = Promise.resolve();
  const balayer = () => {
    balayage = (async () => {
      const { envoyer } = await import('#shared/domain/notification/envoi');
      const { contexteEnvoi } = await import('#shared/http/contexte-envoi');
      const { notificationRepository } = await import('#shared/repositories/notification-repository');
      const ctx = contexteEnvoi();
      for (const n of await notificationRepository.enAttente()) await envoyer(ctx, n.id);
    })().catch((e: unknown) => console.error('Relance des courriels en attente', e));
  };
  // The pièces whose file never arrived, or whose verification was lost, are verified again or rejected.
  let pieces: Promise<unknown> = Promise.resolve();
  const balayerPieces = () => {
    pieces = (async () => {
      const { handler } = Module.parse(await import(join(RACINE, verificationPieces.balayage.handler)));
      await handler({ time: new Date().toISOString() } as ScheduledEvent, { functionName: verificationPieces.balayage.handler } as Context);
    })().catch((e: unknown) => console.error('Balayage des vérifications de pièces', e));
  };
  const premier = setTimeout(lancer, options.premierDans ?? 10_000);
  const suivants = setInterval(lancer, options.intervalle ?? 3_600_000);
  const relances = setInterval(balayer, options.relance ?? 300_000);
  const verifications = setInterval(balayerPieces, options.balayage ?? verificationPieces.balayage.frequenceMinutes * 60_000);
  for (const t of [premier, suivants, relances, verifications]) t.unref();
  return async () => {
    clearTimeout(premier);
    clearInterval(suivants);
    clearInterval(relances);
    clearInterval(verifications);
    await Promise.all([enCours, balayage, pieces]);
  };
}
