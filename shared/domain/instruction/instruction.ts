import { nomDe } from '../../auth/personne';
import type { Actor } from '../../auth/roles';
import type { Aap, FicheOperation } from '../../schemas/aap';
import type { Critere, DemandeInstruction, Instruction } from '../../schemas/comite';
import type { Dossier } from '../../schemas/dossier';
import type { LigneChecklist } from '../../schemas/piece';
import { formatMontant } from '../../format';
import { Conflit, RegleMetier, type DetailErreur } from '../errors';
import { dateLocale, exigerVersion } from '../dossier/dossier';
import { piecesBloquantes } from '../piece/piece';

/** The grille: the fiche's critères de sélection, then the AAP's common criteria, each scored 1–5. */
export function grille(aap: Pick<Aap, 'selection'>, fiche: Pick<FicheOperation, 'criteresSelection'>): Critere[] {
  return [
    ...fiche.criteresSelection.map((libelle, i) => ({ id: `FICHE_${i + 1}`, libelle, origine: 'fiche' as const })),
    ...aap.selection.criteresCommuns.map((libelle, i) => ({ id: `COMMUN_${i + 1}`, libelle, origine: 'commun' as const })),
  ];
}

const iso = (d: Date) => d.toISOString();

/**
 * The fiche's yes / no conditions the instructor did not confirm: each must be answered « remplie » for the dossier to
 * be recevable (seed 002: « pour que sa proposition soit étudiée », HP1 l.5585, HP2 l.5761, S1 l.6994).
 */
export function conditionsNonRemplies(
  fiche: Pick<FicheOperation, 'conditionsRecevabilite'>,
  reponses: ReadonlyArray<{ condition: string; remplie: boolean }>,
): DetailErreur[] {
  return fiche.conditionsRecevabilite.flatMap((condition, i) => {
    const reponse = reponses.find((r) => r.condition === condition);
    if (reponse?.remplie) return [];
    const message = reponse ? `Condition non remplie : « ${condition} ».` : `Indiquez si la condition est remplie : « ${condition} ».`;
    return [{ chemin: `corps.conditions.${i}`, message }];
  });
}

/** depose → recevable (every required pièce valid, every condition of the fiche met) or irrecevable (with its motif). */
export function deciderRecevabilite(
  d: Dossier,
  demande: { decision: 'recevable'; conditions: Array<{ condition: string; remplie: boolean }> } | { decision: 'irrecevable'; motif: string },
  p: { versionLue: number; maintenant: Date; pieces: LigneChecklist[]; fiche: Pick<FicheOperation, 'conditionsRecevabilite'> },
): Dossier {
  exigerVersion(d, p.versionLue);
  if (d.statut !== 'depose') throw new Conflit('STATUT_INCOMPATIBLE', 'La recevabilité se prononce sur un dossier déposé.');
  if (demande.decision === 'recevable') {
    const bloquantes = piecesBloquantes(p.pieces);
    if (bloquantes.length) throw new RegleMetier('PIECES_NON_VALIDES', 'Des pièces obligatoires manquent ou ne sont pas valides : demandez des compléments.', bloquantes);
    const conditions = conditionsNonRemplies(p.fiche, demande.conditions);
    if (conditions.length) {
      throw new RegleMetier(
        'CONDITION_RECEVABILITE_NON_REMPLIE',
        'La fiche pose des conditions de recevabilité : chacune doit être remplie (sinon, déclarez le dossier irrecevable en le motivant).',
        conditions,
      );
    }
    const suivi = p.fiche.conditionsRecevabilite.length ? { ...d.suivi, conditionsRecevabilite: [...p.fiche.conditionsRecevabilite] } : d.suivi;
    return { ...d, statut: 'recevable', version: d.version + 1, modifieLe: iso(p.maintenant), suivi };
  }
  return { ...d, statut: 'irrecevable', version: d.version + 1, modifieLe: iso(p.maintenant), suivi: { ...d.suivi, motifIrrecevabilite: demande.motif } };
}

/** Average of the notes, printed with two decimals, computed on integers (sum × 100 / n, rounded half-up). */
export function moyenne(notes: Array<{ note: number }>): string {
  if (notes.length === 0) return '—';
  const somme = notes.reduce((s, n) => s + n.note, 0);
  const centiemes = Math.floor((somme * 200 + notes.length) / (2 * notes.length));
  return `${Math.floor(centiemes / 100)},${String(centiemes % 100).padStart(2, '0')}`;
}

