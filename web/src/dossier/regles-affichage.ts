/**
 * Which rules of the engine apply to a plan, each with what it asks in words: the page shows every applicable rule
 * passing or failing, not only the violations `controlerPlan` returns. Sources come from the rule table itself.
 */
import { contexteControle, type ParametresControle } from '#shared/domain/financement/controle';
import { controlerPlan, REGLES_PLAN, type ContexteRegle } from '#shared/domain/financement/index';
import { seuilEnVigueur } from '#shared/domain/programmes';
import { formatMontant, formatPourcentage } from '../lib/format';
import type { TAap, TFicheOperation } from '../lib/schemas';
import type { TControlePlan, TPlanFinancement, TViolation } from '../lib/schemas-dossier';

export interface RegleAffichee {
  code: string;
  exigence: string;
  source: string;
  violation: TViolation | null;
}

type Exigence = (c: ContexteRegle) => string | null;

const CONTREPARTIES = 'Les contreparties du FSE (cofinancements comptés en contrepartie et autofinancement)';
const COFINANCEMENTS = 'Les cofinancements (apports de financeurs tiers, hors autofinancement)';

/** The simplified-cost obligation in force for the operation's start, in words; null when the programme has none. */
const coutsSimplifies: Exigence = ({ programme, options, periode }) => {
  const seuil = seuilEnVigueur(programme, periode?.debut ?? programme.fin);
  if (!seuil) return null;
  const base = seuil.base === 'cout_total' ? 'de coût total' : 'de soutien public (FSE et cofinancements publics)';
  const choix = seuil.optionsSatisfaisantes.map((code) => `« ${options.find((o) => o.code === code)?.libelle ?? code} »`).join(' ou ');
  return `Jusqu’à ${formatMontant(seuil.seuilCentimes)} ${base}, les coûts simplifiés sont obligatoires : ${choix}, ou des coûts unitaires ou montants forfaitaires convenus avec l’OI.`;
};

/** null: the rule does not apply to this plan (e.g. no FSE cap on the fiche). */
const EXIGENCES: Record<string, Exigence> = {
  PLAN_VIDE: () => 'Le plan comporte des dépenses.',
  FSE_NUL: () => 'Un montant de FSE est sollicité.',
  OPTION_FORFAIT_INCONNUE: ({ plan }) => (plan.indirects.mode === 'forfait' ? 'Le taux forfaitaire choisi est prévu par le programme.' : null),
  OPTION_PERSONNEL_INCONNUE: ({ plan }) => (plan.personnelForfaitaire ? 'Le taux forfaitaire de personnel choisi est prévu par le programme.' : null),
  PERSONNEL_FORFAITAIRE_ET_REEL: ({ optionPersonnel }) =>
    optionPersonnel ? `Avec « ${optionPersonnel.libelle} », aucune dépense de personnel n’est déclarée au réel.` : null,
  OPTIONS_FORFAITAIRES_INCOMPATIBLES: ({ optionPersonnel }) =>
    optionPersonnel ? `« ${optionPersonnel.libelle} » ne se cumule pas avec un taux forfaitaire qui couvre tous les autres coûts.` : null,
  FORFAIT_40_EXCLUSIF: ({ option }) =>
    option?.couvreTousLesAutresCouts
      ? `Avec « ${option.libelle} », aucune autre dépense directe n’est déclarée, hormis les rémunérations et indemnités des participants.`
      : null,
  FORFAIT_PLAFOND_ANNUEL: ({ option }) =>
    option && option.plafondCoutAnnuelCentimes !== null
      ? `Avec « ${option.libelle} », le coût total programmé ne dépasse pas ${formatMontant(option.plafondCoutAnnuelCentimes)} par année civile.`
      : null,
  OPTION_COUTS_SIMPLIFIES_OBLIGATOIRE: coutsSimplifies,
  BUDGET_DESEQUILIBRE: () => 'Le plan est équilibré : total des dépenses = total des ressources.',
  TAUX_FSE_EXCESSIF: ({ regle }) =>
    regle?.maxFsePct == null ? null : `Le FSE ne dépasse pas ${formatPourcentage(regle.maxFsePct)} du coût total.`,
  CONTREPARTIES_INSUFFISANTES: ({ regle }) =>
    regle?.minContrepartiesPct == null || regle.baseMinimum === 'cofinancements'
      ? null
      : `${CONTREPARTIES} représentent au moins ${formatPourcentage(regle.minContrepartiesPct)} du coût total.`,
  COFINANCEMENTS_INSUFFISANTS: ({ regle }) =>
    regle?.minContrepartiesPct == null || regle.baseMinimum !== 'cofinancements'
      ? null
      : `${COFINANCEMENTS} représentent au moins ${formatPourcentage(regle.minContrepartiesPct)} du coût total.`,
  COFINANCEMENT_REQUIS: ({ regle }) => (regle?.cofinancementRequis ? 'Le plan comporte au moins un cofinancement.' : null),
};

export type Parametres = ParametresControle;

/** What a dossier's plan is checked against, as the server checks it: the AAP's rates, the fiche's rule, the dates. */
export const parametresControle = (aap: TAap, fiche: TFicheOperation, periode: { debut: string; fin: string } | null): Parametres => ({
  programme: aap.programme.code,
  regle: fiche.regleFinancement,
  fiche: fiche.code,
  tauxForfaitaires: aap.programme.tauxForfaitaires,
  periode,
});

/** Runs the engine on the plan as typed; null when an amount is beyond exact arithmetic (the fields say which). */
export function controler(plan: TPlanFinancement, p: Parametres): TControlePlan | null {
  try {
    return controlerPlan(plan, p);
  } catch {
    return null;
  }
}

export function reglesAffichees(plan: TPlanFinancement, p: Parametres, controle: TControlePlan): RegleAffichee[] {
  let ctx: ContexteRegle;
  try {
    ctx = contexteControle(plan, p);
  } catch {
    return [];
  }
  return REGLES_PLAN.flatMap((r) => {
    const violation = controle.violations.find((v) => v.code === r.code) ?? null;
    const exigence = EXIGENCES[r.code]?.(ctx) ?? (violation ? r.code : null);
    if (!exigence && !violation) return [];
    const source = violation?.source ?? (typeof r.source === 'function' ? r.source(ctx) : r.source);
    return [{ code: r.code, exigence: exigence ?? r.code, source, violation }];
  });
}
