import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { consolider, pourcentage } from '#shared/domain/consolidation/consolider';
import { InstantanePlie } from '#shared/schemas/consolidation';

const SEED_2006 = InstantanePlie.parse(JSON.parse(readFileSync(new URL('../../../data/consolidation-plie-2006.json', import.meta.url), 'utf8')));

describe('the 2006 national consolidation (seed 000), computed from its counts', () => {
  const r = consolider([SEED_2006]);

  it('reproduces the seed’s figures exactly: taux de sorties positives 41,95 %, closing stock 93 391, FSE realisation 83,34 %, cost per participant 1 377,01 €', () => {
    expect(r.flux).toMatchObject({ plieRepondants: 143, totalSorties: 47_087, tauxSortiesPositives: 41.95, stockFinCalcule: 93_391, stockOuverture: 89_071, tauxNeutralise: 46.34 });
    // The lines add up to a euro more than the printed sub-total (« chiffres arrondis », l.1513): the sum is used, the gap tolerated.
    expect(r.financements).toMatchObject({ plieRepondants: 149, tauxRealisationFse: 83.34, sousTotalMobilises: { total: 193_439_590, directs: 112_347_740, indirects: 81_091_851 }, partFse: 42.09 });
    expect(r.ratios).toMatchObject({ coutParParticipant: 1377.01, coutDirectParParticipant: 799.75, fseParParticipant: 579.63, levierFse: 4.77, levierTotal: 11.34, additionnalite: 98_484_069 });
  });

  it('flags the seed’s inconsistencies with both figures: « autres » printed 25 % where the counts give 26,02 %, Tableau 2ter’s total, and no false alarm on rounding', () => {
    const parCode = r.avertissements.map((a) => [a.code, a.tableau, a.calcule, a.imprime]);
    expect(parCode).toEqual(expect.arrayContaining([
      ['TAUX_IMPRIME', 'T1', 26.02, 25],
      ['TAUX_IMPRIME', 'T1', 9.48, 10],
      ['SOMME_LIGNES', 'T2ter', 30_429, 29_315],
    ]));
    expect(r.avertissements.find((a) => a.imprime === 25)!.message).toBe('Autres sorties sans suite, en % du total des sorties : 25 imprimé (l.222), 26,02 d’après les effectifs.');
    // 41,95 % printed and recomputed; 1 381 € within the ±0,5 % a rounded source allows; the sub-total within a euro per line.
    expect(r.avertissements.filter((a) => a.code === 'TAUX_IMPRIME').map((a) => a.imprime).sort()).toEqual([10, 25, 74]);
    expect(r.avertissements.some((a) => a.code === 'SOUS_TOTAL_IMPRIME' || a.code === 'DIRECTS_INDIRECTS' || a.code === 'STOCK_FIN')).toBe(false);
  });
});

const plie = (code: string, flux: Partial<Record<string, number>> | null, annee = 2025) => InstantanePlie.parse({
  annee, plie: code, libelle: `PLIE ${code}`,
  ...(flux ? { flux: { entrees: 0, enParcoursDurant: 0, enParcoursFin: 0, sortiesPositives: 0, dontEmploi: 0, sansSuite: 0, dontAbandons: 0, dontDemenagements: 0, dontAutres: 0, ...flux } } : {}),
});

describe('a consolidation over several PLIE', () => {
  it('computes rates from the summed counts, never as a mean of the PLIE’s rates', () => {
    const a = plie('A', { enParcoursDurant: 300, enParcoursFin: 200, sortiesPositives: 10, sansSuite: 90, dontAbandons: 90 });
    const b = plie('B', { enParcoursDurant: 1500, enParcoursFin: 500, sortiesPositives: 900, dontEmploi: 800, sansSuite: 100, dontAutres: 100 });
    expect(consolider([a]).flux!.tauxSortiesPositives).toBe(10);
    expect(consolider([b]).flux!.tauxSortiesPositives).toBe(90);
    const r = consolider([a, b]);
    expect(r.flux!.tauxSortiesPositives).toBe(pourcentage(910, 1100));
    expect(r.flux!.tauxSortiesPositives).toBe(82.73);
    expect(r.flux!.tauxSortiesPositives).not.toBe(50);
    expect(r.flux).toMatchObject({ plieRepondants: 2, sortiesPositives: 910, sansSuite: 190, enParcoursFin: 700, plieSansDonnees: [] });
  });

  it('lists a PLIE without data instead of dropping it silently, and says how many PLIE each table rests on', () => {
    const r = consolider([plie('A', { enParcoursDurant: 10, enParcoursFin: 9, sortiesPositives: 1 }), plie('C', null)]);
    expect(r.flux).toMatchObject({ plieRepondants: 1, plieSansDonnees: ['C'] });
    expect(r.financements).toBeNull();
  });

  it('flags a closing stock, a « dont » and a breakdown that contradict their totals, each with both figures', () => {
    const r = consolider([plie('D', { enParcoursDurant: 100, enParcoursFin: 75, sortiesPositives: 10, dontEmploi: 12, sansSuite: 20, dontAbandons: 5, dontAutres: 5 })]);
    expect(r.avertissements.map((a) => [a.code, a.calcule, a.imprime])).toEqual([['STOCK_FIN', 70, 75], ['DONT_SUPERIEUR', 10, 12], ['SOMME_LIGNES', 10, 20]]);
    expect(r.avertissements[0]!.message).toBe('En parcours à la fin : 75 déclarés, 70 selon les flux (en parcours durant la période − sorties positives − sorties sans suite).');
  });
});

describe('a snapshot with bad figures', () => {
  it('refuses negative counts and rates above 100 %, each with a French reason', () => {
    const lu = InstantanePlie.safeParse({
      annee: 2025, plie: 'X', libelle: 'X',
      flux: { entrees: -1, enParcoursDurant: 0, enParcoursFin: 0, sortiesPositives: 0, dontEmploi: 0, sansSuite: 0, dontAbandons: 0, dontDemenagements: 0, dontAutres: 0 },
      tauxImprimes: [{ code: 'taux_sorties_positives', libelle: 'Taux', valeur: 140 }],
    });
    expect(lu.success).toBe(false);
    expect(lu.error!.issues.map((i) => i.message)).toEqual(expect.arrayContaining(['Un effectif ne peut pas être négatif.', 'Un taux ne peut pas dépasser 100 %.']));
  });
});
