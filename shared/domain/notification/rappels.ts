/**
 * Reminders before an AAP closes: 7 and 2 days before its closing date (calendar days in the AAP's zone), each
 * member of an organisation with a draft on it gets one e-mail per draft. Outbox ids are derived from (stage,
 * dossier, recipient), so that a run repeated the same day — a retry, the local hourly scheduler — sends nothing
 * twice.
 */
import { createHash } from 'node:crypto';
import type { EnteteAap } from '../../schemas/aap';
import type { Dossier } from '../../schemas/dossier';
import type { Notification } from '../../schemas/notification';
import type { AapStore } from '../aap/use-cases';
import { dateLocale } from '../dossier/dossier';
import { auxPorteurs, type ContexteNotification } from './evenements';
import { dateFr } from './notification';

export const JOURS_RAPPEL = [7, 2] as const;

export interface ContexteRappels extends Omit<ContexteNotification, 'nouvelId'> {
  aaps: Pick<AapStore, 'lister'>;
  /** The drafts (never deposited) on an AAP. */
  brouillons(aapId: string): Promise<Dossier[]>;
  /** Writes the notifications not yet written (by id); returns how many were new. */
  ecrireNouvelles(ns: Notification[]): Promise<number>;
}

const jours = (de: string, a: string) => Math.round((Date.parse(`${a}T00:00:00Z`) - Date.parse(`${de}T00:00:00Z`)) / 86_400_000);

/** Published AAPs still open whose closing day is J-7 or J-2 today. */
export async function aapsARappeler(ctx: Pick<ContexteRappels, 'aaps' | 'maintenant'>): Promise<Array<{ aap: EnteteAap; jours: number }>> {
  const out: Array<{ aap: EnteteAap; jours: number }> = [];
  let cursor: string | undefined;
  do {
    const page = await ctx.aaps.lister({ perimetre: { type: 'publics' }, statut: 'publie', maintenant: ctx.maintenant, limit: 100, ...(cursor ? { cursor } : {}) });
    for (const aap of page.items) {
      const fuseau = aap.depot.cloture.fuseau;
      const j = jours(dateLocale(ctx.maintenant, fuseau), dateLocale(new Date(aap.clotureLe), fuseau));
      if ((JOURS_RAPPEL as readonly number[]).includes(j)) out.push({ aap, jours: j });
    }
    cursor = page.cursor ?? undefined;
  } while (cursor);
  return out;
}

export async function rappelsCloture(ctx: ContexteRappels): Promise<{ aaps: number; envoyes: number }> {
  const cibles = await aapsARappeler(ctx);
  let envoyes = 0;
  for (const { aap, jours: j } of cibles) {
    const brouillons = (await ctx.brouillons(aap.id)).filter((d) => d.statut === 'brouillon' && !d.depot);
    for (const d of brouillons) {
      const ns = await auxPorteurs({ ...ctx, nouvelId: () => 'rappel' }, d, 'rappel_cloture', {
        jours: String(j), cloture: dateFr(aap.clotureLe, aap.depot.cloture.fuseau),
      });
      // The id names the recipient, not their rank: a member added since the first run gets their own.
      const stables = ns.map((n) => ({ ...n, id: `rappel-J${j}-${d.id}-${createHash('sha256').update(n.destinataire.email.toLowerCase()).digest('hex').slice(0, 16)}` }));
      envoyes += await ctx.ecrireNouvelles(stables);
    }
  }
  return { aaps: cibles.length, envoyes };
}
