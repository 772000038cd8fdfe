import { describe, expect, it } from 'vitest';
import { controlerPlan, REGLES_PLAN } from '#shared/domain/financement/index';
import type { CodeProgramme } from '#shared/domain/programmes';
import type { RegleFinancement } from '#shared/schemas/aap';
import { PLAN_VIDE, type PlanFinancement } from '#shared/schemas/plan-financement';

const NBSP = '\u00a0';
/** These plans are small: the simplified-cost threshold (tested in forfaits.test.ts) is left out to test the fiche's rules. */
const SANS_SEUIL = REGLES_PLAN.filter((r) => r.code !== 'OPTION_COUTS_SIMPLIFIES_OBLIGATOIRE');
const HP1: RegleFinancement = { cofinancementRequis: true, minContrepartiesPct: 20, maxFsePct: 80 };
const S1: RegleFinancement = { cofinancementRequis: true, minContrepartiesPct: 10, maxFsePct: null };
const PS1: RegleFinancement = { cofinancementRequis: true, minContrepartiesPct: null, maxFsePct: null };

interface Montants {
  personnel?: number;
  fse?: number;
  /** A public cofinancing counted as FSE counterpart. */
  contreparties?: number;
  /** A private cofinancing not counted as counterpart. */
  autresCofinancements?: number;
  autofinancement?: number;
  recettes?: number;
}

/** A plan with only staff costs and no indirect costs, under PON FSE. */
function plan(m: Montants): PlanFinancement {
  const cofinancement = (montantCentimes: number, contrepartieFse: boolean) =>
    montantCentimes ? [{ financeur: contrepartieFse ? 'Département' : 'Fondation', nature: contrepartieFse ? 'public' as const : 'prive' as const, contrepartieFse, attestation: 'prevue' as const, montantCentimes }] : [];
  return {
    ...PLAN_VIDE,
    depenses: { ...PLAN_VIDE.depenses, personnel: m.personnel ? [{ libelle: 'Conseiller', montantCentimes: m.personnel }] : [] },
    ressources: {
      fseCentimes: m.fse ?? 0,
      cofinancements: [...cofinancement(m.contreparties ?? 0, true), ...cofinancement(m.autresCofinancements ?? 0, false)],
      autofinancementCentimes: m.autofinancement ?? 0,
      recettesCentimes: m.recettes ?? 0,
    },
  };
}

const codes = (p: PlanFinancement, regle: RegleFinancement | null, programme: CodeProgramme = 'PON-FSE-2014-2020') =>
  controlerPlan(p, { programme, regle }, SANS_SEUIL).violations.map((v) => v.code).sort();

