/**
 * The import CSV's optional columns of Tableaux 2 to 5 (issue 16): one line per PLIE-year, a table present when one
 * of its columns is filled; bad values refused per line in French naming the column; a misspelt column refuses the file.
 */
import { describe, expect, it } from 'vitest';
import { consolider } from '#shared/domain/consolidation/consolider';
import { lireCsvConsolidation } from '#shared/domain/consolidation/import-csv';

const csv = (entete: string[], ...lignes: (string | number)[][]) => [entete.join(';'), ...lignes.map((l) => l.join(';'))].join('\n');
const ENTETE = [
  'annee', 'plie', 'libelle', 't2_total_stock', 't2_total_cumul', 't2_formations_stock', 't2_formations_cumul', 't2bis_toutes_total_nombre', 't2bis_toutes_total_mois',
  't2ter_aci', 't2ter_total', 't2ter_aci_finances', 't2ter_total_finances', 't3ter_aci_montant', 't3ter_aci_demarrage', 't3ter_aci_encadrement', 't3ter_aci_accompagnement', 't3ter_aci_formation',
  't4_base', 't4_contrat_cdi', 't4_contrat_cdd_6_mois', 't4_contrat_autres', 't5_operateurs_conventionnes', 't5_operations_nombre', 't5_operations_montant', 't5_operations_formations_nombre', 't5_operations_formations_montant',
];

describe('the import CSV’s columns of Tableaux 2 to 5', () => {
  it('reads two PLIE’s lines and the report sums their counts (never averages their figures)', () => {
    const { instantanes, refusees } = lireCsvConsolidation(csv(ENTETE,
      [2024, 'a', 'A', 100, 200, 100, 200, 10, 12, 40, 40, 30, 30, '1 000 000', 0, 100, 0, 0, 100, 50, 50, 0, 5, 10, '100 000', 10, '100 000'],
      [2024, 'b', 'B', 10, 40, 10, 40, 30, 20, 60, 60, 10, 10, '3 000 000', 0, 0, 100, 0, 300, 10, 80, 10, 7, 30, '900 000', 30, '900 000'],
      [2024, 'c', 'C', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', '', ''],
    ));
    expect(refusees).toEqual([]);
    expect(instantanes.map((x) => x.instantane.parcours === undefined)).toEqual([false, false, true]);
    const r = consolider(instantanes.map((x) => x.instantane));
    expect(r.parcours).toMatchObject({ plieRepondants: 2, plieSansDonnees: ['c'], etapesParBeneficiaire: 2.18, total: { stock: { total: 110 } } });
    expect(r.dureesParcours!.lignes[0]!.dureeMoyenne.total).toBe(18);
    expect(r.beneficiairesSiae!.partFinanceeParLePlie).toBe(40);
    expect(r.financementsSiae!.total).toMatchObject({ montant: 4_000_000, euros: { encadrement: 1_000_000, accompagnement: 3_000_000 } });
    expect(r.sortiesEmploi!.distributions[0]!.postes.map((p) => p.part)).toEqual([20, 72.5, 7.5]);
    expect(r.autresDonnees!.operations!.total).toMatchObject({ nombre: 40, montant: 1_000_000, parPlie: 20 });
    expect(r.autresDonnees!.operateurs.avecFinancement).toEqual({ valeur: 12, plieRepondants: 2, parPlie: 6 });
    expect(r.avertissements).toEqual([]);
  });

  it('refuses a negative count, a share above 100 % and a table without its total, naming the column of each', () => {
    const { refusees } = lireCsvConsolidation(csv(['annee', 'plie', 'libelle', 't2_formations_stock', 't2_formations_cumul', 't4_contrat_cdi', 't5_operateurs_conventionnes', 't3ter_aci_montant'],
      [2024, 'a', 'A', 5, 10, 120, -3, 1000]));
    expect(refusees).toHaveLength(1);
    expect(refusees[0]!.messages).toEqual(expect.arrayContaining([
      't2_total_stock : Nombre attendu.',
      't4_contrat_cdi : Une part ne peut pas dépasser 100 %.',
      't5_operateurs_conventionnes : Un effectif ne peut pas être négatif.',
      't3ter_aci_demarrage : Pourcentage attendu.',
    ]));
  });

  it('refuses a file with a column it does not know (a misspelt column would be silently left out)', () => {
    const { instantanes, refusees } = lireCsvConsolidation(csv(['annee', 'plie', 'libelle', 't5_operateur_conventionnes'], [2024, 'a', 'A', 3]));
    expect(instantanes).toEqual([]);
    expect(refusees).toEqual([{ ligne: 1, plie: null, messages: ['Colonne inconnue : t5_operateur_conventionnes (voir les colonnes attendues sur la page d’import).'] }]);
  });
});