/**
 * recevable | instruit → instruit: every criterion of the grille scored once, with a rationale. Rescoring makes a
 * new version of the instruction; the previous ones stay in the history.
 */
export function instruire(
  d: Dossier,
  demande: DemandeInstruction,
  p: { actor: Actor; grille: Critere[]; versionLue: number; maintenant: Date; versionInstruction: number },
): { dossier: Dossier; instruction: Instruction } {
  exigerVersion(d, p.versionLue);
  if (d.statut !== 'recevable' && d.statut !== 'instruit') {
    throw new Conflit('STATUT_INCOMPATIBLE', 'Seul un dossier recevable (ou déjà instruit, avant son inscription en comité) s’instruit.');
  }
  const ids = new Set(p.grille.map((c) => c.id));
  const details: DetailErreur[] = [];
  const vus = new Set<string>();
  demande.notes.forEach((n, i) => {
    if (!ids.has(n.critere)) details.push({ chemin: `corps.notes[${i}].critere`, message: `Critère inconnu de la grille : ${n.critere}.` });
    if (vus.has(n.critere)) details.push({ chemin: `corps.notes[${i}].critere`, message: `Le critère ${n.critere} est noté deux fois.` });
    vus.add(n.critere);
  });
  for (const c of p.grille) if (!vus.has(c.id)) details.push({ chemin: 'corps.notes', message: `Critère non noté : ${c.libelle}` });
  if (details.length) throw new RegleMetier('GRILLE_INCOMPLETE', 'Chaque critère de la grille doit être noté une fois, avec sa justification.', details);
  const demandeFse = d.contenu.planFinancement.ressources.fseCentimes;
  if (demande.montantFsePropose > demandeFse) {
    throw new RegleMetier('MONTANT_SUPERIEUR_DEMANDE', 'Le FSE proposé ne peut pas dépasser le FSE sollicité par le porteur.', [
      { chemin: 'corps.montantFsePropose', message: `Au plus ${formatMontant(demandeFse)}, le FSE sollicité.` },
    ]);
  }
  const instruction: Instruction = {
    ...demande,
    dossierId: d.id,
    version: p.versionInstruction,
    instruitLe: iso(p.maintenant),
    instruitPar: nomDe(p.actor),
    instruitParId: p.actor.userId,
    moyenne: moyenne(demande.notes),
  };
  return {
    instruction,
    dossier: {
      ...d,
      statut: 'instruit',
      version: d.version + 1,
      modifieLe: iso(p.maintenant),
      suivi: { ...d.suivi, avis: demande.avis, montantFsePropose: demande.montantFsePropose },
    },
  };
}

type DemandeProgrammation = { montantFseCentimes: number; dateDecision: string; referenceDeliberation: string; motif?: string | undefined };

/**
 * The rules of a programmation, first or corrected: a decision already taken (its date not after today, server clock
 * in the AAP's zone), never more than the comité selected, and a motif for any reduction. Returns the motif to keep.
 */
function verifierProgrammation(d: Dossier, demande: DemandeProgrammation, p: { maintenant: Date; fuseau: string }): string | undefined {
  const aujourdhui = dateLocale(p.maintenant, p.fuseau);
  if (demande.dateDecision > aujourdhui) {
    const [a, m, j] = aujourdhui.split('-');
    throw new RegleMetier('DATE_DECISION_FUTURE', 'La date de la décision de programmation ne peut pas être postérieure à aujourd’hui.', [
      { chemin: 'corps.dateDecision', message: `Au plus tard le ${j}/${m}/${a} (${p.fuseau}) : on enregistre une décision déjà prise.` },
    ]);
  }
  const selectionne = d.suivi.decision?.montantFseCentimes ?? 0;
  if (demande.montantFseCentimes > selectionne) {
    throw new RegleMetier('MONTANT_SUPERIEUR_SELECTION', 'Le montant programmé ne peut pas dépasser le montant FSE sélectionné par le comité.', [
      { chemin: 'corps.montantFseCentimes', message: `Au plus ${formatMontant(selectionne)}, le FSE sélectionné par le comité.` },
    ]);
  }
  const motif = demande.motif?.trim();
  if (demande.montantFseCentimes < selectionne && !motif) {
    throw new RegleMetier('MOTIF_REDUCTION_REQUIS', 'Le montant programmé est inférieur au FSE sélectionné par le comité : écrivez le motif de la réduction.', [
      { chemin: 'corps.motif', message: `Motivez la réduction de ${formatMontant(selectionne)} à ${formatMontant(demande.montantFseCentimes)}.` },
    ]);
  }
  return motif && demande.montantFseCentimes < selectionne ? motif : undefined;
}

