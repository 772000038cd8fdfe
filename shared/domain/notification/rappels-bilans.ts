/**
 * Daily reminders on conventioned dossiers, read from each programmed dossier's summaries (shared/domain/bilan/
 * echeances.ts), one partition per OI (the OIs of the published and closed AAPs), no scan:
 * - the porteur's members, about a bilan not deposited yet: once from 15 days before its due date (`J15`), once
 *   after it (`retard`);
 * - the OI's admins, about a bilan whose payment is not done: once from 10 days before its payment deadline (receipt
 *   + 80 or 90 days, `J10`), once after it (`retard`).
 * A stage is a window, not a day, so that a missed run catches up; the outbox id names the stage, dossier, bilan, due
 * date and recipient, so that each e-mail is written once however often the job runs (a retry, the local hourly
 * scheduler). The due date is in the id: a date moved by an avenant is a new deadline, reminded again.
 */
import { createHash } from 'node:crypto';
import type { Role } from '../../auth/roles';
import type { Dossier } from '../../schemas/dossier';
import type { Destinataire, Notification } from '../../schemas/notification';
import type { AapStore } from '../aap/use-cases';
import { bilansADeposer, joursEntre, paiementsAttendus } from '../bilan/echeances';
import { dateLocale } from '../dossier/dossier';
import type { DossierStore } from '../dossier/use-cases';
import { aLoi, auxPorteurs, type ContexteNotification } from './evenements';
import { dateFr } from './notification';

/** Days before a bilan's due date from which its porteur is reminded. */
export const JOURS_RAPPEL_BILAN = 15;
/** Days before a payment deadline from which the OI's admins are reminded. */
export const JOURS_RAPPEL_PAIEMENT = 10;
/** Who is reminded of payment deadlines: the role that validates, puts into payment and records payments. */
export const ROLE_RAPPEL_PAIEMENT: Role = 'oi-admin';

export interface RappelBilan {
  type: 'depot' | 'paiement';
  stade: 'J15' | 'J10' | 'retard';
  dossier: Dossier;
  numero: number;
  nature: 'intermediaire' | 'final';
  /** The due date: of the dépôt, or of the payment. */
  echeance: string;
  /** Days left until it (negative once past). */
  jours: number;
  /** The bilan's receipt instant (payments only). */
  recuLe: string | null;
}

/** Pure: which reminders the programmed dossiers call for on `aujourdhui` (local date, Europe/Paris). */
export function rappelsDuJour(programmes: readonly Dossier[], aujourdhui: string): RappelBilan[] {
  return programmes.flatMap((dossier) => [
    ...bilansADeposer(dossier).flatMap((e): RappelBilan[] => {
      const jours = joursEntre(aujourdhui, e.echeance);
      const stade = jours < 0 ? 'retard' : jours <= JOURS_RAPPEL_BILAN ? 'J15' : null;
      return stade ? [{ type: 'depot', stade, dossier, numero: e.numero, nature: e.nature, echeance: e.echeance, jours, recuLe: null }] : [];
    }),
    ...paiementsAttendus(dossier).flatMap((p): RappelBilan[] => {
      const jours = joursEntre(aujourdhui, p.payerAvant);
      const stade = jours < 0 ? 'retard' : jours <= JOURS_RAPPEL_PAIEMENT ? 'J10' : null;
      const recuLe = dossier.suivi.bilans?.bilans.find((b) => b.numero === p.numero)?.deposeLe ?? null;
      return stade ? [{ type: 'paiement', stade, dossier, numero: p.numero, nature: p.nature, echeance: p.payerAvant, jours, recuLe }] : [];
    }),
  ]);
}

const empreinte = (email: string) => createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 16);

