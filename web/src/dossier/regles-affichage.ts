/**
 * Which rules of the engine apply to a plan, each with what it asks in words: the page shows every applicable rule
 * passing or failing, not only the violations `controlerPlan` returns. Sources come from the rule table itself.
 */
import { controlerPlan, REGLES_PLAN, type ContexteRegle } from '#shared/domain/financement/index';
import { calculerTotauxExacts, optionChoisie } from '#shared/domain/financement/totaux';
import { programme as definitionProgramme, type CodeProgramme } from '#shared/domain/programmes';
import type { RegleFinancement } from '#shared/schemas/aap';
import { formatMontant, formatPourcentage } from '../lib/format';
import type { TControlePlan, TPlanFinancement, TViolation } from '../lib/schemas-dossier';

export interface RegleAffichee {
  code: string;
  exigence: string;
  source: string;
  violation: TViolation | null;
}

type Exigence = (c: ContexteRegle) => string | null;

/** null: the rule does not apply to this plan (e.g. no FSE cap on the fiche). */
const EXIGENCES: Record<string, Exigence> = {
  PLAN_VIDE: () => 'Le plan comporte des dépenses.',
  FSE_NUL: () => 'Un montant de FSE est sollicité.',
  OPTION_FORFAIT_INCONNUE: ({ plan }) => (plan.indirects.mode === 'forfait' ? 'Le taux forfaitaire choisi est prévu par le programme.' : null),
  FORFAIT_40_EXCLUSIF: ({ option }) =>
    option?.couvreTousLesAutresCouts ? `Avec « ${option.libelle} », aucune autre dépense directe n’est déclarée.` : null,
  OPTION_COUTS_SIMPLIFIES_OBLIGATOIRE: ({ programme }) =>
    programme.seuilOptionsCoutsSimplifiesCentimes === null
      ? null
      : `Jusqu’à ${formatMontant(programme.seuilOptionsCoutsSimplifiesCentimes)} de coût total, les dépenses indirectes sont calculées à un taux forfaitaire.`,
  BUDGET_DESEQUILIBRE: () => 'Le plan est équilibré : total des dépenses = total des ressources.',
  TAUX_FSE_EXCESSIF: ({ regle }) =>
    regle?.maxFsePct == null ? null : `Le FSE ne dépasse pas ${formatPourcentage(regle.maxFsePct)} du coût total.`,
  CONTREPARTIES_INSUFFISANTES: ({ regle }) =>
    regle?.minContrepartiesPct == null ? null : `Les contreparties représentent au moins ${formatPourcentage(regle.minContrepartiesPct)} du coût total.`,
  COFINANCEMENT_REQUIS: ({ regle }) => (regle?.cofinancementRequis ? 'Le plan comporte au moins un cofinancement.' : null),
};

export interface Parametres {
  programme: CodeProgramme;
  regle: RegleFinancement | null;
  fiche: string;
}

/** Runs the engine on the plan as typed; null when an amount is beyond exact arithmetic (the fields say which). */
export function controler(plan: TPlanFinancement, p: Parametres): TControlePlan | null {
  try {
    return controlerPlan(plan, p);
  } catch {
    return null;
  }
}

export function reglesAffichees(plan: TPlanFinancement, p: Parametres, controle: TControlePlan): RegleAffichee[] {
  const programme = definitionProgramme(p.programme);
  const option = optionChoisie(plan, programme);
  let ctx: ContexteRegle;
  try {
    ctx = { plan, t: calculerTotauxExacts(plan, option), programme, regle: p.regle, fiche: p.fiche, option };
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
