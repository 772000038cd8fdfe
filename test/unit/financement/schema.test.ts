import { describe, expect, it } from 'vitest';
import { controlerPlan } from '#shared/domain/financement/index';
import { PLAN_VIDE, PlanFinancement } from '#shared/schemas/plan-financement';

const lignes = (n: number, montantCentimes: number) => Array.from({ length: n }, (_, i) => ({ libelle: `Ligne ${i + 1}`, montantCentimes }));
const messages = (valeur: unknown) => {
  const r = PlanFinancement.safeParse(valeur);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('PlanFinancement', () => {
  it('accepts the empty plan of a new draft', () => {
    expect(PlanFinancement.parse(PLAN_VIDE)).toEqual(PLAN_VIDE);
  });

  it('refuses negative, fractional and oversized amounts with French messages', () => {
    const plan = (montantCentimes: number) => ({ ...PLAN_VIDE, depenses: { ...PLAN_VIDE.depenses, personnel: [{ libelle: 'Poste', montantCentimes }] } });
    expect(messages(plan(-1))).toEqual(['depenses.personnel.0.montantCentimes: Un montant ne peut pas être négatif.']);
    expect(messages(plan(100.5))).toEqual(['depenses.personnel.0.montantCentimes: Montant attendu en centimes entiers.']);
    expect(messages(plan(10 ** 13 + 1))).toEqual([
      'depenses.personnel.0.montantCentimes: Un montant du plan de financement ne peut pas dépasser 100 000 000 000,00 €.',
    ]);
  });

  it('refuses unknown keys, an unknown indirect mode and real costs without a clé de répartition', () => {
    expect(messages({ ...PLAN_VIDE, total: 0 })[0]).toMatch(/^: Clé non reconnue/);
    expect(messages({ ...PLAN_VIDE, indirects: { mode: 'estime' } })).toEqual([
      'indirects.mode: Mode de calcul des dépenses indirectes attendu : aucun, forfait ou réel.',
    ]);
    expect(messages({ ...PLAN_VIDE, indirects: { mode: 'reel', montantCentimes: 100, cleRepartition: '  ' } })).toEqual([
      'indirects.cleRepartition: Décrivez la clé de répartition des dépenses indirectes.',
    ]);
  });

  it('refuses more than 200 lines in a category and more than 100 cofinancings', () => {
    const cof = { financeur: 'Région', nature: 'public', contrepartieFse: true, attestation: 'prevue', montantCentimes: 1 };
    expect(messages({ ...PLAN_VIDE, depenses: { ...PLAN_VIDE.depenses, prestations: lignes(201, 1) } })).toEqual([
      'depenses.prestations: Une catégorie de dépenses compte 200 lignes au plus.',
    ]);
    expect(messages({ ...PLAN_VIDE, ressources: { ...PLAN_VIDE.ressources, cofinancements: Array(101).fill(cof) } })).toEqual([
      'ressources.cofinancements: 100 cofinancements au plus.',
    ]);
  });

  it('refuses direct costs above 10^15 cents, where a 20 % forfait would push totals past 2^53', () => {
    const plein = lignes(200, 10 ** 13);
    const depenses = { personnel: plein, fonctionnement: plein, prestations: plein, participants: plein };
    expect(messages({ ...PLAN_VIDE, depenses })).toEqual([
      'depenses: Le total des dépenses directes ne peut pas dépasser 10 000 000 000 000,00 €.',
    ]);
  });

  it('keeps every total exact when a valid plan sits at all its limits', () => {
    // 800 lines of 1,25 × 10^12 = 10^15 of direct costs, the 20 % forfait, and 100 + 3 resources at 10^13.
    const quart = lignes(200, 1_250_000_000_000);
    const plan = PlanFinancement.parse({
      depenses: { personnel: quart, fonctionnement: quart, prestations: quart, participants: quart },
      indirects: { mode: 'forfait', option: 'FORFAIT_20_DIRECTS_HORS_PRESTATIONS' },
      ressources: {
        fseCentimes: 10 ** 13,
        cofinancements: Array.from({ length: 100 }, () => ({ financeur: 'Région', nature: 'public', contrepartieFse: true, attestation: 'obtenue', montantCentimes: 10 ** 13 })),
        autofinancementCentimes: 10 ** 13,
        recettesCentimes: 10 ** 13,
      },
    });
    const { totaux } = controlerPlan(plan, { programme: 'PON-FSE-2014-2020', regle: null });
    expect(totaux).toMatchObject({ directs: 10 ** 15, indirects: 150_000_000_000_000, coutTotal: 1_150_000_000_000_000, ressources: 1_030_000_000_000_000 });
    expect(Object.values(totaux).every(Number.isSafeInteger)).toBe(true);
  });

  it('throws a RangeError instead of a wrong total when an unparsed plan holds unsafe amounts', () => {
    const plan = { ...PLAN_VIDE, depenses: { ...PLAN_VIDE.depenses, personnel: [{ libelle: 'x', montantCentimes: 2 ** 53 }] } };
    expect(() => controlerPlan(plan, { programme: 'PON-FSE-2014-2020', regle: null })).toThrow(RangeError);
  });
});