describe('controlerPlan — fiche HP1 (20 % de contreparties, FSE ≤ 80 %)', () => {
  it('accepts the plan when contreparties are exactly 20 % and FSE exactly 80 % of the total cost', () => {
    const c = controlerPlan(plan({ personnel: 1_000_000, fse: 800_000, contreparties: 200_000 }), { programme: 'PON-FSE-2014-2020', regle: HP1 }, SANS_SEUIL);
    expect(c.violations).toEqual([]);
    expect(c.conforme).toBe(true);
    expect(c.tauxFse).toEqual({ numerateur: 800_000, denominateur: 1_000_000, pourcentage: `80,00${NBSP}%` });
    expect(c.tauxContreparties?.pourcentage).toBe(`20,00${NBSP}%`);
  });

  it('reports CONTREPARTIES_INSUFFISANTES when contreparties are 19.99 % of the total cost', () => {
    const p = plan({ personnel: 1_000_000, fse: 800_000, contreparties: 199_900, autresCofinancements: 100 });
    const c = controlerPlan(p, { programme: 'PON-FSE-2014-2020', regle: HP1, fiche: 'HP1' }, SANS_SEUIL);
    expect(c.violations.map((v) => v.code)).toEqual(['CONTREPARTIES_INSUFFISANTES']);
    const v = c.violations[0]!;
    expect(v.source).toBe('Fiche HP1 — conditions de financement');
    expect(v.message).toBe(
      `Les contreparties du FSE (cofinancements comptés en contrepartie et autofinancement : 1${NBSP}999,00${NBSP}€) représentent 19,99${NBSP}% du coût total (10${NBSP}000,00${NBSP}€) : il en faut au moins 20${NBSP}%, soit 2${NBSP}000,00${NBSP}€.`,
    );
    expect(v.details).toEqual({ contreparties: 199_900, coutTotal: 1_000_000, minContrepartiesPct: 20, contrepartiesMinimum: 200_000 });
  });

  it('reports TAUX_FSE_EXCESSIF when FSE is 80.01 % of the total cost', () => {
    const c = controlerPlan(plan({ personnel: 1_000_000, fse: 800_100, contreparties: 199_900 }), { programme: 'PON-FSE-2014-2020', regle: HP1 }, SANS_SEUIL);
    expect(c.violations.map((v) => v.code).sort()).toEqual(['CONTREPARTIES_INSUFFISANTES', 'TAUX_FSE_EXCESSIF']);
    const v = c.violations.find((x) => x.code === 'TAUX_FSE_EXCESSIF')!;
    expect(v.message).toContain(`(8${NBSP}001,00${NBSP}€) représente 80,01${NBSP}%`);
    expect(v.message).toContain(`ne peut pas excéder 80${NBSP}%, soit 8${NBSP}000,00${NBSP}€ au plus`);
    expect(v.source).toBe('Fiche de l’appel à projets — conditions de financement');
  });

  it('reports TAUX_FSE_EXCESSIF when FSE exceeds the cap by a single cent on a large plan', () => {
    // 80 % of 123 456 789 012 345 cents is 98 765 431 209 876 exactly; as floats, × 100 would already be inexact.
    const total = 123_456_789_012_345;
    const regle = { cofinancementRequis: false, minContrepartiesPct: null, maxFsePct: 80 };
    expect(codes(plan({ personnel: total, fse: 98_765_431_209_876, autofinancement: total - 98_765_431_209_876 }), regle)).toEqual([]);
    expect(codes(plan({ personnel: total, fse: 98_765_431_209_877, autofinancement: total - 98_765_431_209_877 }), regle)).toEqual(['TAUX_FSE_EXCESSIF']);
  });
});

describe('controlerPlan — fiche S1 read on cofinancements (baseMinimum)', () => {
  const S1_COFINANCEMENTS: RegleFinancement = { ...S1, baseMinimum: 'cofinancements' };

  it('reports COFINANCEMENTS_INSUFFISANTS when 10 % of autofinancement and one cent of cofinancing stand for the 10 %', () => {
    const p = plan({ personnel: 1_000_000, fse: 899_999, autofinancement: 100_000, autresCofinancements: 1 });
    const c = controlerPlan(p, { programme: 'PON-FSE-2014-2020', regle: S1_COFINANCEMENTS, fiche: 'S1' }, SANS_SEUIL);
    expect(c.violations.map((v) => v.code)).toEqual(['COFINANCEMENTS_INSUFFISANTS']);
    expect(c.violations[0]!.message).toContain('hors autofinancement');
    expect(codes(p, S1)).toEqual([]);
  });

  it('accepts exactly 10 % of third-party cofinancing, counted as counterpart or not', () => {
    expect(codes(plan({ personnel: 1_000_000, fse: 900_000, autresCofinancements: 100_000 }), S1_COFINANCEMENTS)).toEqual([]);
    expect(codes(plan({ personnel: 1_000_000, fse: 900_001, autresCofinancements: 99_999 }), S1_COFINANCEMENTS)).toEqual(['COFINANCEMENTS_INSUFFISANTS']);
  });
});

