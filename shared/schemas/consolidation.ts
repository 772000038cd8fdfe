/**
 * Reporting and consolidation of PLIE (issue 16; seed 000, notes « consolidation-plie-2006 »): the counts one PLIE
 * reports for one year — flows of participants (Tableau 1), realised financing (Tableau 3), breakdowns with a printed
 * total (Tableau 2ter…) and the rates a source printed — kept as a snapshot. Consolidated figures are always computed
 * from summed counts, never from rates; printed figures are only ever compared.
 */
import * as z from 'zod';
import { CODES_PROGRAMME } from '../domain/programmes';
import { AutresDonnees, BeneficiairesSiae, DureeParcours, FinancementsSiae, ParcoursEtapes, SortiesEmploi } from './consolidation-tableaux';

const Compte = z.number({ message: 'Nombre attendu.' }).int('Nombre entier attendu.').min(0, 'Un effectif ne peut pas être négatif.').max(1e9, 'Effectif trop grand.');
const Euros = z.number({ message: 'Montant en euros attendu.' }).int('Montant en euros entiers attendu.').min(0, 'Un montant ne peut pas être négatif.').max(1e12, 'Montant trop grand.');
const Repondants = z.number().int().min(1).max(10_000).optional().describe('Nombre de PLIE derrière un total publié (une consolidation importée comme un seul instantané).');

/** Tableau 1 « Analyse des flux d’entrées et de sorties »: the ten columns, counts only (the rate is recomputed). */
export const FluxParticipants = z.strictObject({
  plieRepondants: Repondants,
  ligne: z.string().max(40).optional(),
  entrees: Compte,
  enParcoursDurant: Compte,
  enParcoursFin: Compte,
  sortiesPositives: Compte,
  dontEmploi: Compte,
  sansSuite: Compte,
  dontAbandons: Compte,
  dontDemenagements: Compte,
  dontAutres: Compte,
});
export type FluxParticipants = z.infer<typeof FluxParticipants>;

export const FINANCEURS = ['collectivites_locales', 'conseil_general', 'conseil_regional', 'etat', 'autres_publics', 'autres_prives', 'fse'] as const;
export const LIBELLES_FINANCEURS: Record<(typeof FINANCEURS)[number], string> = {
  collectivites_locales: 'Collectivités locales (communes, EPCI)',
  conseil_general: 'Conseil départemental (Conseil général)',
  conseil_regional: 'Conseil régional',
  etat: 'État',
  autres_publics: 'Autres financements publics mobilisés en contrepartie du FSE',
  autres_prives: 'Autres financements privés mobilisés en contrepartie du FSE',
  fse: 'FSE',
};

/** Tableau 3 « Financements réalisés »: mobilised funds by financer, direct (through the PLIE's accounts) and indirect. */
export const FinancementsRealises = z.strictObject({
  plieRepondants: Repondants,
  lignes: z
    .array(z.strictObject({
      financeur: z.enum(FINANCEURS, { message: `Financeur attendu : ${FINANCEURS.join(', ')}.` }),
      libelle: z.string().max(200).optional(),
      total: Euros,
      directs: Euros,
      indirects: Euros,
      ligne: z.string().max(40).optional(),
    }))
    .max(FINANCEURS.length),
  /** The sub-total as the source printed it: compared with the sum of the lines, never used. */
  sousTotalImprime: z.strictObject({ total: Euros, directs: Euros, indirects: Euros, ligne: z.string().max(40).optional() }).optional(),
  fseDemande: Euros,
  fseConsomme: Euros,
  lignesFse: z.string().max(40).optional(),
});
export type FinancementsRealises = z.infer<typeof FinancementsRealises>;

/** A breakdown whose rows should add up to the total the source printed (e.g. Tableau 2ter by structure type). */
export const Repartition = z.strictObject({
  tableau: z.string().trim().min(1).max(20),
  libelle: z.string().trim().min(1).max(300),
  lignes: z.array(z.strictObject({ libelle: z.string().trim().min(1).max(200), valeur: Compte })).min(1).max(100),
  totalImprime: Compte,
  ligne: z.string().max(40).optional(),
});

export const CODES_TAUX = [
  'taux_sorties_positives', 'part_abandons_sorties', 'part_demenagements_sorties', 'part_autres_sorties', 'taux_realisation_fse', 'cout_par_participant',
  /** Tableau 2: cumul of étapes ÷ beneficiaries in an étape at 31/12 (a ratio, not a %). */
  'etapes_par_beneficiaire',
  /** Tableau 3ter: the ACI's share of the PLIE's funds to ACI and SIAE. */
  'part_aci_financements_siae',
] as const;
export type CodeTaux = (typeof CODES_TAUX)[number];

