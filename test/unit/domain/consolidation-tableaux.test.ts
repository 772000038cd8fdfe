/**
 * Tableaux 2, 2bis, 2ter, 3ter, 4 and 5 of the PLIE consolidation (issue 16; seed 000): the 2006 national figures
 * give the seed's check values from their counts and every known inconsistency as a warning with both figures;
 * over several PLIE, counts and euros are summed and every mean, share and ratio recomputed from the sums.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { consolider, pourcentage, quotient } from '#shared/domain/consolidation/consolider';
import { InstantanePlie } from '#shared/schemas/consolidation';

const SEED_2006 = InstantanePlie.parse(JSON.parse(readFileSync(new URL('../../../data/consolidation-plie-2006.json', import.meta.url), 'utf8')));
const avert = (r: ReturnType<typeof consolider>, tableau: string) => r.avertissements.filter((a) => a.tableau === tableau).map((a) => [a.code, a.calcule, a.imprime]);

describe('Tableaux 2 to 5 of the 2006 national consolidation, from their counts', () => {
  const r = consolider([SEED_2006]);

  it('states how many PLIE filled each table (96, 110, 95, 125), and « non indiqué » where the seed gives none', () => {
    expect([r.parcours?.plieRepondants, r.dureesParcours?.plieRepondants, r.sortiesEmploi?.plieRepondants, r.autresDonnees?.plieRepondants]).toEqual([96, 110, 95, 125]);
    expect([r.beneficiairesSiae?.plieRepondants, r.financementsSiae?.plieRepondants]).toEqual([null, null]);
  });

  it('Tableau 2: 141 703 étapes ÷ 47 261 beneficiaries = 3,0 étapes per person; the cumul total and the GEIQ cumul flagged', () => {
    expect(r.parcours!.etapesParBeneficiaire).toBe(quotient(141_703, 47_261));
    expect(r.parcours!.etapesParBeneficiaire).toBe(3);
    expect(r.parcours!.total.stock).toEqual({ total: 47_261, hommes: 23_308, femmes: 22_941 });
    expect(r.parcours!.sommeDesTypes).toEqual({ stock: 47_261, cumul: 138_658 });
    expect(avert(r, 'T2')).toEqual(expect.arrayContaining([
      ['SOMME_LIGNES', 138_658, 141_703],
      ['CUMUL_INFERIEUR_STOCK', 342, 653],
      ['RATIO_ETAPES', 2.93, 3],
    ]));
    // The stock's main étapes add up to the printed 47 261: no warning on it.
    expect(avert(r, 'T2')).not.toContainEqual(['SOMME_LIGNES', 47_261, 47_261]);
  });

  it('Tableau 2bis: 148 306 exits in 17 months; positives + sans suite = 148 253 flagged against 148 306', () => {
    expect(r.dureesParcours!.lignes[0]).toMatchObject({ sortie: 'toutes', public: 'total', nombre: { total: 148_306 }, dureeMoyenne: { total: 17, hommes: 17, femmes: 18 } });
    expect(avert(r, 'T2bis')).toEqual([['SOMME_LIGNES', 148_253, 148_306]]);
  });

  it('Tableau 2ter: 14 975 of 29 315 étapes financed by the PLIE = 51 %; the printed total 29 315 against rows 30 429', () => {
    expect(r.beneficiairesSiae!.partFinanceeParLePlie).toBe(pourcentage(14_975, 29_315));
    expect(r.beneficiairesSiae!.partFinanceeParLePlie).toBe(51.08);
    expect(r.beneficiairesSiae!.tous).toMatchObject({ totalImprime: 29_315, sommeLignes: 30_429 });
    expect(r.beneficiairesSiae!.financesParLePlie).toMatchObject({ totalImprime: 14_975, sommeLignes: 14_975 });
    expect(avert(r, 'T2ter')).toEqual(expect.arrayContaining([['SOMME_LIGNES', 30_429, 29_315], ['FINANCES_SUPERIEURS', 689, 734]]));
  });

  it('Tableau 3ter: the ACI receive 75,7 % of 40,1 M€ (the commentary says 74 %); € per function = amount × share', () => {
    expect(r.financementsSiae!.partAci).toBe(pourcentage(30_371_647, 40_119_980));
    expect(r.financementsSiae!.partAci).toBe(75.7);
    expect(r.financementsSiae!.lignes.find((l) => l.structure === 'aci')!.euros).toEqual({ demarrage: 0, encadrement: Math.round(30_371_647 * 0.7), accompagnement: Math.round(30_371_647 * 0.23), formation: Math.round(30_371_647 * 0.07) });
    expect(avert(r, 'T3ter')).toEqual(expect.arrayContaining([['TAUX_IMPRIME', 75.7, 74], ['PART_IMPRIMEE', 66.24, 65]]));
    // 40 119 980 € of rows against 40 119 979 € printed: a euro is rounding.
    expect(avert(r, 'T3ter').some(([c]) => c === 'SOMME_LIGNES')).toBe(false);
  });

  it('Tableau 4: printed shares kept (no base to consolidate them), distributions adding to 99,64 % and 100,18 % flagged, 99,99 % tolerated', () => {
    expect(r.sortiesEmploi).toMatchObject({ base: null, consolidable: true });
    expect(r.sortiesEmploi!.nota).toMatch(/n’est pas indiqué/);
    expect(avert(r, 'T4')).toEqual([['PARTS_100', 99.64, 100], ['PARTS_100', 100.18, 100]]);
  });

  it('Tableau 5: the « dont » rows (5 319 opérations, 109,1 M€) against the printed total (5 446, 138 551 412 €); means per PLIE from n = 125', () => {
    expect(avert(r, 'T5')).toEqual([['SOMME_LIGNES', 5_319, 5_446], ['SOMME_LIGNES', 109_087_566, 138_551_412]]);
    expect(r.autresDonnees!.operations!.total).toMatchObject({ nombre: 5_446, montant: 138_551_412, montantMoyen: 25_440.95, parPlie: 43.57 });
    expect([r.autresDonnees!.operateurs.avecFinancement?.parPlie, r.autresDonnees!.entreprisesPartenaires?.parPlie, r.autresDonnees!.reunions.organisees?.parPlie]).toEqual([26.19, 82.64, 65.47]);
  });
});

const base = { annee: 2024, libelle: 'PLIE' };
const deux = (a: Record<string, unknown>, b: Record<string, unknown>) => consolider([InstantanePlie.parse({ ...base, plie: 'A', ...a }), InstantanePlie.parse({ ...base, plie: 'B', ...b }), InstantanePlie.parse({ ...base, plie: 'C' })]);

describe('Tableaux 2 to 5 over several PLIE: sums of counts, never means of their figures', () => {
  it('Tableau 2: étapes per person from the summed counts (not the mean of 2 and 4), the PLIE without it listed', () => {
    const t = (stock: number, cumul: number) => ({ parcours: { total: { stock: { total: stock }, cumul: { total: cumul } }, lignes: [{ etape: 'formations', stock: { total: stock }, cumul: { total: cumul } }] } });
    const r = deux(t(100, 200), t(10, 40));
    expect(r.parcours).toMatchObject({ plieRepondants: 2, plieSansDonnees: ['C'], total: { stock: { total: 110, hommes: null }, cumul: { total: 240 } } });
    expect(r.parcours!.etapesParBeneficiaire).toBe(2.18);
  });

  it('Tableau 2bis: mean durations as Σ(count × mean) ÷ Σ count (10 people of 12 months and 30 of 20 months: 18, not 16)', () => {
    const t = (n: number, mois: number) => ({ dureesParcours: { lignes: [{ sortie: 'toutes', public: 'total', nombre: { total: n, hommes: n, femmes: 0 }, dureeMoyenne: { total: mois, hommes: mois } }] } });
    const r = deux(t(10, 12), t(30, 20));
    expect(r.dureesParcours!.lignes[0]).toMatchObject({ nombre: { total: 40, hommes: 40, femmes: 0 }, dureeMoyenne: { total: 18, hommes: 18, femmes: null }, moisCumules: 720 });
  });

  it('Tableau 2ter and 3ter: counts and euros summed, shares recomputed; shares of men and women not consolidable without their counts', () => {
    const siae = (aci: number, finances: number) => ({ beneficiairesSiae: { tous: { lignes: [{ structure: 'aci', total: aci, partHommes: 60, partFemmes: 40 }], totalImprime: aci }, financesParLePlie: { lignes: [{ structure: 'aci', total: finances }], totalImprime: finances } } });
    const r = deux(siae(100, 90), siae(300, 10));
    expect(r.beneficiairesSiae!.partFinanceeParLePlie).toBe(25); // 100 ÷ 400, not the mean of 90 % and 3,33 %
    expect(r.beneficiairesSiae!.tous!.lignes[0]).toMatchObject({ total: 400, partHommes: null });
    expect(r.beneficiairesSiae!.nota).toMatch(/non consolidables/);
    const fin = (montant: number, encadrement: number) => ({ financementsSiae: { lignes: [{ structure: 'aci', montant, parts: { demarrage: 0, encadrement, accompagnement: 100 - encadrement, formation: 0 } }] } });
    const f = deux(fin(1_000_000, 100), fin(3_000_000, 0));
    expect(f.financementsSiae!.total).toMatchObject({ montant: 4_000_000, euros: { encadrement: 1_000_000, accompagnement: 3_000_000 }, parts: { encadrement: 25, accompagnement: 75 } });
  });

  it('Tableau 4: shares weighted by each PLIE’s base when all are known, declared not consolidable when one is missing', () => {
    const t4 = (base: number | undefined, cdi: number) => ({ sortiesEmploi: { ...(base === undefined ? {} : { base }), contrat: { parts: [{ poste: 'cdi', part: cdi }, { poste: 'autres', part: 100 - cdi }] } } });
    const r = deux(t4(100, 50), t4(300, 10));
    expect(r.sortiesEmploi!.distributions[0]!.postes).toEqual([{ poste: 'cdi', libelle: 'CDI', part: 20 }, { poste: 'autres', libelle: 'Autres', part: 80 }]);
    const s = deux(t4(100, 50), t4(undefined, 10));
    expect(s.sortiesEmploi).toMatchObject({ consolidable: false, base: null });
    expect(s.sortiesEmploi!.distributions[0]!.postes[0]!.part).toBeNull();
    expect(s.sortiesEmploi!.nota).toBe('Parts non consolidables : le nombre de sorties sur emploi analysées n’est pas connu pour B ; des parts ne s’additionnent pas sans leur base.');
  });

  it('Tableau 5: counts and euros summed, means per PLIE over the PLIE that answered', () => {
    const t5 = (n: number, montant: number) => ({ autresDonnees: { operations: { total: { nombre: n, montant }, parType: [{ type: 'formations', nombre: n, montant }] }, entreprisesPartenaires: { nombre: n * 2 } } });
    const r = deux(t5(10, 100_000), t5(30, 900_000));
    expect(r.autresDonnees!.operations!.total).toMatchObject({ nombre: 40, montant: 1_000_000, montantMoyen: 25_000, parPlie: 20 });
    expect(r.autresDonnees!.entreprisesPartenaires).toEqual({ valeur: 80, plieRepondants: 2, parPlie: 40 });
    expect(r.autresDonnees!.plieSansDonnees).toEqual(['C']);
  });
});

describe('a snapshot with bad figures in Tableaux 2 to 5', () => {
  it('refuses negative counts, shares above 100 %, unknown étapes, each with a French reason', () => {
    const lu = InstantanePlie.safeParse({
      ...base, plie: 'X',
      parcours: { total: { stock: { total: -1 }, cumul: { total: 0 } }, lignes: [{ etape: 'inconnue', stock: { total: 0 }, cumul: { total: 0 } }] },
      sortiesEmploi: { contrat: { parts: [{ poste: 'cdi', part: 120 }] } },
      financementsSiae: { lignes: [{ structure: 'aci', montant: 10, parts: { demarrage: -5, encadrement: 0, accompagnement: 0, formation: 0 } }] },
    });
    expect(lu.success).toBe(false);
    expect(lu.error!.issues.map((i) => i.message)).toEqual(expect.arrayContaining([
      'Un effectif ne peut pas être négatif.', 'Une part ne peut pas dépasser 100 %.', 'Une part ne peut pas être négative.', expect.stringMatching(/^Étape attendue : besoin_specifique, /),
    ]));
  });
});
