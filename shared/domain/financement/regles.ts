/**
 * The rules of a plan de financement, as data: each entry has a stable code, the source it comes from and a check.
 * Adding a rule is adding an entry; the engine (`controlerPlan`) only runs the table in order.
 */
import { formatMontant, formatPourcentage } from '../../format';
import type { PlanFinancement } from '../../schemas/plan-financement';
import type { RegleFinancement } from '../../schemas/aap';
import type { OptionForfait, ProgrammeDefinition } from '../programmes';
import { excede, formatTaux, forfaitExact, inferieur, versNombre } from './montants';
import { assietteForfait, type TotauxExacts } from './totaux';

/** What a rule sees: the plan, its exact totals, the programme, the fiche's rule and the flat-rate option chosen. */
export interface ContexteRegle {
  plan: PlanFinancement;
  t: TotauxExacts;
  programme: ProgrammeDefinition;
  regle: RegleFinancement | null;
  /** Code of the fiche (HP1…), to name it in sources; null when the caller did not give it. */
  fiche: string | null;
  /** The programme's option the plan names; null without forfait or when the code is unknown. */
  option: OptionForfait | null;
}

/** A broken rule, before the engine stamps it with the rule's code and source. */
export interface Constat {
  message: string;
  details?: Record<string, number>;
}

export interface RegleControle {
  code: string;
  source: string | ((c: ContexteRegle) => string);
  /** null when the plan complies. */
  check: (c: ContexteRegle) => Constat | null;
}

const m = formatMontant;
const n = versNombre;
const SOURCE_DEMANDE = 'Demande de subvention FSE — plan de financement prévisionnel';
const sourceFiche = (c: ContexteRegle): string =>
  `${c.fiche ? `Fiche ${c.fiche}` : 'Fiche de l’appel à projets'} — conditions de financement`;

/** The smallest whole number of cents that is at least `pct` % of `total` (ceil), for messages. */
const minimumCentimes = (total: bigint, pct: number): bigint => {
  const plancher = forfaitExact(total, pct);
  return inferieur(plancher, total, pct) ? plancher + 1n : plancher;
};