/** One PLIE's (or one published consolidation's) figures for one year. */
export const InstantanePlie = z.strictObject({
  annee: z.number().int().min(1990, 'Année antérieure à 1990.').max(2100),
  plie: z.string().trim().min(1).max(64),
  libelle: z.string().trim().min(1).max(300),
  source: z.string().trim().max(2000).optional(),
  perimetre: z.string().trim().max(300).optional(),
  flux: FluxParticipants.optional(),
  financements: FinancementsRealises.optional(),
  /** Tableau 2 « Analyse des parcours ». */
  parcours: ParcoursEtapes.optional(),
  /** Tableau 2bis « Durée des parcours ». */
  dureesParcours: DureeParcours.optional(),
  /** Tableau 2ter: beneficiaries in ACI and SIAE étapes, all and those financed by the PLIE. */
  beneficiairesSiae: BeneficiairesSiae.optional(),
  /** Tableau 3ter « Financements alloués par le PLIE aux ACI et SIAE ». */
  financementsSiae: FinancementsSiae.optional(),
  /** Tableau 4 « Analyse des sorties sur emploi 6 mois ». */
  sortiesEmploi: SortiesEmploi.optional(),
  /** Tableau 5 « Autres données ». */
  autresDonnees: AutresDonnees.optional(),
  repartitions: z.array(Repartition).max(50).default([]),
  tauxImprimes: z
    .array(z.strictObject({
      code: z.enum(CODES_TAUX),
      libelle: z.string().max(300),
      valeur: z.number().min(0, 'Un taux ne peut pas être négatif.'),
      ligne: z.string().max(40).optional(),
    }).refine((t) => t.code === 'cout_par_participant' || t.code === 'etapes_par_beneficiaire' || t.valeur <= 100, { message: 'Un taux ne peut pas dépasser 100 %.', path: ['valeur'] }))
    .max(50)
    .default([]),
});
export type InstantanePlie = z.infer<typeof InstantanePlie>;

/** CSV column → Tableau 1 field. */
export const COLONNES_FLUX_CSV = {
  entrees: 'entrees', en_parcours_durant: 'enParcoursDurant', en_parcours_fin: 'enParcoursFin', sorties_positives: 'sortiesPositives',
  dont_emploi: 'dontEmploi', sans_suite: 'sansSuite', dont_abandons: 'dontAbandons', dont_demenagements: 'dontDemenagements', dont_autres: 'dontAutres',
} as const;
/** The columns of the import CSV, in order; a file may leave the financing columns (flows only) or the flows empty. */
export const CSV_CONSOLIDATION = [
  'annee', 'plie', 'libelle', ...Object.keys(COLONNES_FLUX_CSV),
  ...FINANCEURS.flatMap((f) => [`${f}_total`, `${f}_directs`, `${f}_indirects`]), 'fse_demande', 'fse_consomme', 'taux_sorties_positives_imprime',
] as const;

/** A stored snapshot: who imported it, when. */
export const InstantaneStocke = InstantanePlie.extend({
  oi: z.string(),
  importe: z.object({ le: z.string(), par: z.string(), nom: z.string() }),
});
export type InstantaneStocke = z.infer<typeof InstantaneStocke>;

export const FiltresConsolidation = z.strictObject({
  annee: z.coerce.number({ message: 'Année attendue.' }).int('Année attendue.').min(1990, 'Année antérieure à 1990.').max(2100, 'Année trop lointaine.').optional(),
  /** Ids of the PLIE to consolidate, comma-separated (all the OI's snapshots of the year when absent). */
  plies: z.string().max(2000).optional(),
  /**
   * The programme of the operations counted (the code of their AAP's programme): the live year's Tableau 3 and its
   * operations only; Tableau 1 stays the PLIE's whole activity, imported snapshots are shown « sans programme ».
   */
  programme: z.enum(CODES_PROGRAMME, { message: `Programme inconnu (attendu : ${CODES_PROGRAMME.join(', ')}).` }).optional(),
});

/** A CSV of past years' per-PLIE counts (`;`-separated, the columns of CSV_CONSOLIDATION), imported as snapshots. */
export const DemandeImportConsolidation = z.strictObject({
  csv: z.string().min(1, 'Le fichier CSV est vide.').max(2_000_000, 'Fichier CSV trop volumineux (2 Mo au plus).'),
});