/**
 * selectionne → programme: the OI's board grants the FSE (never more than the comité selected), by a decision already
 * taken: its date may not be after today (server clock, in the AAP's zone).
 */
export function programmer(d: Dossier, demande: DemandeProgrammation, p: { versionLue: number; maintenant: Date; fuseau: string }): Dossier {
  exigerVersion(d, p.versionLue);
  if (d.statut !== 'selectionne') throw new Conflit('STATUT_INCOMPATIBLE', 'Seul un dossier sélectionné par le comité se programme.');
  const motif = verifierProgrammation(d, demande, p);
  return {
    ...d,
    statut: 'programme',
    version: d.version + 1,
    modifieLe: iso(p.maintenant),
    suivi: {
      ...d.suivi,
      programmation: programmation(demande, motif, p.maintenant),
    },
  };
}

/** The programmation a demande records (at programming, and as the new one of a correction). */
const programmation = (demande: DemandeProgrammation, motif: string | undefined, maintenant: Date) => ({
  montantFseCentimes: demande.montantFseCentimes, dateDecision: demande.dateDecision, referenceDeliberation: demande.referenceDeliberation,
  ...(motif ? { motif } : {}),
  enregistreLe: iso(maintenant),
});

/**
 * A programmed dossier's programmation, corrected under the same rules (the board's decision was mis-entered, or
 * amended): the replaced programmation joins `corrections` with who replaced it, when and why. A correction that
 * changes nothing is refused, so the journal and the porteur's e-mails only record real changes.
 */
export function corrigerProgrammation(
  d: Dossier,
  demande: DemandeProgrammation & { motifCorrection: string },
  p: { versionLue: number; maintenant: Date; fuseau: string; actor: Actor },
): Dossier {
  exigerVersion(d, p.versionLue);
  const avant = d.suivi.programmation;
  if (d.statut !== 'programme' || !avant) throw new Conflit('STATUT_INCOMPATIBLE', 'Seule la programmation d’un dossier programmé se corrige.');
  if (d.suivi.convention && (d.suivi.convention.numeroEnVigueur !== null || d.suivi.convention.etat === 'a_contresigner')) {
    throw new Conflit('CONVENTION_SIGNEE', 'La convention de ce dossier est signée : la programmation ne se corrige plus, passez par un avenant ou une nouvelle programmation.');
  }
  const motifCorrection = demande.motifCorrection.trim();
  if (!motifCorrection) {
    throw new RegleMetier('MOTIF_CORRECTION_REQUIS', 'Indiquez pourquoi la programmation est corrigée : le motif figure à l’historique et dans le courriel au porteur.', [
      { chemin: 'corps.motifCorrection', message: 'Le motif de la correction est obligatoire.' },
    ]);
  }
  const motif = verifierProgrammation(d, demande, p);
  const { corrections = [], ...remplacee } = avant;
  const inchangee = remplacee.montantFseCentimes === demande.montantFseCentimes && remplacee.dateDecision === demande.dateDecision
    && remplacee.referenceDeliberation === demande.referenceDeliberation && (remplacee.motif ?? '') === (motif ?? '');
  if (inchangee) throw new RegleMetier('CORRECTION_SANS_EFFET', 'La correction ne change ni le montant, ni la date, ni la délibération, ni le motif de la programmation.');
  return {
    ...d,
    version: d.version + 1,
    modifieLe: iso(p.maintenant),
    suivi: {
      ...d.suivi,
      programmation: {
        ...programmation(demande, motif, p.maintenant),
        corrections: [...corrections, { ...remplacee, corrigeeLe: iso(p.maintenant), corrigeePar: nomDe(p.actor), corrigeeParId: p.actor.userId, motifCorrection }],
      },
    },
  };
}