/** The outbox id of a reminder to one recipient: the same on every run. */
export const idRappel = (r: Pick<RappelBilan, 'type' | 'stade' | 'numero' | 'echeance'> & { dossierId: string }, email: string) =>
  `rappel-${r.type === 'depot' ? 'bilan' : 'paiement'}-${r.stade}-${r.dossierId}-B${r.numero}-${r.echeance}-${empreinte(email)}`;

const delai = (jours: number) => (jours === 0 ? 'c’est aujourd’hui' : jours === 1 ? 'c’est demain' : `dans ${jours} jours`);
const libelleBilan = (r: Pick<RappelBilan, 'numero' | 'nature'>) => `n° ${r.numero} (${r.nature === 'final' ? 'final' : 'intermédiaire'})`;

export interface ContexteRappelsBilans extends Omit<ContexteNotification, 'nouvelId'> {
  aaps: Pick<AapStore, 'lister'>;
  dossiers: Pick<DossierStore, 'toutDuStatut'>;
  /** The OI's accounts in a role (the identity provider's directory). */
  agentsOi(oi: string, role: Role): Promise<Destinataire[]>;
  /** Writes the notifications not yet written (by id); returns how many were new. */
  ecrireNouvelles(ns: Notification[]): Promise<number>;
}

/** The OIs that have published an AAP (published or closed; one partition of the public index). */
async function ois(ctx: Pick<ContexteRappelsBilans, 'aaps' | 'maintenant'>): Promise<string[]> {
  const sigles = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = await ctx.aaps.lister({ perimetre: { type: 'publics' }, maintenant: ctx.maintenant, limit: 100, ...(cursor ? { cursor } : {}) });
    for (const a of page.items) sigles.add(a.organismeIntermediaire.sigle);
    cursor = page.cursor ?? undefined;
  } while (cursor);
  return [...sigles].sort();
}

/** The notifications of one reminder, each with its stable id (porteur side linked to the bilans, OI side to the tab). */
async function notificationsDe(ctx: ContexteRappelsBilans, r: RappelBilan, agents: () => Promise<Destinataire[]>): Promise<Notification[]> {
  const c = { ...ctx, nouvelId: () => 'rappel' };
  const d = r.dossier;
  const donnees = {
    bilan: libelleBilan(r), echeance: dateFr(r.echeance), delai: r.jours >= 0 ? delai(r.jours) : undefined, retard: r.stade === 'retard' ? 'oui' : undefined,
    recuLe: r.recuLe ? dateFr(dateLocale(new Date(r.recuLe), 'Europe/Paris')) : undefined,
  };
  const [ns, lien] = r.type === 'depot'
    ? [await auxPorteurs(c, d, 'rappel_bilan', donnees), `/dossiers/${d.id}#section-bilans`]
    : [aLoi(c, d, await agents(), 'rappel_paiement', donnees), `/gestion/dossiers/${d.id}?onglet=bilans`];
  return ns.map((n) => ({ ...n, lien, id: idRappel({ ...r, dossierId: d.id }, n.destinataire.email) }));
}

/** load (the OIs, then each one's programmed dossiers) → decide (`rappelsDuJour`) → emit the e-mails not yet written. */
export async function rappelsBilans(ctx: ContexteRappelsBilans): Promise<{ dossiers: number; rappels: number; envoyes: number }> {
  const aujourdhui = dateLocale(ctx.maintenant, 'Europe/Paris');
  let dossiers = 0;
  let rappels = 0;
  let envoyes = 0;
  for (const oi of await ois(ctx)) {
    const programmes = await ctx.dossiers.toutDuStatut(oi, 'programme');
    dossiers += programmes.length;
    let admins: Promise<Destinataire[]> | undefined;
    const agents = () => (admins ??= ctx.agentsOi(oi, ROLE_RAPPEL_PAIEMENT));
    for (const r of rappelsDuJour(programmes, aujourdhui)) {
      rappels++;
      envoyes += await ctx.ecrireNouvelles(await notificationsDe(ctx, r, agents));
    }
  }
  return { dossiers, rappels, envoyes };
}
