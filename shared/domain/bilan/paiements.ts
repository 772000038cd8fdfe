/**
 * The payments ledger of a convention, pure (issue 15; notes « apres-selection » 5.4, B6): the avance at the entry into
 * force, an acompte after the CSF of an intermediate bilan, the solde after the final CSF; the sum of payments never
 * above the FSE dû, any excess an ordre de reversement; each payment's status and who moves it; the legal payment
 * delay from the bilan's receipt. Integer cents, BigInt sums.
 */
import type { Role } from '../../auth/roles';
import type { ContenuConvention } from '../../schemas/convention';
import type { DemandePaiement, DemandeRecouvrement, DemandeReversement, NaturePaiement, OrdreReversement, StatutPaiement, StatutReversement } from '../../schemas/bilan';
import { formatMontant } from '../../format';
import type { CodeProgramme } from '../programmes';
import { Conflit, RegleMetier } from '../errors';
import { exact, versNombre } from '../financement/montants';

const m = formatMontant;

/** A payment as the ledger sees it (storage adds ids, dates and actors). */
export interface Paiement {
  nature: NaturePaiement;
  montantCentimes: number;
  statut: StatutPaiement;
  /** Number of the bilan whose CSF opened an acompte or the solde; null for the avance. */
  bilanNumero: number | null;
}

/** A CSF made on a bilan of the convention's calendar; only a definitive one (after the contradictory round) pays. */
export interface CsfDuBilan {
  numero: number;
  nature: 'intermediaire' | 'final';
  definitif: boolean;
  /** FSE dû of that CSF: the bilans are cumulative (from the start of the operation), so the last one counts. */
  fseDuCentimes: number;
}

/** What the ledger needs to decide a payment. */
export interface EtatPaiements {
  convention: Pick<ContenuConvention, 'avance' | 'fseConventionneCentimes'>;
  /** The convention version in force exists (signed by both parties). */
  enVigueur: boolean;
  csf: readonly CsfDuBilan[];
  paiements: readonly Paiement[];
}

/** The FSE dû of the last definitive CSF (intermediate or final); null before any. */
export function dernierCsf(csf: readonly CsfDuBilan[]): CsfDuBilan | null {
  const definitifs = csf.filter((c) => c.definitif).sort((a, b) => a.numero - b.numero);
  return definitifs.at(-1) ?? null;
}

/** Sum of payments of the ledger: every status counts, a proposed payment already commits its amount. */
export const totalPaiements = (paiements: readonly Paiement[], statuts?: readonly StatutPaiement[]): number =>
  versNombre(paiements.filter((p) => !statuts || statuts.includes(p.statut)).reduce((s, p) => s + exact(p.montantCentimes), 0n));

/** What the ledger needs of an ordre de reversement: its amount and the sums recovered. */
export type Reversement = Pick<OrdreReversement, 'montantCentimes' | 'recouvrements'>;

const somme = (xs: readonly { montantCentimes: number }[]) => xs.reduce((s, x) => s + exact(x.montantCentimes), 0n);

/**
 * Where the ledger stands against an FSE dû: engaged (every status) and paid amounts, the solde still to pay
 * (FSE dû − engaged, never negative), the reversement still to order (paid − FSE dû − ordres already issued, when
 * positive; seed 002 l.7850–7852) and the receivable of the ordres issued (issued, recovered, left to recover).
 */
export function soldeEtReversement(fseDuCentimes: number, paiements: readonly Paiement[], reversements: readonly Reversement[] = []) {
  const du = exact(fseDuCentimes);
  const engages = exact(totalPaiements(paiements));
  const payes = exact(totalPaiements(paiements, ['paye']));
  const emis = somme(reversements);
  const recouvres = somme(reversements.flatMap((r) => r.recouvrements));
  const aOrdonner = payes - du - emis;
  return {
    fseDuCentimes,
    engagesCentimes: versNombre(engages),
    payesCentimes: versNombre(payes),
    soldeCentimes: versNombre(du > engages ? du - engages : 0n),
    reversementCentimes: versNombre(aOrdonner > 0n ? aOrdonner : 0n),
    reversementsEmisCentimes: versNombre(emis),
    recouvresCentimes: versNombre(recouvres),
    resteARecouvrerCentimes: versNombre(emis - recouvres),
  };
}

