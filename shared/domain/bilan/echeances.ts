/**
 * What a conventioned dossier's own summaries say is due, without reading its bilans nor its convention: the bilans
 * still to deposit by the calendar of the convention in force (`suivi.convention.echeances`, kept at each convention
 * transition) and the payment deadlines still running (`suivi.bilans`, kept at each bilan and payment step). The OI's
 * tableau de bord and the daily reminders both read them here. Dossiers written before the calendar was kept have
 * none: nothing is due on them until their convention next changes.
 */
import type { Dossier } from '../../schemas/dossier';

export interface BilanADeposer {
  numero: number;
  nature: 'intermediaire' | 'final';
  /** Last day to deposit it (YYYY-MM-DD). */
  echeance: string;
}

export interface PaiementAttendu {
  /** The deposited bilan whose payment deadline runs. */
  numero: number;
  nature: 'intermediaire' | 'final';
  /** Receipt + 80 or 90 days (YYYY-MM-DD). */
  payerAvant: string;
}

/** Whole days from `de` to `a` (local dates YYYY-MM-DD); negative when `a` is past. */
export const joursEntre = (de: string, a: string) => Math.round((Date.parse(`${a}T00:00:00Z`) - Date.parse(`${de}T00:00:00Z`)) / 86_400_000);

/** The échéances of the calendar in force whose bilan is not deposited yet (none, or a draft), earliest first. */
export function bilansADeposer(d: Pick<Dossier, 'suivi'>): BilanADeposer[] {
  const deposes = new Set((d.suivi.bilans?.bilans ?? []).filter((b) => b.statut !== 'brouillon').map((b) => b.numero));
  return (d.suivi.convention?.echeances ?? [])
    .filter((e) => !deposes.has(e.numero))
    .map((e) => ({ numero: e.numero, nature: e.nature, echeance: e.echeance }))
    .sort((a, b) => a.echeance.localeCompare(b.echeance) || a.numero - b.numero);
}

const EN_CONTROLE: ReadonlySet<string> = new Set(['depose', 'en_csf', 'csf_contradictoire']);

/**
 * The deposited bilans whose payment is still awaited, by the same reading as the tableau de bord: a bilan whose CSF
 * is not final yet, and the dossier's last deposited bilan while any of its payments is proposed, validated or put
 * into payment (a payment is not tied to one bilan in the summary: it carries the last deadline).
 */
export function paiementsAttendus(d: Pick<Dossier, 'suivi'>): PaiementAttendu[] {
  const s = d.suivi.bilans;
  if (!s) return [];
  const deposes = s.bilans.filter((b) => b.statut !== 'brouillon' && b.payerAvant);
  const dernier = [...deposes].sort((a, b) => a.payerAvant!.localeCompare(b.payerAvant!) || a.numero - b.numero).at(-1);
  const enCours = s.paiements.aValider + s.paiements.aMettreEnPaiement + s.paiements.aConstater > 0;
  return deposes
    .filter((b) => EN_CONTROLE.has(b.statut) || (enCours && b === dernier))
    .map((b) => ({ numero: b.numero, nature: b.nature, payerAvant: b.payerAvant! }));
}
