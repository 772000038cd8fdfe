/**
 * The rules of a plan de financement, as data: each entry has a stable code, the source it comes from and a check.
 * Adding a rule is adding an entry; the engine (`controlerPlan`) only runs the table in order.
 */
import { formatMontant, formatPourcentage } from '../../format';
import type { PlanFinancement } from '../../schemas/plan-financement';
import type { RegleFinancement } from '../../schemas/aap';
import { seuilEnVigueur, type OptionForfait, type OptionPersonnel, type ProgrammeDefinition } from '../programmes';
import { exact, excede, formatTaux, forfaitExact, inferieur, somme, versNombre } from './montants';
import { assietteForfait, type TotauxExacts } from './totaux';

/** What a rule sees: the plan, its exact totals, the programme, the fiche's rule and the flat-rate option chosen. */
export interface ContexteRegle {
  plan: PlanFinancement;
  t: TotauxExacts;
  programme: ProgrammeDefinition;
  /** The programme's flat-rate options with the AAP's lower rates applied. */
  options: readonly OptionForfait[];
  regle: RegleFinancement | null;
  /** Code of the fiche (HP1…), to name it in sources; null when the caller did not give it. */
  fiche: string | null;
  /** The programme's option the plan names; null without forfait or when the code is unknown. */
  option: OptionForfait | null;
  /** The staff flat rate the plan names; null when staff costs are declared or the code is unknown. */
  optionPersonnel: OptionPersonnel | null;
  /** The operation's period, when known (dates of the threshold in force, years of an annual cap). */
  periode: { debut: string; fin: string } | null;
}

/**
 * Months an operation runs (each month touched counts whole; 12 without dates): the 500 000 € « par année civile »
 * of the arrêté du 1er avril 2016 is read as 500 000 € × months / 12, so that a two-month operation straddling two
 * calendar years is not given a twice larger cap.
 */
