import { describe, expect, it } from 'vitest';
import { arrondiFse, calculerTaux, controlerPlan, formatTaux } from '#shared/domain/financement/index';
import { fractionDecimale } from '#shared/domain/financement/montants';
import { PROGRAMMES, type CodeProgramme } from '#shared/domain/programmes';
import type { ParametresControle } from '#shared/domain/financement/controle';
import type { Indirects, PlanFinancement } from '#shared/schemas/plan-financement';

const NBSP = '\u00a0';

interface Depenses {
  personnel?: number;
  fonctionnement?: number;
  prestations?: number;
  participants?: number;
  remunerationsParticipants?: number;
}

const ligne = (montantCentimes: number) => (montantCentimes ? [{ libelle: 'Ligne', montantCentimes }] : []);

/** A plan whose FSE covers exactly the expenses it would have without indirect costs: balance is not tested here. */
function plan(d: Depenses, indirects: Indirects): PlanFinancement {
  return {
    depenses: {
      personnel: ligne(d.personnel ?? 0),
      fonctionnement: ligne(d.fonctionnement ?? 0),
      prestations: ligne(d.prestations ?? 0),
      participants: ligne(d.participants ?? 0),
      remunerationsParticipants: ligne(d.remunerationsParticipants ?? 0),
    },
    indirects,
    ressources: { fseCentimes: 1, cofinancements: [], autofinancementCentimes: 0, recettesCentimes: 0 },
  };
}

const forfait = (option: string): Indirects => ({ mode: 'forfait', option });
type Extra = Pick<ParametresControle, 'periode' | 'tauxForfaitaires'>;
const controle = (p: PlanFinancement, programme: CodeProgramme, extra: Extra = {}) => controlerPlan(p, { programme, regle: null, ...extra });
const codes = (p: PlanFinancement, programme: CodeProgramme, extra: Extra = {}) =>
  controle(p, programme, extra).violations.map((v) => v.code).filter((c) => c !== 'BUDGET_DESEQUILIBRE');
/** A plan of `d` whose FSE is `fse` cents (the public support of the 2014-2020 threshold). */
const avecFse = (p: PlanFinancement, fse: number): PlanFinancement => ({ ...p, ressources: { ...p.ressources, fseCentimes: fse } });
const UNE_ANNEE = { debut: '2021-01-01', fin: '2021-12-31' };

describe('controlerPlan — forfaits PON FSE 2014-2020', () => {
  it('computes 24 k€ of indirect costs when 200 k€ of direct costs include 80 k€ of prestations (20 % hors prestations)', () => {
    const p = plan({ personnel: 9_000_000, fonctionnement: 2_000_000, prestations: 8_000_000, participants: 1_000_000 }, forfait('FORFAIT_20_DIRECTS_HORS_PRESTATIONS'));
    const { totaux } = controle(p, 'PON-FSE-2014-2020');
    expect([totaux.directs, totaux.indirects, totaux.coutTotal]).toEqual([20_000_000, 2_400_000, 22_400_000]);
  });

  it('computes 15 % of staff costs only when the option is FORFAIT_15_PERSONNEL', () => {
    const p = plan({ personnel: 10_000_000, fonctionnement: 5_000_000, prestations: 3_000_000 }, forfait('FORFAIT_15_PERSONNEL'));
    expect(controle(p, 'PON-FSE-2014-2020').totaux.indirects).toBe(1_500_000);
    expect(controle(p, 'REACT-EU').totaux.indirects).toBe(1_500_000);
  });

  it('reports OPTION_FORFAIT_INCONNUE and counts no indirect cost when the option belongs to another programme', () => {
    const c = controle(plan({ personnel: 1_000_000 }, forfait('FORFAIT_7_DIRECTS')), 'PON-FSE-2014-2020');
    expect(c.totaux.indirects).toBe(0);
    const v = c.violations.find((x) => x.code === 'OPTION_FORFAIT_INCONNUE')!;
    expect(v.message).toContain('« FORFAIT_7_DIRECTS » n’est pas prévu par le programme');
    expect(v.message).toContain('(FORFAIT_20_DIRECTS_HORS_PRESTATIONS)');
    expect(v.source).toBe('Programme opérationnel national FSE « Emploi et Inclusion » 2014-2020 — taux forfaitaires autorisés');
  });

  it('takes the declared amount when indirect costs are real costs with a clé de répartition', () => {
    const p = plan({ personnel: 1_000_000 }, { mode: 'reel', montantCentimes: 123_456, cleRepartition: 'Au prorata des ETP' });
    expect(controle(p, 'PON-FSE-2014-2020').totaux).toMatchObject({ indirects: 123_456, coutTotal: 1_123_456 });
  });
});