export const REGLES_PLAN: readonly RegleControle[] = [
  {
    code: 'PLAN_VIDE',
    source: SOURCE_DEMANDE,
    check: ({ t }) => (t.coutTotal === 0n ? { message: `Le plan de financement ne comporte aucune dépense : le coût total est de ${m(0)}.` } : null),
  },
  {
    code: 'FSE_NUL',
    source: SOURCE_DEMANDE,
    check: ({ t }) =>
      t.fse === 0n ? { message: 'Le montant de FSE sollicité est nul : une demande de subvention FSE doit en solliciter un.' } : null,
  },
  {
    code: 'OPTION_FORFAIT_INCONNUE',
    source: ({ programme }) => `${programme.libelle} — taux forfaitaires autorisés`,
    check: ({ plan, programme, option }) => {
      if (plan.indirects.mode !== 'forfait' || option) return null;
      const possibles = programme.optionsForfait.map((o) => `« ${o.libelle} » (${o.code})`).join(', ');
      return {
        message: `Le taux forfaitaire « ${plan.indirects.option} » n’est pas prévu par le programme ; options possibles : ${possibles || 'aucune'}.`,
      };
    },
  },
  {
    // Art. 56 CPR: a rate that covers every remaining cost leaves no room for other direct costs beside its base.
    code: 'FORFAIT_40_EXCLUSIF',
    source: ({ option }) => option?.source ?? 'Art. 56 du règlement (UE) 2021/1060',
    check: ({ t, option }) => {
      if (!option?.couvreTousLesAutresCouts) return null;
      const autres = t.directs - assietteForfait(t, option.assiette);
      if (autres === 0n) return null;
      return {
        message: `L’option « ${option.libelle} » couvre tous les autres coûts de l’opération : les autres dépenses directes doivent être nulles, or elles s’élèvent à ${m(autres)}.`,
        details: { autresDepensesDirectes: n(autres) },
      };
    },
  },
  {
    // State-aid operations are exempt under art. 53(2); the engine does not model state aid, so the OI decides.
    code: 'OPTION_COUTS_SIMPLIFIES_OBLIGATOIRE',
    source: ({ programme }) => programme.sourceSeuil ?? SOURCE_DEMANDE,
    check: ({ plan, t, programme }) => {
      const seuil = programme.seuilOptionsCoutsSimplifiesCentimes;
      // An empty plan is already PLAN_VIDE; reporting the threshold too would only add noise.
      if (seuil === null || t.coutTotal === 0n || t.coutTotal > BigInt(seuil) || plan.indirects.mode === 'forfait') return null;
      return {
        message: `Le coût total de l’opération (${m(t.coutTotal)}) ne dépasse pas ${m(seuil)} : les options de coûts simplifiés sont obligatoires, choisissez un taux forfaitaire pour les dépenses indirectes.`,
        details: { coutTotal: n(t.coutTotal), seuil },
      };
    },
  },
  {
    code: 'BUDGET_DESEQUILIBRE',
    source: `${SOURCE_DEMANDE} : total des dépenses = total des ressources`,
    check: ({ t }) => {
      if (t.coutTotal === t.ressources) return null;
      const ecart = t.ressources - t.coutTotal;
      const sens = ecart > 0n ? 'excèdent les dépenses' : 'manquent pour couvrir les dépenses';
      return {
        message: `Le plan de financement n’est pas équilibré : les dépenses s’élèvent à ${m(t.coutTotal)} et les ressources à ${m(t.ressources)} ; ${m(ecart > 0n ? ecart : -ecart)} de ressources ${sens}.`,
        details: { depenses: n(t.coutTotal), ressources: n(t.ressources), ecart: n(ecart) },
      };
    },
  },
  {
    code: 'TAUX_FSE_EXCESSIF',
    source: sourceFiche,
    check: ({ t, regle }) => {
      const max = regle?.maxFsePct ?? null;
      if (max === null || !excede(t.fse, t.coutTotal, max)) return null;
      const part = t.coutTotal > 0n ? ` représente ${formatTaux(t.fse, t.coutTotal)} du coût total (${m(t.coutTotal)}) ;` : ' dépasse un coût total nul ;';
      const plafond = forfaitExact(t.coutTotal, max);
      return {
        message: `Le FSE sollicité (${m(t.fse)})${part} la participation du FSE ne peut pas excéder ${formatPourcentage(max)}, soit ${m(plafond)} au plus.`,
        details: { fse: n(t.fse), coutTotal: n(t.coutTotal), maxFsePct: max, fseMaximum: n(plafond) },
      };
    },
  },
  {
    code: 'CONTREPARTIES_INSUFFISANTES',
    source: sourceFiche,
    check: ({ t, regle }) => {
      const min = regle?.minContrepartiesPct ?? null;
      if (min === null || !inferieur(t.contreparties, t.coutTotal, min)) return null;
      const requis = minimumCentimes(t.coutTotal, min);
      return {
        message: `Les contreparties du FSE (${m(t.contreparties)}) représentent ${formatTaux(t.contreparties, t.coutTotal)} du coût total (${m(t.coutTotal)}) : il en faut au moins ${formatPourcentage(min)}, soit ${m(requis)}.`,
        details: { contreparties: n(t.contreparties), coutTotal: n(t.coutTotal), minContrepartiesPct: min, contrepartiesMinimum: n(requis) },
      };
    },
  },
  {
    code: 'COFINANCEMENT_REQUIS',
    source: sourceFiche,
    check: ({ t, regle }) =>
      regle?.cofinancementRequis && t.cofinancements === 0n
        ? { message: `Cette fiche exige au moins un cofinancement : le total des cofinancements du plan est de ${m(0)}.` }
        : null,
  },
];