/** The avance due at the entry into force: the convention's amount, 0 for an exempt statut. */
export const avanceDue = (c: Pick<ContenuConvention, 'avance'>): number => (c.avance.exemption ? 0 : c.avance.montantCentimes);

/**
 * Checks a payment request against the ledger (seed 002 l.3528–3529: « Tout acompte ou versement de solde ne pourra se
 * faire qu’après Contrôle de Service Fait »); returns the payment to record, status `propose`.
 * - avance: once, when the convention is in force (422 `CONVENTION_NON_EN_VIGUEUR`, 409 `AVANCE_DEJA_PROPOSEE`), of the
 *   convention's amount (422 `AVANCE_EXEMPTEE` for an exempt statut, 422 `MONTANT_AVANCE_INEXACT`);
 * - acompte: after the definitive CSF of an intermediate bilan and before the final one (422 `CSF_REQUIS`, 422
 *   `SOLDE_ATTENDU`), at most FSE dû − payments engaged (422 `ACOMPTE_EXCESSIF`), not zero (422 `MONTANT_NUL`);
 * - solde: after the definitive final CSF (422 `CSF_REQUIS`), once (409 `SOLDE_DEJA_PROPOSE`), exactly FSE dû −
 *   payments engaged (422 `SOLDE_INEXACT`); when nothing is left, 422 `SOLDE_NUL` (and a reversement when paid > due).
 */
export function proposerPaiement(demande: DemandePaiement, etat: EtatPaiements): Paiement {
  const { convention, paiements } = etat;
  const engages = totalPaiements(paiements);
  if (demande.nature === 'avance') {
    if (!etat.enVigueur) throw new RegleMetier('CONVENTION_NON_EN_VIGUEUR', 'L’avance se verse à l’entrée en vigueur de la convention : elle n’est pas encore signée par les deux parties.');
    if (convention.avance.exemption) throw new RegleMetier('AVANCE_EXEMPTEE', convention.avance.exemption);
    if (paiements.some((p) => p.nature === 'avance')) throw new Conflit('AVANCE_DEJA_PROPOSEE', 'L’avance de cette convention est déjà proposée ou versée.');
    if (demande.montantCentimes !== convention.avance.montantCentimes) {
      throw new RegleMetier('MONTANT_AVANCE_INEXACT', `L’avance prévue par la convention est de ${m(convention.avance.montantCentimes)} (${convention.avance.pct} % du FSE conventionné), non de ${m(demande.montantCentimes)}.`);
    }
    return { nature: 'avance', montantCentimes: demande.montantCentimes, statut: 'propose', bilanNumero: null };
  }
  const final = etat.csf.find((c) => c.nature === 'final' && c.definitif) ?? null;
  if (demande.nature === 'acompte') {
    const intermediaire = dernierCsf(etat.csf.filter((c) => c.nature === 'intermediaire'));
    if (final) throw new RegleMetier('SOLDE_ATTENDU', 'Le contrôle de service fait du bilan final est définitif : le versement suivant est le solde, non un acompte.');
    if (!intermediaire) throw new RegleMetier('CSF_REQUIS', 'Un acompte ne se verse qu’après le contrôle de service fait définitif d’un bilan intermédiaire (seed 002, l.3528–3529).');
    const reste = intermediaire.fseDuCentimes - engages;
    if (demande.montantCentimes === 0) throw new RegleMetier('MONTANT_NUL', 'Un acompte de 0,00 € ne se propose pas.');
    if (demande.montantCentimes > reste) {
      throw new RegleMetier('ACOMPTE_EXCESSIF', `L’acompte demandé (${m(demande.montantCentimes)}) dépasse le FSE dû au bilan n° ${intermediaire.numero} (${m(intermediaire.fseDuCentimes)}) diminué des paiements déjà engagés (${m(engages)}) : ${m(Math.max(0, reste))} au plus.`);
    }
    return { nature: 'acompte', montantCentimes: demande.montantCentimes, statut: 'propose', bilanNumero: intermediaire.numero };
  }
  if (!final) throw new RegleMetier('CSF_REQUIS', 'Le solde ne se verse qu’après le contrôle de service fait définitif du bilan final (seed 002, l.3528–3529).');
  if (paiements.some((p) => p.nature === 'solde')) throw new Conflit('SOLDE_DEJA_PROPOSE', 'Le solde de cette convention est déjà proposé ou versé.');
  const { soldeCentimes, reversementCentimes } = soldeEtReversement(final.fseDuCentimes, paiements);
  if (soldeCentimes === 0) {
    const reversement = reversementCentimes > 0 ? ` Les paiements dépassent le FSE dû : un ordre de reversement de ${m(reversementCentimes)} est à émettre.` : '';
    throw new RegleMetier('SOLDE_NUL', `Rien ne reste à verser : les paiements engagés (${m(engages)}) atteignent ou dépassent le FSE dû (${m(final.fseDuCentimes)}).${reversement}`);
  }
  if (demande.montantCentimes !== soldeCentimes) {
    throw new RegleMetier('SOLDE_INEXACT', `Le solde est le FSE dû (${m(final.fseDuCentimes)}) diminué des paiements engagés (${m(engages)}) : ${m(soldeCentimes)}, non ${m(demande.montantCentimes)}.`);
  }
  return { nature: 'solde', montantCentimes: soldeCentimes, statut: 'propose', bilanNumero: final.numero };
}