describe('controlerPlan — forfaits FSE+ 2021-2027', () => {
  it('computes 7 % of all direct costs, prestations included', () => {
    const p = plan({ personnel: 1_000_000, fonctionnement: 500_000, prestations: 400_000, participants: 100_000 }, forfait('FORFAIT_7_DIRECTS'));
    expect(controle(p, 'FSE-PLUS-2021-2027').totaux.indirects).toBe(140_000);
  });

  it('rounds the forfait down to the cent when 7 % of 1 234 567 cents is 86 419.69', () => {
    expect(controle(plan({ personnel: 1_234_567 }, forfait('FORFAIT_7_DIRECTS')), 'FSE-PLUS-2021-2027').totaux.indirects).toBe(86_419);
    expect(arrondiFse(1_234_567, 7)).toBe(86_419);
  });

  it('computes 15 % of staff costs when the option is FORFAIT_15_PERSONNEL', () => {
    const p = plan({ personnel: 2_000_001, fonctionnement: 999 }, forfait('FORFAIT_15_PERSONNEL'));
    expect(controle(p, 'FSE-PLUS-2021-2027').totaux.indirects).toBe(300_000);
  });

  it('accepts the 40 % forfait when staff costs are the only direct costs', () => {
    const c = controle(plan({ personnel: 25_000_000 }, forfait('FORFAIT_40_PERSONNEL')), 'FSE-PLUS-2021-2027');
    expect(c.totaux).toMatchObject({ indirects: 10_000_000, coutTotal: 35_000_000 });
    expect(c.violations.map((v) => v.code)).toEqual(['BUDGET_DESEQUILIBRE']);
  });

  it('reports FORFAIT_40_EXCLUSIF, citing art. 56, when the 40 % forfait sits beside other direct costs', () => {
    const c = controle(plan({ personnel: 25_000_000, fonctionnement: 100, participants: 20 }, forfait('FORFAIT_40_PERSONNEL')), 'FSE-PLUS-2021-2027');
    const v = c.violations.find((x) => x.code === 'FORFAIT_40_EXCLUSIF')!;
    expect(v.source).toBe('Art. 56, paragraphes 1 et 2, du règlement (UE) 2021/1060');
    expect(v.message).toContain(`s’élèvent à 1,20${NBSP}€`);
    expect(v.details).toEqual({ autresDepensesDirectes: 120 });
  });
});

describe('controlerPlan — options de coûts simplifiés obligatoires (FSE+)', () => {
  it('reports OPTION_COUTS_SIMPLIFIES_OBLIGATOIRE when an operation of exactly 200 000 € has no forfait', () => {
    const c = controle(plan({ personnel: 20_000_000 }, { mode: 'aucun' }), 'FSE-PLUS-2021-2027');
    const v = c.violations.find((x) => x.code === 'OPTION_COUTS_SIMPLIFIES_OBLIGATOIRE')!;
    expect(v.source).toBe('Art. 53, paragraphe 2, du règlement (UE) 2021/1060 (coût total ≤ 200 000 €, hors aides d’État)');
    expect(v.message).toContain(`(200${NBSP}000,00${NBSP}€) ne dépasse pas 200${NBSP}000,00${NBSP}€`);
  });

  it('reports it for real indirect costs too when the total stays under the threshold', () => {
    const p = plan({ personnel: 10_000_000 }, { mode: 'reel', montantCentimes: 1_000_000, cleRepartition: 'Surface' });
    expect(codes(p, 'FSE-PLUS-2021-2027')).toEqual(['OPTION_COUTS_SIMPLIFIES_OBLIGATOIRE']);
  });

  it('does not report it when the operation costs 200 000,01 €', () => {
    expect(codes(plan({ personnel: 20_000_001 }, { mode: 'aucun' }), 'FSE-PLUS-2021-2027')).toEqual([]);
  });

  it('is met by any flat rate of the programme (the reading written in the table)', () => {
    for (const option of ['FORFAIT_7_DIRECTS', 'FORFAIT_15_PERSONNEL', 'FORFAIT_40_PERSONNEL']) {
      expect(codes(plan({ personnel: 10_000_000 }, forfait(option)), 'FSE-PLUS-2021-2027')).toEqual([]);
    }
    expect(PROGRAMMES['FSE-PLUS-2021-2027'].seuilsCoutsSimplifies[0]!.lecture).toMatch(/^Lecture retenue/);
    const personnelForfaitaire = { ...plan({ fonctionnement: 10_000_000 }, { mode: 'aucun' }), personnelForfaitaire: { option: 'PERSONNEL_20_AUTRES_DIRECTS' } };
    expect(codes(personnelForfaitaire, 'FSE-PLUS-2021-2027')).toEqual([]);
  });

  it('gives REACT-EU, which starts in 2020, only the 100 000 € threshold', () => {
    expect(PROGRAMMES['REACT-EU'].seuilsCoutsSimplifies.map((s) => s.seuilCentimes)).toEqual([10_000_000]);
  });
});