describe('controlerPlan — fiches S1 and PS1', () => {
  it('accepts S1 when contreparties are exactly 10 % of the total cost', () => {
    expect(codes(plan({ personnel: 1_000_000, fse: 900_000, contreparties: 100_000 }), S1)).toEqual([]);
  });

  it('reports CONTREPARTIES_INSUFFISANTES for S1 when contreparties are 9.99 %', () => {
    expect(codes(plan({ personnel: 1_000_000, fse: 900_100, contreparties: 99_900 }), S1)).toEqual(['CONTREPARTIES_INSUFFISANTES']);
  });

  it('counts autofinancement as a counterpart and leaves out cofinancing not counted against the FSE', () => {
    expect(codes(plan({ personnel: 1_000_000, fse: 900_000, contreparties: 50_000, autofinancement: 50_000 }), S1)).toEqual([]);
    expect(codes(plan({ personnel: 1_000_000, fse: 900_000, contreparties: 50_000, autresCofinancements: 50_000 }), S1)).toEqual([
      'CONTREPARTIES_INSUFFISANTES',
    ]);
  });

  it('reports COFINANCEMENT_REQUIS for PS1 when the plan has no cofinancing', () => {
    const c = controlerPlan(plan({ personnel: 1_000_000, fse: 1_000_000 }), { programme: 'PON-FSE-2014-2020', regle: PS1, fiche: 'PS1' }, SANS_SEUIL);
    expect(c.violations.map((v) => [v.code, v.source])).toEqual([['COFINANCEMENT_REQUIS', 'Fiche PS1 — conditions de financement']]);
  });

  it('accepts PS1 when any cofinancing is present, counted as counterpart or not', () => {
    expect(codes(plan({ personnel: 1_000_000, fse: 999_999, autresCofinancements: 1 }), PS1)).toEqual([]);
  });

  it('accepts a plan without cofinancing when the fiche has no rule', () => {
    const p = plan({ personnel: 1_000_000, fse: 1_000_000 });
    expect(codes(p, null)).toEqual([]);
    expect(codes(p, { cofinancementRequis: false, minContrepartiesPct: null, maxFsePct: null })).toEqual([]);
  });

  it('compares decimal percentages exactly when the fiche writes 12.5 %', () => {
    const regle = { cofinancementRequis: false, minContrepartiesPct: 12.5, maxFsePct: 87.5 };
    expect(codes(plan({ personnel: 800, fse: 700, autofinancement: 100 }), regle)).toEqual([]);
    expect(codes(plan({ personnel: 800, fse: 701, autofinancement: 99 }), regle)).toEqual(['CONTREPARTIES_INSUFFISANTES', 'TAUX_FSE_EXCESSIF']);
  });
});

describe('controlerPlan — équilibre et plan vide', () => {
  it('reports BUDGET_DESEQUILIBRE with both totals and the gap when resources fall short', () => {
    const c = controlerPlan(plan({ personnel: 1_234_567, fse: 1_000_000 }), { programme: 'PON-FSE-2014-2020', regle: null }, SANS_SEUIL);
    expect(c.violations).toEqual([
      {
        code: 'BUDGET_DESEQUILIBRE',
        source: 'Demande de subvention FSE — plan de financement prévisionnel : total des dépenses = total des ressources',
        message: `Le plan de financement n’est pas équilibré : les dépenses s’élèvent à 12${NBSP}345,67${NBSP}€ et les ressources à 10${NBSP}000,00${NBSP}€ ; 2${NBSP}345,67${NBSP}€ de ressources manquent pour couvrir les dépenses.`,
        details: { depenses: 1_234_567, ressources: 1_000_000, ecart: -234_567 },
      },
    ]);
  });

  it('reports BUDGET_DESEQUILIBRE when resources exceed expenses, recettes included', () => {
    const c = controlerPlan(plan({ personnel: 1_000_000, fse: 1_000_000, recettes: 1 }), { programme: 'PON-FSE-2014-2020', regle: null }, SANS_SEUIL);
    expect(c.violations.map((v) => v.code)).toEqual(['BUDGET_DESEQUILIBRE']);
    expect(c.violations[0]!.message).toContain('excèdent les dépenses');
    expect(c.totaux.ressources).toBe(1_000_001);
  });

  it('reports PLAN_VIDE and FSE_NUL and gives no rate when the plan is empty', () => {
    const c = controlerPlan(PLAN_VIDE, { programme: 'FSE-PLUS-2021-2027', regle: HP1 }, SANS_SEUIL);
    expect(c.violations.map((v) => v.code)).toEqual(['PLAN_VIDE', 'FSE_NUL', 'COFINANCEMENT_REQUIS']);
    expect([c.tauxFse, c.tauxContreparties, c.conforme]).toEqual([null, null, false]);
    expect(Object.values(c.totaux).every((v) => v === 0)).toBe(true);
  });

  it('reports FSE_NUL when the plan asks for no FSE', () => {
    expect(codes(plan({ personnel: 1_000, autofinancement: 1_000 }), null)).toEqual(['FSE_NUL']);
  });

  it('keeps PLAN_VIDE frozen so no dossier can alter the next one’s draft', () => {
    expect(() => PLAN_VIDE.depenses.personnel.push({ libelle: 'x', montantCentimes: 1 })).toThrow(TypeError);
  });
});