// ---------------------------------------------------------------- statuses

export type ActionPaiement = 'valider' | 'mettre_en_paiement' | 'constater_paiement';

/**
 * The life of a payment. `proposerPaiement` creates it `propose` (role oi-gestionnaire: the one who did the CSF);
 * then oi-admin only: `valider` (propose → valide, by someone else than the proposer: four eyes), `mettre_en_paiement`
 * (valide → mis_en_paiement, when the transfer order leaves: SEPA export), `constater_paiement` (mis_en_paiement →
 * paye, when the bank confirms). A porteur or comité member never moves a payment.
 */
export const TRANSITIONS_PAIEMENT: Readonly<Record<ActionPaiement, { de: StatutPaiement; vers: StatutPaiement; roles: readonly Role[] }>> = {
  valider: { de: 'propose', vers: 'valide', roles: ['oi-admin'] },
  mettre_en_paiement: { de: 'valide', vers: 'mis_en_paiement', roles: ['oi-admin'] },
  constater_paiement: { de: 'mis_en_paiement', vers: 'paye', roles: ['oi-admin'] },
};

/** Roles that may propose a payment. */
export const ROLES_PROPOSITION_PAIEMENT: readonly Role[] = ['oi-gestionnaire', 'oi-admin'];

const LIBELLES_STATUT: Record<StatutPaiement, string> = { propose: 'proposé', valide: 'validé', mis_en_paiement: 'mis en paiement', paye: 'payé' };

/**
 * The next status of a payment: 409 `TRANSITION_PAIEMENT_INVALIDE` from a wrong status, 422 `ROLE_INSUFFISANT` for a
 * role the action does not allow (the route has already checked the OI), 422 `VALIDATION_PAR_LE_PROPOSANT` when the
 * proposer validates its own payment.
 */