describe('controlerPlan — options de coûts simplifiés obligatoires (2014-2020, soutien public)', () => {
  const petit = (fse: number) => avecFse(plan({ personnel: 20_000_000 }, { mode: 'aucun' }), fse);

  it('applies 50 000 € of public support (art. 14(4) Reg. 1304/2013) to operations starting until 1 August 2018', () => {
    const avant = { periode: { debut: '2018-08-01', fin: '2018-12-31' } };
    expect(codes(petit(5_000_000), 'PON-FSE-2014-2020', avant)).toEqual(['OPTION_COUTS_SIMPLIFIES_OBLIGATOIRE']);
    expect(codes(petit(5_000_001), 'PON-FSE-2014-2020', avant)).toEqual([]);
    const v = controle(petit(5_000_000), 'PON-FSE-2014-2020', avant).violations.find((x) => x.code === 'OPTION_COUTS_SIMPLIFIES_OBLIGATOIRE')!;
    expect(v.source).toContain('Art. 14, paragraphe 4, du règlement (UE) n° 1304/2013');
  });

  it('applies 100 000 € (art. 67(2a) CPR, Omnibus) from 2 August 2018 on', () => {
    const apres = { periode: { debut: '2018-08-02', fin: '2018-12-31' } };
    expect(codes(petit(10_000_000), 'PON-FSE-2014-2020', apres)).toEqual(['OPTION_COUTS_SIMPLIFIES_OBLIGATOIRE']);
    expect(codes(petit(10_000_001), 'PON-FSE-2014-2020', apres)).toEqual([]);
    expect(controle(petit(10_000_000), 'PON-FSE-2014-2020', apres).violations[0]!.source).toContain('Art. 67, paragraphe 2 bis');
    expect(codes(avecFse(plan({ personnel: 20_000_000 }, forfait('FORFAIT_15_PERSONNEL')), 10_000_000), 'PON-FSE-2014-2020', apres)).toEqual([]);
  });

  it('counts public cofinancing in the public support, not private money', () => {
    const p = plan({ personnel: 20_000_000 }, { mode: 'aucun' });
    const publics = { ...p, ressources: { ...p.ressources, fseCentimes: 6_000_000, cofinancements: [
      { financeur: 'Département', nature: 'public' as const, contrepartieFse: true, attestation: 'prevue' as const, montantCentimes: 4_000_001 },
    ] } };
    expect(codes(publics, 'PON-FSE-2014-2020', { periode: UNE_ANNEE })).toEqual([]);
    const prives = { ...publics, ressources: { ...publics.ressources, cofinancements: [{ ...publics.ressources.cofinancements[0]!, nature: 'prive' as const }] } };
    expect(codes(prives, 'PON-FSE-2014-2020', { periode: UNE_ANNEE })).toEqual(['OPTION_COUTS_SIMPLIFIES_OBLIGATOIRE']);
  });
});

