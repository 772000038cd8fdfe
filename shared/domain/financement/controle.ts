import type { ControlePlan, PlanFinancement, Violation } from '../../schemas/plan-financement';
import type { RegleFinancement } from '../../schemas/aap';
import { optionsDeLAap, programme as definitionProgramme, type CodeProgramme } from '../programmes';
import { calculerTaux } from './montants';
import { REGLES_PLAN, type ContexteRegle, type RegleControle } from './regles';
import { calculerTotauxExacts, optionChoisie, optionPersonnelChoisie, versTotaux } from './totaux';

/** What the plan is checked against: the AAP's programme and the fiche's financing rule. */
export interface ParametresControle {
  programme: CodeProgramme;
  /** null, or every field null/false: the fiche sets no condition, and a plan without cofinancing is accepted. */
  regle: RegleFinancement | null;
  /** Code of the fiche (e.g. HP1), named in the source of the fiche's rules when given. */
  fiche?: string;
  /** Lower flat rates the AAP sets (`programme.tauxForfaitaires`). */
  tauxForfaitaires?: ReadonlyArray<{ option: string; tauxPct: number }>;
  /** The operation's period: picks the simplified-cost threshold in force and the years of the annual cap. */
  periode?: { debut: string; fin: string } | null;
}

/** The rule context of a plan: totals with the options as the AAP applies them. */
export function contexteControle(plan: PlanFinancement, parametres: ParametresControle): ContexteRegle {
  const programme = definitionProgramme(parametres.programme);
  const options = optionsDeLAap(programme, parametres.tauxForfaitaires ?? []);
  const option = optionChoisie(plan, options);
  const optionPersonnel = optionPersonnelChoisie(plan, programme);
  const t = calculerTotauxExacts(plan, option, optionPersonnel);
  return { plan, t, programme, options, regle: parametres.regle, fiche: parametres.fiche ?? null, option, optionPersonnel, periode: parametres.periode ?? null };
}

/**
 * Computes the totals and rates of a plan de financement and lists every rule it breaks. Pure and exact: integer
 * cents added and compared in BigInt, flat rates rounded down to the cent, percentages compared as fractions.
 *
 * The plan is expected to have passed the `PlanFinancement` schema; amounts that are not safe integers throw a
 * RangeError rather than yield a wrong total.
 *
 * @param regles the rule table; defaults to `REGLES_PLAN` (a caller may run a subset, e.g. for a draft).
 */
export function controlerPlan(
  plan: PlanFinancement,
  parametres: ParametresControle,
  regles: readonly RegleControle[] = REGLES_PLAN,
): ControlePlan {
  const ctx = contexteControle(plan, parametres);
  const { t } = ctx;
  const violations: Violation[] = [];
  for (const regle of regles) {
    const constat = regle.check(ctx);
    if (!constat) continue;
    const source = typeof regle.source === 'function' ? regle.source(ctx) : regle.source;
    violations.push({ code: regle.code, message: constat.message, source, ...(constat.details ? { details: constat.details } : {}) });
  }
  return {
    totaux: versTotaux(t),
    tauxFse: calculerTaux(t.fse, t.coutTotal),
    // When FSE and contreparties make up the whole cost, their two rates add up to 100,00 %.
    tauxContreparties: calculerTaux(t.contreparties, t.coutTotal, t.fse),
    violations,
    conforme: violations.length === 0,
  };
}
