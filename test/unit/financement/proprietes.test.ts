import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assietteForfait, controlerPlan } from '#shared/domain/financement/index';
import { CODES_PROGRAMME, PROGRAMMES, type CodeProgramme } from '#shared/domain/programmes';
import type { RegleFinancement } from '#shared/schemas/aap';
import { PlanFinancement } from '#shared/schemas/plan-financement';

const RUNS = { numRuns: 600 };
const MAX = 10 ** 13;

const montant = fc.integer({ min: 0, max: MAX });
const lignes = fc.array(fc.record({ libelle: fc.constant('Ligne'), montantCentimes: montant }), { maxLength: 6 });
const codesOptions = [...new Set(Object.values(PROGRAMMES).flatMap((p) => p.optionsForfait.map((o) => o.code))), 'FORFAIT_INCONNU'];
const indirects = fc.oneof(
  fc.constant({ mode: 'aucun' as const }),
  fc.constantFrom(...codesOptions).map((option) => ({ mode: 'forfait' as const, option })),
  montant.map((montantCentimes) => ({ mode: 'reel' as const, montantCentimes, cleRepartition: 'Au prorata des ETP' })),
);
const cofinancement = fc.record({
  financeur: fc.constant('Financeur'),
  nature: fc.constantFrom('public' as const, 'prive' as const),
  contrepartieFse: fc.boolean(),
  attestation: fc.constantFrom('prevue' as const, 'obtenue' as const),
  montantCentimes: montant,
});
const plan = fc.record({
  depenses: fc.record({ personnel: lignes, fonctionnement: lignes, prestations: lignes, participants: lignes }),
  indirects,
  ressources: fc.record({
    fseCentimes: montant,
    cofinancements: fc.array(cofinancement, { maxLength: 5 }),
    autofinancementCentimes: montant,
    recettesCentimes: montant,
  }),
});
/** Percentages with up to two decimals: k / 100 is the float nearest to the decimal, as an OI would type it. */
const centiemesPct = fc.integer({ min: 0, max: 10_000 });
const pct = centiemesPct.map((k) => k / 100);
const regle = fc.option(
  fc.record({ cofinancementRequis: fc.boolean(), minContrepartiesPct: fc.option(pct, { nil: null }), maxFsePct: fc.option(pct, { nil: null }) }),
  { nil: null },
);
const programme = fc.constantFrom(...CODES_PROGRAMME);

const somme = (l: Array<{ montantCentimes: number }>) => l.reduce((s, x) => s + x.montantCentimes, 0);
const codes = (p: PlanFinancement, programmeCode: CodeProgramme, r: RegleFinancement | null) =>
  controlerPlan(p, { programme: programmeCode, regle: r }).violations.map((v) => v.code);

/** A plan of `total` cents of staff, paid by `fse` and `contreparties` (autofinancement), under PON FSE. */
const planSimple = (total: number, fse: number, contreparties: number): PlanFinancement => ({
  depenses: { personnel: [{ libelle: 'Conseiller', montantCentimes: total }], fonctionnement: [], prestations: [], participants: [] },
  indirects: { mode: 'aucun' },
  ressources: { fseCentimes: fse, cofinancements: [], autofinancementCentimes: contreparties, recettesCentimes: 0 },
});