describe('controlerPlan — options 2014-2020 against the law', () => {
  it('cites the arrêté du 1er avril 2016, art. 2, for the 20 % forfait', () => {
    const option = PROGRAMMES['PON-FSE-2014-2020'].optionsForfait.find((o) => o.code === 'FORFAIT_20_DIRECTS_HORS_PRESTATIONS')!;
    expect(option.source).toContain('arrêté du 1er avril 2016');
    expect(option.source).not.toContain('8 mars 2016');
  });

  it('opens the 20 % forfait only up to 500 000 € of programmed cost per calendar year', () => {
    const gros = avecFse(plan({ personnel: 40_000_000, fonctionnement: 10_000_000 }, forfait('FORFAIT_20_DIRECTS_HORS_PRESTATIONS')), 100_000_000);
    expect(controle(gros, 'PON-FSE-2014-2020').totaux.coutTotal).toBe(60_000_000);
    expect(codes(gros, 'PON-FSE-2014-2020', { periode: UNE_ANNEE })).toEqual(['FORFAIT_PLAFOND_ANNUEL']);
    expect(codes(gros, 'PON-FSE-2014-2020', { periode: { debut: '2020-01-01', fin: '2021-12-31' } })).toEqual([]);
    const juste = avecFse(plan({ personnel: 41_666_667 }, forfait('FORFAIT_20_DIRECTS_HORS_PRESTATIONS')), 100_000_000);
    expect(controle(juste, 'PON-FSE-2014-2020').totaux.coutTotal).toBe(50_000_000);
    expect(codes(juste, 'PON-FSE-2014-2020', { periode: UNE_ANNEE })).toEqual([]);
  });

  it('prorates the annual cap by month: two months across the new year allow 83 333,33 €, not a million', () => {
    const deuxMois = { periode: { debut: '2021-12-01', fin: '2022-01-31' } };
    const p = (personnel: number) => avecFse(plan({ personnel }, forfait('FORFAIT_20_DIRECTS_HORS_PRESTATIONS')), 100_000_000);
    expect(controle(p(6_944_444), 'PON-FSE-2014-2020').totaux.coutTotal).toBe(8_333_332);
    expect(codes(p(6_944_444), 'PON-FSE-2014-2020', deuxMois)).toEqual([]);
    expect(codes(p(6_944_445), 'PON-FSE-2014-2020', deuxMois)).toEqual(['FORFAIT_PLAFOND_ANNUEL']);
  });

  it('offers the 40 % option (art. 14(2) Reg. 1304/2013, art. 68 ter CPR) with participants’ wages on top', () => {
    const p = avecFse(plan({ personnel: 25_000_000, remunerationsParticipants: 1_000_000 }, forfait('FORFAIT_40_PERSONNEL')), 100_000_000);
    const c = controle(p, 'PON-FSE-2014-2020', { periode: UNE_ANNEE });
    expect(c.totaux).toMatchObject({ indirects: 10_000_000, coutTotal: 36_000_000 });
    expect(codes(p, 'PON-FSE-2014-2020', { periode: UNE_ANNEE })).toEqual([]);
    expect(PROGRAMMES['PON-FSE-2014-2020'].optionsForfait.find((o) => o.code === 'FORFAIT_40_PERSONNEL')!.source).toContain('68 ter');
  });
});

describe('controlerPlan — FSE+ art. 55 and 56', () => {
  it('keeps participants’ wages and allowances eligible beside the 40 % (art. 56(2)), not their other costs', () => {
    expect(codes(plan({ personnel: 25_000_000, remunerationsParticipants: 1_000_000 }, forfait('FORFAIT_40_PERSONNEL')), 'FSE-PLUS-2021-2027')).toEqual([]);
    expect(codes(plan({ personnel: 25_000_000, participants: 1_000_000 }, forfait('FORFAIT_40_PERSONNEL')), 'FSE-PLUS-2021-2027')).toEqual(['FORFAIT_40_EXCLUSIF']);
  });

  it('computes staff costs at 20 % of the other direct costs (art. 55(1)) and refuses declared staff lines beside it', () => {
    const base = plan({ fonctionnement: 10_000_000, prestations: 10_000_001 }, forfait('FORFAIT_7_DIRECTS'));
    const p = { ...base, personnelForfaitaire: { option: 'PERSONNEL_20_AUTRES_DIRECTS' } };
    const c = controle(p, 'FSE-PLUS-2021-2027');
    expect(c.totaux).toMatchObject({ personnel: 4_000_000, directs: 24_000_001, indirects: 1_680_000 });
    expect(codes({ ...p, depenses: { ...p.depenses, personnel: ligne(1) } }, 'FSE-PLUS-2021-2027')).toContain('PERSONNEL_FORFAITAIRE_ET_REEL');
    expect(codes({ ...p, indirects: forfait('FORFAIT_40_PERSONNEL') }, 'FSE-PLUS-2021-2027')).toContain('OPTIONS_FORFAITAIRES_INCOMPATIBLES');
    expect(codes({ ...p, personnelForfaitaire: { option: 'PERSONNEL_99' } }, 'FSE-PLUS-2021-2027')).toContain('OPTION_PERSONNEL_INCONNUE');
    expect(codes(p, 'PON-FSE-2014-2020')).toContain('OPTION_PERSONNEL_INCONNUE');
  });
});