const moisDeRealisation = (p: { debut: string; fin: string } | null): number => {
  if (!p) return 12;
  const mois = (d: string) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7));
  return Math.max(1, mois(p.fin) - mois(p.debut) + 1);
};

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
    check: ({ plan, options, option }) => {
      if (plan.indirects.mode !== 'forfait' || option) return null;
      const possibles = options.map((o) => `« ${o.libelle} » (${o.code})`).join(', ');
      return {
        message: `Le taux forfaitaire « ${plan.indirects.option} » n’est pas prévu par le programme ; options possibles : ${possibles || 'aucune'}.`,
      };
    },
  },
  {
    code: 'OPTION_PERSONNEL_INCONNUE',
    source: ({ programme }) => `${programme.libelle} — taux forfaitaires de dépenses de personnel`,
    check: ({ plan, programme, optionPersonnel }) => {
      if (!plan.personnelForfaitaire || optionPersonnel) return null;
      const possibles = programme.optionsPersonnel.map((o) => `« ${o.libelle} » (${o.code})`).join(', ');
      return { message: `Le taux forfaitaire de personnel « ${plan.personnelForfaitaire.option} » n’est pas prévu par le programme ; options possibles : ${possibles || 'aucune'}.` };
    },
  },
  {
    code: 'PERSONNEL_FORFAITAIRE_ET_REEL',
    source: ({ optionPersonnel }) => optionPersonnel?.source ?? SOURCE_DEMANDE,
    check: ({ plan, optionPersonnel }) =>
      optionPersonnel && plan.depenses.personnel.length > 0
        ? { message: `Les dépenses de personnel sont calculées au taux forfaitaire (« ${optionPersonnel.libelle} ») : retirez les ${plan.depenses.personnel.length} ligne(s) de personnel déclarées au réel.` }
        : null,
  },
  {
    // A flat rate on staff costs computed from the other costs, covering those other costs, would count them twice.
    code: 'OPTIONS_FORFAITAIRES_INCOMPATIBLES',
    source: ({ optionPersonnel }) => optionPersonnel?.source ?? SOURCE_DEMANDE,
    check: ({ option, optionPersonnel }) =>
      option?.couvreTousLesAutresCouts && optionPersonnel
        ? { message: `« ${option.libelle} » et « ${optionPersonnel.libelle} » ne se cumulent pas : le premier couvre les coûts sur lesquels le second calcule le personnel.` }
        : null,
  },
  {
    // Art. 56 CPR: a rate that covers every remaining cost leaves no room for other direct costs beside its base,
    // except the wages and allowances paid to participants (art. 56(2); art. 68 ter(1) CPR 2014-2020).
    code: 'FORFAIT_40_EXCLUSIF',
    source: ({ option }) => option?.source ?? 'Art. 56 du règlement (UE) 2021/1060',
    check: ({ t, option }) => {
      if (!option?.couvreTousLesAutresCouts) return null;
      const autres = t.directs - assietteForfait(t, option.assiette) - t.remunerationsParticipants;
      if (autres === 0n) return null;
      return {
        message: `L’option « ${option.libelle} » couvre tous les autres coûts de l’opération : hors personnel et rémunérations ou indemnités des participants, les dépenses directes doivent être nulles, or elles s’élèvent à ${m(autres)}.`,
        details: { autresDepensesDirectes: n(autres) },
      };
    },
  },
  {
    code: 'FORFAIT_PLAFOND_ANNUEL',
    source: ({ option }) => option?.source ?? SOURCE_DEMANDE,
    check: ({ t, option, periode }) => {
      const plafond = option?.plafondCoutAnnuelCentimes ?? null;
      if (!option || plafond === null) return null;
      const mois = moisDeRealisation(periode);
      if (t.coutTotal * 12n <= BigInt(plafond) * BigInt(mois)) return null;
      const plafondOperation = (BigInt(plafond) * BigInt(mois)) / 12n;
      return {
        message: `L’option « ${option.libelle} » n’est ouverte qu’aux opérations dont le coût total programmé ne dépasse pas ${m(plafond)} par année civile : ${m(t.coutTotal)} sur ${mois} mois, soit plus de ${m(plafondOperation)}. Choisissez un autre mode de calcul des dépenses indirectes.`,
        details: { coutTotal: n(t.coutTotal), plafondAnnuel: plafond, mois },
      };
    },
  },
  {
    // State-aid operations are exempt; the engine does not model state aid, so the OI decides (the message says so).
    code: 'OPTION_COUTS_SIMPLIFIES_OBLIGATOIRE',
    source: ({ programme, periode }) => seuilEnVigueur(programme, periode?.debut ?? programme.fin)?.source ?? SOURCE_DEMANDE,
    check: ({ plan, t, programme, periode, option, optionPersonnel }) => {
      const seuil = seuilEnVigueur(programme, periode?.debut ?? programme.fin);
      const forfaits = [option?.code, optionPersonnel?.code];
      // An empty plan is already PLAN_VIDE; reporting the threshold too would only add noise.
      if (!seuil || t.coutTotal === 0n || forfaits.some((c) => c && seuil.optionsSatisfaisantes.includes(c))) return null;
      const publics = somme(plan.ressources.cofinancements.filter((c) => c.nature === 'public').map((c) => exact(c.montantCentimes)));
      const montant = seuil.base === 'cout_total' ? t.coutTotal : t.fse + publics;
      if (montant > BigInt(seuil.seuilCentimes)) return null;
      const quoi = seuil.base === 'cout_total' ? 'Le coût total de l’opération' : 'Le soutien public (FSE et cofinancements publics)';
      const options = seuil.optionsSatisfaisantes
        .map((code) => programme.optionsForfait.find((o) => o.code === code)?.libelle ?? code)
        .map((l) => `« ${l} »`)
        .join(' ou ');
      return {
        message: `${quoi} (${m(montant)}) ne dépasse pas ${m(seuil.seuilCentimes)} : les options de coûts simplifiés sont obligatoires. Choisissez ${options}, ou convenez de coûts unitaires ou d’un montant forfaitaire avec l’OI (opérations relevant d’une aide d’État exceptées). ${seuil.lecture}`,
        details: { montant: n(montant), seuil: seuil.seuilCentimes },
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
      const part = t.coutTotal > 0n ? ` représente ${formatTaux(t.fse, t.coutTotal, 'plafond')} du coût total (${m(t.coutTotal)}) ;` : ' dépasse un coût total nul ;';
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
      if (min === null || regle?.baseMinimum === 'cofinancements' || !inferieur(t.contreparties, t.coutTotal, min)) return null;
      const requis = minimumCentimes(t.coutTotal, min);
      return {
        message: `Les contreparties du FSE (cofinancements comptés en contrepartie et autofinancement : ${m(t.contreparties)}) représentent ${formatTaux(t.contreparties, t.coutTotal, 'plancher')} du coût total (${m(t.coutTotal)}) : il en faut au moins ${formatPourcentage(min)}, soit ${m(requis)}.`,
        details: { contreparties: n(t.contreparties), coutTotal: n(t.coutTotal), minContrepartiesPct: min, contrepartiesMinimum: n(requis) },
      };
    },
  },
  {
    code: 'COFINANCEMENTS_INSUFFISANTS',
    source: sourceFiche,
    check: ({ t, regle }) => {
      const min = regle?.minContrepartiesPct ?? null;
      if (min === null || regle?.baseMinimum !== 'cofinancements' || !inferieur(t.cofinancements, t.coutTotal, min)) return null;
      const requis = minimumCentimes(t.coutTotal, min);
      return {
        message: `Les cofinancements (apports de financeurs tiers, hors autofinancement : ${m(t.cofinancements)}) représentent ${formatTaux(t.cofinancements, t.coutTotal, 'plancher')} du coût total (${m(t.coutTotal)}) : il en faut au moins ${formatPourcentage(min)}, soit ${m(requis)}.`,
        details: { cofinancements: n(t.cofinancements), coutTotal: n(t.coutTotal), minCofinancementsPct: min, cofinancementsMinimum: n(requis) },
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