export function transitionPaiement<P extends Paiement>(p: P, action: ActionPaiement, acteur: { roles: readonly Role[]; id: string }, proposePar?: string): P {
  const t = TRANSITIONS_PAIEMENT[action];
  if (p.statut !== t.de) {
    throw new Conflit('TRANSITION_PAIEMENT_INVALIDE', `Ce paiement est ${LIBELLES_STATUT[p.statut]} : seul un paiement ${LIBELLES_STATUT[t.de]} peut devenir ${LIBELLES_STATUT[t.vers]}.`);
  }
  if (!acteur.roles.some((r) => t.roles.includes(r))) {
    throw new RegleMetier('ROLE_INSUFFISANT', `Seul un administrateur de l’organisme intermédiaire peut rendre un paiement ${LIBELLES_STATUT[t.vers]}.`);
  }
  if (action === 'valider' && proposePar !== undefined && proposePar === acteur.id) {
    throw new RegleMetier('VALIDATION_PAR_LE_PROPOSANT', 'Le paiement doit être validé par une autre personne que celle qui l’a proposé.');
  }
  return { ...p, statut: t.vers };
}

// ---------------------------------------------------------------- delay

/** The maximum payment delay from the receipt of the payment claim, by programme. */
export const DELAI_PAIEMENT: Record<CodeProgramme, { jours: number; source: string }> = {
  'PON-FSE-2014-2020': { jours: 90, source: 'Art. 132, paragraphe 1, du règlement (UE) n° 1303/2013 (90 jours)' },
  'REACT-EU': { jours: 90, source: 'Art. 132, paragraphe 1, du règlement (UE) n° 1303/2013 (90 jours)' },
  'FSE-PLUS-2021-2027': { jours: 80, source: 'Art. 74, paragraphe 1, b), du règlement (UE) 2021/1060 (80 jours)' },
};

const jourUtc = (s: string) => {
  const [a, mo, j] = s.split('-').map(Number) as [number, number, number];
  return Date.UTC(a, mo - 1, j);
};
const JOUR_MS = 86_400_000;

/**
 * The payment's due date (receipt + 80 or 90 days, calendar days) and where `aujourdhui` stands: `joursRestants`
 * (negative once overdue), `enRetard`. The programme is the AAP's (`aap.programme.code`, also in the convention's
 * `programme.code`); dates `YYYY-MM-DD`.
 */
export function delaiPaiement(programme: CodeProgramme, receptionLe: string, aujourdhui: string) {
  const { jours, source } = DELAI_PAIEMENT[programme];
  const echeance = new Date(jourUtc(receptionLe) + jours * JOUR_MS).toISOString().slice(0, 10);
  const joursRestants = Math.round((jourUtc(echeance) - jourUtc(aujourdhui)) / JOUR_MS);
  return { jours, source, echeance, joursRestants, enRetard: joursRestants < 0 };
}

// ---------------------------------------------------------------- ordres de reversement

const LIBELLES_REVERSEMENT: Record<StatutReversement, string> = { emis: 'émis', partiellement_recouvre: 'partiellement recouvré', recouvre: 'recouvré' };
export const libelleStatutReversement = (s: StatutReversement) => LIBELLES_REVERSEMENT[s];

/**
 * Checks an ordre de reversement against the ledger; returns its amount and what it rests on. Only after a definitive
 * CSF (422 `CSF_REQUIS`), with no payment still on its way (422 `PAIEMENTS_EN_COURS`: record it paid first, the sum
 * paid must be final), when more was paid than the FSE dû beyond the ordres already issued (422
 * `REVERSEMENT_SANS_OBJET`), for exactly that excess (422 `MONTANT_REVERSEMENT_INEXACT`), repayable no earlier than
 * today (422 `ECHEANCE_PASSEE`).
 */
