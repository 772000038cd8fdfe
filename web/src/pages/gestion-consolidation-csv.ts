import { CSV_CONSOLIDATION } from '#shared/schemas/consolidation';
import { COLONNES_TABLEAUX_CSV } from '#shared/schemas/consolidation-tableaux';
import { TITRES } from '#shared/domain/consolidation/libelles';

/** The CSV's header, as the import page shows it. */
export const FILIERE_CSV = CSV_CONSOLIDATION.join(';');

/** The optional columns of Tableaux 2 to 5, by table: their pattern and the codes that fill it. */
export const COLONNES_FACULTATIVES = ([
  ['T2', 'parcours'], ['T2bis', 'dureesParcours'], ['T2ter', 'beneficiairesSiae'], ['T3ter', 'financementsSiae'], ['T4', 'sortiesEmploi'], ['T5', 'autresDonnees'],
] as const).map(([code, cle]) => ({ titre: TITRES[code], motif: COLONNES_TABLEAUX_CSV[cle].motif, valeurs: COLONNES_TABLEAUX_CSV[cle].valeurs.join(', ') }));
