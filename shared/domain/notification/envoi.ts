/**
 * Sending one outbox item, at most once: reserve it (a_envoyer → en_cours, conditional), send, then envoye; a
 * transient failure puts it back to a_envoyer and is thrown for the stream to retry; a permanent one (bounce,
 * rejected address) or the last attempt records `echec` with its reason, never retried.
 */
import type { Notification } from '../../schemas/notification';
import { EchecEnvoi, type Transport } from '../../email/transport';
import { rendre } from './modeles';

export const TENTATIVES_MAX = 5;

export interface ContexteEnvoi {
  store: {
    lire(id: string): Promise<Notification | null>;
    reserver(id: string, le: string): Promise<boolean>;
    envoyee(id: string, le: string, messageId: string | null): Promise<void>;
    echouee(id: string, echec: { raison: string; permanent: boolean; le: string }, definitif: boolean): Promise<void>;
    /** Writes a lot's notifications as items of their own (idempotent); how many were new. */
    deballer(lotId: string): Promise<number>;
  };
  transport: Transport;
  origine: string;
  expediteur: string;
  maintenant: () => Date;
}

export type ResultatEnvoi = 'envoye' | 'deja_traite' | 'echec_definitif' | 'a_reessayer';

export async function envoyer(ctx: ContexteEnvoi, id: string): Promise<ResultatEnvoi> {
  const n = await ctx.store.lire(id);
  if (!n || n.etat !== 'a_envoyer') return 'deja_traite';
  if (!(await ctx.store.reserver(id, ctx.maintenant().toISOString()))) return 'deja_traite';
  const tentative = n.tentatives + 1;
  const { sujet, texte, html } = rendre(n, ctx.origine);
  try {
    const r = await ctx.transport.envoyer({ de: ctx.expediteur, a: n.destinataire.email, sujet, texte, html, notificationId: n.id });
    await ctx.store.envoyee(id, ctx.maintenant().toISOString(), r.messageId);
    return 'envoye';
  } catch (e) {
    const permanent = e instanceof EchecEnvoi && e.permanent;
    const raison = (e instanceof Error ? e.message : String(e)).slice(0, 500);
    const definitif = permanent || tentative >= TENTATIVES_MAX;
    await ctx.store.echouee(id, { raison, permanent, le: ctx.maintenant().toISOString() }, definitif);
    return definitif ? 'echec_definitif' : 'a_reessayer';
  }
}

/** What a batch of the stream asks: rectificatifs to spread to draft owners, lots to unpack, outbox items to send. */
export interface Lot {
  rectificatifs: Array<{ aapId: string; version: number; motif: string; sequence: string }>;
  outbox: Array<{ id: string; sequence: string }>;
  lots?: Array<{ id: string; sequence: string }>;
}

/**
 * Handles a batch; returns the sequence numbers to retry (transient failures: the stream retries, bisecting, then
 * the DLQ) and what to report. A permanent failure is recorded on its item by `envoyer`, not retried.
 */
export async function traiterLot(
  ctx: ContexteEnvoi,
  diffuser: (r: Lot['rectificatifs'][number]) => Promise<unknown>,
  lot: Lot,
): Promise<{ aReessayer: string[]; incidents: Array<{ quoi: string; id: string; erreur?: string }> }> {
  const aReessayer: string[] = [];
  const incidents: Array<{ quoi: string; id: string; erreur?: string }> = [];
  const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
  for (const r of lot.rectificatifs) {
    await diffuser(r).catch((e: unknown) => {
      incidents.push({ quoi: 'Diffusion d’un rectificatif', id: r.aapId, erreur: message(e) });
      aReessayer.push(r.sequence);
    });
  }
  for (const { id, sequence } of lot.lots ?? []) {
    await ctx.store.deballer(id).catch((e: unknown) => {
      incidents.push({ quoi: 'Dépaquetage d’un lot de notifications', id, erreur: message(e) });
      aReessayer.push(sequence);
    });
  }
  for (const { id, sequence } of lot.outbox) {
    try {
      const r = await envoyer(ctx, id);
      if (r === 'a_reessayer') aReessayer.push(sequence);
      if (r === 'echec_definitif') incidents.push({ quoi: 'Courriel non délivré', id });
    } catch (e) {
      incidents.push({ quoi: 'Envoi d’une notification', id, erreur: message(e) });
      aReessayer.push(sequence);
    }
  }
  return { aReessayer, incidents };
}