export function emettreReversement(
  demande: DemandeReversement,
  etat: { csf: readonly CsfDuBilan[]; paiements: readonly Paiement[]; reversements: readonly Reversement[]; aujourdhui: string },
): { montantCentimes: number; bilanNumero: number; fseDuCentimes: number; payesCentimes: number } {
  const csf = dernierCsf(etat.csf);
  if (!csf) throw new RegleMetier('CSF_REQUIS', 'Un ordre de reversement suit un contrôle de service fait définitif : aucun bilan de ce dossier n’en a encore.');
  const enCours = etat.paiements.filter((p) => p.statut !== 'paye');
  if (enCours.length > 0) {
    throw new RegleMetier('PAIEMENTS_EN_COURS', `${enCours.length === 1 ? 'Un paiement est' : `${enCours.length} paiements sont`} encore en cours (${enCours.map((p) => `${p.nature} de ${m(p.montantCentimes)}, ${LIBELLES_STATUT[p.statut]}`).join(' ; ')}) : constatez ${enCours.length === 1 ? 'son' : 'leur'} paiement avant d’émettre l’ordre de reversement.`);
  }
  const g = soldeEtReversement(csf.fseDuCentimes, etat.paiements, etat.reversements);
  if (g.reversementCentimes === 0) {
    const deja = g.reversementsEmisCentimes > 0 ? ` diminué des ordres déjà émis (${m(g.reversementsEmisCentimes)})` : '';
    throw new RegleMetier('REVERSEMENT_SANS_OBJET', `Les paiements versés (${m(g.payesCentimes)}) ne dépassent pas le FSE dû au bilan n° ${csf.numero} (${m(csf.fseDuCentimes)})${deja} : rien n’est à reverser.`);
  }
  if (demande.montantCentimes !== g.reversementCentimes) {
    throw new RegleMetier('MONTANT_REVERSEMENT_INEXACT', `Le reversement est la part des paiements versés (${m(g.payesCentimes)}) qui dépasse le FSE dû (${m(csf.fseDuCentimes)})${g.reversementsEmisCentimes > 0 ? ` et les ordres déjà émis (${m(g.reversementsEmisCentimes)})` : ''} : ${m(g.reversementCentimes)}, non ${m(demande.montantCentimes)}.`);
  }
  if (demande.echeance < etat.aujourdhui) throw new RegleMetier('ECHEANCE_PASSEE', 'La date limite de reversement ne peut pas être passée.');
  return { montantCentimes: g.reversementCentimes, bilanNumero: csf.numero, fseDuCentimes: csf.fseDuCentimes, payesCentimes: g.payesCentimes };
}

/**
 * A sum repaid against an ordre: not zero (422 `MONTANT_NUL`), not after it is fully recovered (409
 * `REVERSEMENT_RECOUVRE`), at most what is left (422 `RECOUVREMENT_EXCESSIF`), received no later than today (422
 * `DATE_FUTURE`). The ordre becomes `partiellement_recouvre` or `recouvre`.
 */
export function recouvrer<R extends Reversement & Pick<OrdreReversement, 'statut'>>(
  ordre: R,
  demande: DemandeRecouvrement,
  trace: { le: string; par: string; nom: string },
  aujourdhui: string,
): R {
  const reste = exact(ordre.montantCentimes) - somme(ordre.recouvrements);
  if (reste <= 0n) throw new Conflit('REVERSEMENT_RECOUVRE', 'Cet ordre de reversement est entièrement recouvré.');
  if (demande.montantCentimes === 0) throw new RegleMetier('MONTANT_NUL', 'Un recouvrement de 0,00 € ne s’enregistre pas.');
  if (exact(demande.montantCentimes) > reste) {
    throw new RegleMetier('RECOUVREMENT_EXCESSIF', `Il reste ${m(versNombre(reste))} à recouvrer sur cet ordre de ${m(ordre.montantCentimes)}, non ${m(demande.montantCentimes)}.`);
  }
  if (demande.recuLe > aujourdhui) throw new RegleMetier('DATE_FUTURE', 'La date de réception des fonds ne peut pas être future.');
  const recouvrements = [...ordre.recouvrements, { ...trace, montantCentimes: demande.montantCentimes, recuLe: demande.recuLe, reference: demande.reference }];
  return { ...ordre, recouvrements, statut: exact(demande.montantCentimes) === reste ? 'recouvre' : 'partiellement_recouvre' };
}