describe('controlerPlan — propriétés', () => {
  it('creates or loses no cent when it adds lines, categories and resources', () => {
    fc.assert(
      fc.property(plan, programme, regle, (p, prog, r) => {
        expect(PlanFinancement.safeParse(p).success).toBe(true);
        const { totaux: t } = controlerPlan(p, { programme: prog, regle: r });
        const d = p.depenses;
        expect([t.personnel, t.fonctionnement, t.prestations, t.participants]).toEqual([somme(d.personnel), somme(d.fonctionnement), somme(d.prestations), somme(d.participants)]);
        expect(t.personnel + t.fonctionnement + t.prestations + t.participants).toBe(t.directs);
        expect(t.directs + t.indirects).toBe(t.coutTotal);
        const rs = p.ressources;
        expect(t.cofinancements).toBe(somme(rs.cofinancements));
        expect(t.ressources).toBe(rs.fseCentimes + somme(rs.cofinancements) + rs.autofinancementCentimes + rs.recettesCentimes);
        expect(t.contreparties).toBe(somme(rs.cofinancements.filter((c) => c.contrepartieFse)) + rs.autofinancementCentimes);
        expect(Object.values(t).every((v) => Number.isSafeInteger(v) && v >= 0)).toBe(true);
      }),
      RUNS,
    );
  });

  it('never lets a forfait exceed the exact rational rate nor fall a cent short of it', () => {
    fc.assert(
      fc.property(plan, programme, (p, prog) => {
        const option = PROGRAMMES[prog].optionsForfait.find((o) => p.indirects.mode === 'forfait' && o.code === p.indirects.option);
        const { totaux: t } = controlerPlan(p, { programme: prog, regle: null });
        if (!option) return;
        const base = assietteForfait({ personnel: BigInt(t.personnel), fonctionnement: BigInt(t.fonctionnement), prestations: BigInt(t.prestations), participants: BigInt(t.participants), remunerationsParticipants: BigInt(t.remunerationsParticipants) }, option.assiette);
        const exact = base * BigInt(option.tauxPct);
        expect(BigInt(t.indirects) * 100n <= exact).toBe(true);
        expect(exact < (BigInt(t.indirects) + 1n) * 100n).toBe(true);
      }),
      RUNS,
    );
  });

  it('reports BUDGET_DESEQUILIBRE exactly when resources differ from the cost total', () => {
    const coupes = fc.tuple(fc.nat(), fc.nat(), fc.nat());
    const ecart = fc.integer({ min: 1, max: MAX });
    fc.assert(
      fc.property(plan, programme, regle, coupes, ecart, (p, prog, r, [a, b, c], delta) => {
        const total = controlerPlan(p, { programme: prog, regle: r }).totaux.coutTotal;
        // Three cut points in [0, total] split the cost total into four resources that add up to it by construction.
        const [x = 0, y = 0, z = 0] = [a, b, c].map((v) => v % (total + 1)).sort((m, n) => m - n);
        const [premier] = p.ressources.cofinancements;
        const equilibre: PlanFinancement = {
          ...p,
          ressources: {
            fseCentimes: x,
            cofinancements: premier ? [{ ...premier, montantCentimes: y - x }] : [],
            autofinancementCentimes: z - y + (premier ? 0 : y - x),
            recettesCentimes: total - z,
          },
        };
        expect(codes(equilibre, prog, r)).not.toContain('BUDGET_DESEQUILIBRE');
        const excedent = { ...equilibre, ressources: { ...equilibre.ressources, recettesCentimes: total - z + delta } };
        expect(codes(excedent, prog, r)).toContain('BUDGET_DESEQUILIBRE');
        // One more expense raises the cost total by at least its amount (a forfait never decreases), resources stay.
        const participants = [...p.depenses.participants, { libelle: 'Ajout', montantCentimes: delta }];
        const deficit = { ...equilibre, depenses: { ...equilibre.depenses, participants } };
        expect(codes(deficit, prog, r)).toContain('BUDGET_DESEQUILIBRE');
      }),
      RUNS,
    );
  });

  it('accepts FSE at floor(T × p / 100) and refuses one cent more whenever (fse + 1) × 100 > p × T', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 ** 15 }), centiemesPct, (total, k) => {
        const r = { cofinancementRequis: false, minContrepartiesPct: null, maxFsePct: k / 100 };
        const fse = Number((BigInt(total) * BigInt(k)) / 10_000n);
        expect(codes(planSimple(total, fse, total - fse), 'PON-FSE-2014-2020', r)).not.toContain('TAUX_FSE_EXCESSIF');
        const depasse = BigInt(fse + 1) * 10_000n > BigInt(k) * BigInt(total);
        expect(codes(planSimple(total, fse + 1, 0), 'PON-FSE-2014-2020', r).includes('TAUX_FSE_EXCESSIF')).toBe(depasse);
      }),
      RUNS,
    );
  });

  it('accepts contreparties at ceil(T × min / 100) and refuses one cent less', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 ** 15 }), centiemesPct, (total, k) => {
        const r = { cofinancementRequis: false, minContrepartiesPct: k / 100, maxFsePct: null };
        const produit = BigInt(total) * BigInt(k);
        const minimum = Number(produit / 10_000n + (produit % 10_000n === 0n ? 0n : 1n));
        expect(codes(planSimple(total, total - minimum, minimum), 'PON-FSE-2014-2020', r)).not.toContain('CONTREPARTIES_INSUFFISANTES');
        if (minimum === 0) return;
        expect(codes(planSimple(total, total - minimum + 1, minimum - 1), 'PON-FSE-2014-2020', r)).toContain('CONTREPARTIES_INSUFFISANTES');
      }),
      RUNS,
    );
  });

  it('shows a rate rounded half-up to the hundredth of a percent: within half a hundredth of the exact rate, ties up', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 ** 15 }), fc.integer({ min: 0, max: 10 ** 15 }), (total, fse) => {
        const { tauxFse } = controlerPlan(planSimple(total, fse, 0), { programme: 'PON-FSE-2014-2020', regle: null });
        const h = BigInt(tauxFse!.pourcentage.replace(/[^\d]/g, ''));
        // (h - ½) ≤ exact < (h + ½), in hundredths: 2h·T - T ≤ 2·fse·10 000 < 2h·T + T.
        const exact2 = 2n * BigInt(fse) * 10_000n;
        expect((2n * h - 1n) * BigInt(total) <= exact2).toBe(true);
        expect(exact2 < (2n * h + 1n) * BigInt(total)).toBe(true);
      }),
      RUNS,
    );
  });
});