describe('controlerPlan — a rate set lower by the AAP', () => {
  it('applies the AAP’s 5 % instead of the programme’s 7 % ceiling', () => {
    const p = plan({ personnel: 30_000_000 }, forfait('FORFAIT_7_DIRECTS'));
    expect(controle(p, 'FSE-PLUS-2021-2027', { tauxForfaitaires: [{ option: 'FORFAIT_7_DIRECTS', tauxPct: 5 }] }).totaux.indirects).toBe(1_500_000);
    expect(controle(p, 'FSE-PLUS-2021-2027').totaux.indirects).toBe(2_100_000);
  });
});

describe('montants', () => {
  it('reads a percentage as the decimal fraction it was written as', () => {
    expect(fractionDecimale(19.99)).toEqual({ num: 1999n, den: 100n });
    expect(fractionDecimale(80)).toEqual({ num: 80n, den: 1n });
    expect(fractionDecimale(1e-7)).toEqual({ num: 1n, den: 10_000_000n });
    expect(() => fractionDecimale(Number.NaN)).toThrow(RangeError);
    expect(() => fractionDecimale(-1)).toThrow(RangeError);
  });

  it('keeps the FSE and contreparties rates adding up to 100,00 % when they make up the whole cost', () => {
    // 14,015 % and 85,985 %: rounded each on its own they would read 14,02 % + 85,99 % = 100,01 %.
    expect(calculerTaux(28_030n, 200_000n)?.pourcentage).toBe(`14,02${NBSP}%`);
    expect(calculerTaux(171_970n, 200_000n)?.pourcentage).toBe(`85,99${NBSP}%`);
    expect(calculerTaux(171_970n, 200_000n, 28_030n)?.pourcentage).toBe(`85,98${NBSP}%`);
    // Not a complement (the shares do not make up the whole): each rounded on its own.
    expect(calculerTaux(171_969n, 200_000n, 28_030n)?.pourcentage).toBe(`85,98${NBSP}%`);
    expect(calculerTaux(36_800n, 42_800n, 6_000n)?.pourcentage).toBe(`85,98${NBSP}%`);
  });

  it('rounds a displayed rate half-up to the hundredth instead of truncating it', () => {
    // Half-up to the hundredth for display (the rules compare exact integers).
    expect(formatTaux(6_000, 42_800)).toBe(`14,02${NBSP}%`);
    expect(formatTaux(79_999, 100_000)).toBe(`80,00${NBSP}%`);
    expect(formatTaux(2, 3)).toBe(`66,67${NBSP}%`);
    expect(formatTaux(1, 8)).toBe(`12,50${NBSP}%`);
    expect(formatTaux(1_125, 1_000_000)).toBe(`0,11${NBSP}%`); // 0,1125 → 0,11
    expect(formatTaux(1_135, 1_000_000)).toBe(`0,11${NBSP}%`); // 0,1135 → 0,11 (below half a hundredth)
    expect(formatTaux(1_150, 1_000_000)).toBe(`0,12${NBSP}%`); // 0,115 exactly → half-up
    // Messages of a broken minimum or maximum never round into compliance.
    expect(formatTaux(19_996, 100_000, 'plancher')).toBe(`19,99${NBSP}%`);
    expect(formatTaux(60_001, 100_000, 'plafond')).toBe(`60,01${NBSP}%`);
    expect(formatTaux(1_000_000, 1)).toBe(`100${NBSP}000${NBSP}000,00${NBSP}%`);
    expect(() => formatTaux(1, 0)).toThrow(RangeError);
  });

  it('refuses a base that is not integer cents', () => {
    expect(() => arrondiFse(100.5, 7)).toThrow(RangeError);
    expect(arrondiFse(99, 12.5)).toBe(12);
  });
});
