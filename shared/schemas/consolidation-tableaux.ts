/**
 * The questionnaire tables of the PLIE consolidation beyond Tableau 1 and 3 (issue 16; seed 000, notes
 * « consolidation-plie-2006 » §1.2): Tableau 2 (parcours), 2bis (durées), 2ter (bénéficiaires en SIAE), 3ter
 * (financements alloués aux SIAE), 4 (sorties sur emploi) and 5 (autres données). Counts and euros only where the
 * source gives counts; printed shares are kept as printed and only consolidated when their base is known. Every part
 * is optional: a PLIE that did not fill a table is listed as such by the report, never counted as zero.
 */
import * as z from 'zod';

const Compte = z.number({ message: 'Nombre attendu.' }).int('Nombre entier attendu.').min(0, 'Un effectif ne peut pas être négatif.').max(1e9, 'Effectif trop grand.');
const Euros = z.number({ message: 'Montant en euros attendu.' }).int('Montant en euros entiers attendu.').min(0, 'Un montant ne peut pas être négatif.').max(1e12, 'Montant trop grand.');
const Part = z.number({ message: 'Pourcentage attendu.' }).min(0, 'Une part ne peut pas être négative.').max(100, 'Une part ne peut pas dépasser 100 %.');
const Mois = z.number({ message: 'Durée en mois attendue.' }).min(0, 'Une durée ne peut pas être négative.').max(600, 'Durée trop longue (600 mois au plus).');
const Ligne = z.string().max(40).optional();
const Repondants = z.number({ message: 'Nombre de PLIE attendu.' }).int('Nombre de PLIE entier attendu.').min(1, 'Au moins 1 PLIE.').max(10_000).optional();

/** Total, hommes, femmes: the sexes may be unknown for some (their sum may be below the total, never above). */
export const TotalHF = z.strictObject({ total: Compte, hommes: Compte.optional(), femmes: Compte.optional() });
export type TotalHF = z.infer<typeof TotalHF>;

/** `attendu`: « Étape attendue », « Public attendu »… followed by the codes allowed. */
const enumere = <T extends readonly [string, ...string[]]>(codes: T, attendu: string) => z.enum(codes, { message: `${attendu} : ${codes.join(', ')}.` });

// ——— Tableau 2 « Analyse des parcours » ———————————————————————————————————————————————————————————————————————

/** The étapes of Tableau 2 as the seed prints them (l.1221–1294), main types then their « dont » sub-types. */
export const ETAPES_T2 = [
  { code: 'besoin_specifique', libelle: 'Actions répondant à un besoin spécifique mises en place par le PLIE' },
  { code: 'emplois_parcours', libelle: 'Emplois de parcours – total' },
  { code: 'cae_aci', libelle: 'CAE en ateliers et chantiers d’insertion (ACI)', parent: 'emplois_parcours' },
  { code: 'ca_aci', libelle: 'CA en ateliers et chantiers d’insertion (ACI)', parent: 'emplois_parcours' },
  { code: 'cae_hors_aci', libelle: 'CAE hors ACI', parent: 'emplois_parcours' },
  { code: 'ca_hors_aci', libelle: 'CA hors ACI', parent: 'emplois_parcours' },
  { code: 'cddi_ei', libelle: 'CDDI en entreprises d’insertion', parent: 'emplois_parcours' },
  { code: 'missions_ai', libelle: 'Missions en AI', parent: 'emplois_parcours' },
  { code: 'missions_etti', libelle: 'Missions en ETTI', parent: 'emplois_parcours' },
  { code: 'cirma', libelle: 'CIRMA', parent: 'emplois_parcours' },
  { code: 'geiq', libelle: 'Contrats de travail en GEIQ', parent: 'emplois_parcours' },
  { code: 'non_aides', libelle: 'Contrats de travail non aidés (CDD courts, missions d’intérim en ETT classiques, CDI temps partiel)', parent: 'emplois_parcours' },
  { code: 'autres_emplois', libelle: 'Autres', parent: 'emplois_parcours' },
  { code: 'formations', libelle: 'Formations' },
  { code: 'orientation', libelle: 'dont actions d’orientation (bilans de compétences, etc.)', parent: 'formations', partiel: true },
  { code: 'formation_qualifiante', libelle: 'dont formation qualifiante', parent: 'formations', partiel: true },
  { code: 'mediation', libelle: '« Médiation à l’emploi » (prestations spécifiques type IOD, mesures de l’ANPE, Pas pour l’emploi, cellule recrutement, parrainage, etc.)' },
  { code: 'creation_entreprise', libelle: 'En cours de création d’entreprise' },
  { code: 'emploi_avant_sortie', libelle: 'Emploi avant sortie prévisible à 6 mois (hors contrats aidés)' },
] as const satisfies readonly { code: string; libelle: string; parent?: string; partiel?: boolean }[];
export const CODES_ETAPES_T2 = ETAPES_T2.map((e) => e.code) as unknown as readonly [(typeof ETAPES_T2)[number]['code'], ...(typeof ETAPES_T2)[number]['code'][]];
export type CodeEtapeT2 = (typeof ETAPES_T2)[number]['code'];

export const ParcoursEtapes = z.strictObject({
  plieRepondants: Repondants,
  ligne: Ligne,
  /** « Nombre de bénéficiaires dans les actions au 31/12 » and « Cumul du nombre d’étapes financées ou non par le PLIE du 1/1 au 31/12 », as printed. */
  total: z.strictObject({ stock: TotalHF, cumul: TotalHF }),
  lignes: z.array(z.strictObject({ etape: enumere(CODES_ETAPES_T2, 'Étape attendue'), stock: TotalHF, cumul: TotalHF, ligne: Ligne })).max(ETAPES_T2.length),
});
export type ParcoursEtapes = z.infer<typeof ParcoursEtapes>;

// ——— Tableau 2bis « Durée des parcours » ————————————————————————————————————————————————————————————————————

export const SORTIES_T2BIS = [
  { code: 'toutes', libelle: 'Toutes sorties' },
  { code: 'positives', libelle: 'Sorties positives' },
  { code: 'sans_suite', libelle: 'Sorties sans suite' },
] as const;
export const PUBLICS_T2BIS = [
  { code: 'total', libelle: 'Total' },
  { code: 'cld', libelle: 'dont CLD' },
  { code: 'rmi', libelle: 'dont allocataires du RMI' },
  { code: 'autres', libelle: 'dont autres' },
  { code: 'moins_26', libelle: 'dont moins de 26 ans' },
  { code: 'plus_26', libelle: 'dont 26 ans et plus' },
] as const;
type Codes<T extends readonly { code: string }[]> = readonly [T[number]['code'], ...T[number]['code'][]];
const codes = <T extends readonly { code: string }[]>(xs: T) => xs.map((x) => x.code) as unknown as Codes<T>;

export const DureeParcours = z.strictObject({
  plieRepondants: Repondants,
  ligne: Ligne,
  /** The exits counted (the seed: « Total nouvelle programmation 2000 – 2005 »). */
  periode: z.string().trim().max(200).optional(),
  lignes: z.array(z.strictObject({
    sortie: enumere(codes(SORTIES_T2BIS), 'Type de sortie attendu'),
    public: enumere(codes(PUBLICS_T2BIS), 'Public attendu'),
    /** « Nombre de bénéficiaires concernés ». */
    nombre: TotalHF,
    /** « Durée moyenne des parcours en mois », as printed: consolidated as Σ(nombre × durée) ÷ Σ nombre. */
    dureeMoyenne: z.strictObject({ total: Mois, hommes: Mois.optional(), femmes: Mois.optional() }),
    ligne: Ligne,
  })).max(SORTIES_T2BIS.length * PUBLICS_T2BIS.length),
});
export type DureeParcours = z.infer<typeof DureeParcours>;

// ——— Tableau 2ter and 3ter: ACI and SIAE ——————————————————————————————————————————————————————————————————————

export const STRUCTURES_SIAE = [
  { code: 'aci', libelle: 'ACI' },
  { code: 'ei', libelle: 'EI' },
  { code: 'etti', libelle: 'ETTI' },
  { code: 'ai', libelle: 'AI' },
  { code: 'rq', libelle: 'Régie de quartier' },
  { code: 'geiq', libelle: 'GEIQ' },
] as const;
const Structure = enumere(codes(STRUCTURES_SIAE), 'Type de structure attendu');

const BlocSiae = z.strictObject({
  ligne: Ligne,
  /** Per structure: beneficiaries, and the share of all men and of all women of the block in it (printed %). */
  lignes: z.array(z.strictObject({ structure: Structure, total: Compte, partHommes: Part.optional(), partFemmes: Part.optional() })).max(STRUCTURES_SIAE.length),
  totalImprime: Compte,
});
export const BeneficiairesSiae = z.strictObject({
  plieRepondants: Repondants,
  /** « Nombre de bénéficiaires PLIE en étapes ACI et SIAE ». */
  tous: BlocSiae,
  /** « … en étapes ACI et SIAE financées par le PLIE ». */
  financesParLePlie: BlocSiae.optional(),
});
export type BeneficiairesSiae = z.infer<typeof BeneficiairesSiae>;

export const FONCTIONS_SIAE = [
  { code: 'demarrage', libelle: 'Aide au démarrage' },
  { code: 'encadrement', libelle: 'Encadrement technique' },
  { code: 'accompagnement', libelle: 'Accompagnement' },
  { code: 'formation', libelle: 'Formation' },
] as const;
const PartsFonctions = z.strictObject({ demarrage: Part, encadrement: Part, accompagnement: Part, formation: Part });
export type CodeFonctionSiae = (typeof FONCTIONS_SIAE)[number]['code'];

export const FinancementsSiae = z.strictObject({
  plieRepondants: Repondants,
  ligne: Ligne,
  /** Per structure: the PLIE's funds (€) and their split by function financed (printed %). */
  lignes: z.array(z.strictObject({ structure: Structure, montant: Euros, parts: PartsFonctions, ligne: Ligne })).max(STRUCTURES_SIAE.length),
  totalImprime: z.strictObject({ montant: Euros, parts: PartsFonctions.optional(), ligne: Ligne }).optional(),
});
export type FinancementsSiae = z.infer<typeof FinancementsSiae>;

// ——— Tableau 4 « Analyse des sorties sur emploi 6 mois » ———————————————————————————————————————————————————————

export const DISTRIBUTIONS_T4 = {
  secteur: {
    libelle: 'Secteur d’activité',
    postes: [
      { code: 'A_B', libelle: 'Agriculture, chasse, sylviculture, pêche (A et B)' },
      { code: 'C_D_E', libelle: 'Industries manufacturières (C, D, E)' },
      { code: 'F', libelle: 'Construction (F)' },
      { code: 'G', libelle: 'Commerce (G)' },
      { code: 'H', libelle: 'Hôtels et restaurants (H)' },
      { code: 'I', libelle: 'Transports et communications (I)' },
      { code: 'J', libelle: 'Activités financières (J)' },
      { code: 'K', libelle: 'Services aux entreprises (K)' },
      { code: 'L', libelle: 'Administration publique (L)' },
      { code: 'M', libelle: 'Éducation (M)' },
      { code: 'N', libelle: 'Santé et action sociale (N)' },
      { code: 'O', libelle: 'Services collectifs, sociaux et personnels (O)' },
      { code: 'P', libelle: 'Services domestiques (P)' },
    ],
  },
  employeur: {
    libelle: 'Type d’employeur',
    postes: [
      { code: 'entreprise', libelle: 'Entreprise' }, { code: 'association', libelle: 'Association' },
      { code: 'public', libelle: 'Secteur public' }, { code: 'particuliers', libelle: 'Particuliers' },
    ],
  },
  taille: {
    libelle: 'Taille de l’établissement',
    postes: [
      { code: 'moins_10', libelle: 'Moins de 10 salariés' }, { code: '10_50', libelle: '10 à 50' }, { code: '50_100', libelle: '50 à 100' },
      { code: '100_500', libelle: '100 à 500' }, { code: '500_plus', libelle: '500 et plus' },
    ],
  },
  contrat: {
    libelle: 'Type de contrat',
    postes: [{ code: 'cdi', libelle: 'CDI' }, { code: 'cdd_6_mois', libelle: 'CDD 6 mois et plus' }, { code: 'autres', libelle: 'Autres' }],
  },
  dispositif: {
    libelle: 'Dont contrats aidés et dispositifs',
    postes: [
      { code: 'cie', libelle: 'CIE' }, { code: 'cae', libelle: 'CAE' }, { code: 'ca', libelle: 'CA' }, { code: 'cirma', libelle: 'CIRMA' },
      { code: 'cne', libelle: 'CNE' }, { code: 'professionnalisation', libelle: 'Contrat de professionnalisation' },
      { code: 'seje', libelle: 'SEJE (contrat jeune en entreprise)' }, { code: 'tremplin', libelle: 'Emploi tremplin' },
      { code: 'apprentissage', libelle: 'Contrats d’apprentissage' }, { code: 'pacte', libelle: 'PACTE' }, { code: 'autres', libelle: 'Autres' },
    ],
  },
} as const;
export type CodeDistributionT4 = keyof typeof DISTRIBUTIONS_T4;
export const CODES_DISTRIBUTIONS_T4 = Object.keys(DISTRIBUTIONS_T4) as CodeDistributionT4[];

const distribution = (d: CodeDistributionT4) => {
  const postes = DISTRIBUTIONS_T4[d].postes.map((p) => p.code) as unknown as readonly [string, ...string[]];
  return z.strictObject({
    ligne: Ligne,
    parts: z.array(z.strictObject({ poste: enumere(postes, `Poste de « ${DISTRIBUTIONS_T4[d].libelle} » attendu`), part: Part })).min(1).max(postes.length),
  }).optional();
};

export const SortiesEmploi = z.strictObject({
  plieRepondants: Repondants,
  ligne: Ligne,
  /** The number of employment exits the shares are of: without it, shares of several PLIE cannot be consolidated. */
  base: Compte.optional(),
  secteur: distribution('secteur'),
  employeur: distribution('employeur'),
  taille: distribution('taille'),
  contrat: distribution('contrat'),
  dispositif: distribution('dispositif'),
});
export type SortiesEmploi = z.infer<typeof SortiesEmploi>;

// ——— Tableau 5 « Autres données » ——————————————————————————————————————————————————————————————————————————

export const TYPES_OPERATIONS_T5 = [
  { code: 'utilite_sociale', libelle: 'Activités d’utilité sociale (contrats aidés, ateliers et chantiers d’insertion ACI, …)' },
  { code: 'siae', libelle: 'EI, AI, RQ, ETTI' },
  { code: 'formations', libelle: 'Formations' },
  { code: 'creation', libelle: 'Création d’entreprises' },
  { code: 'mediation', libelle: 'Médiation à l’emploi' },
  { code: 'emploi', libelle: 'Emploi (avant sortie)' },
  { code: 'accompagnement', libelle: 'Accompagnement renforcé' },
  { code: 'ingenierie', libelle: 'Ingénierie' },
] as const;
const NombreMontant = z.strictObject({ nombre: Compte, montant: Euros.optional(), ligne: Ligne });

export const AutresDonnees = z.strictObject({
  plieRepondants: Repondants,
  ligne: Ligne,
  /** Structure d’animation et de gestion du PLIE. */
  sag: z.strictObject({ salaries: Compte.optional(), etp: z.number().min(0, 'Un nombre d’ETP ne peut pas être négatif.').max(1e6).optional(), masseSalariale: Euros.optional(), coutTotal: Euros.optional(), ligne: Ligne }).optional(),
  /** Time spent by the SAG on project engineering in the year. */
  ingenierie: z.strictObject({ heures: Compte, budget: Euros.optional(), ligne: Ligne }).optional(),
  operateurs: z.strictObject({
    avecFinancement: NombreMontant.optional(),
    sansIncidenceFinanciere: Compte.optional(),
    nonConventionnes: Compte.optional(),
    ligne: Ligne,
  }).optional(),
  /** « Opérations conventionnées dans l’année » : the printed total, and the « dont » rows by type. */
  operations: z.strictObject({
    total: NombreMontant,
    parType: z.array(NombreMontant.extend({ type: enumere(codes(TYPES_OPERATIONS_T5), 'Type d’opération attendu') })).max(TYPES_OPERATIONS_T5.length),
  }).optional(),
  entreprisesPartenaires: z.strictObject({ nombre: Compte, ligne: Ligne }).optional(),
  reunions: z.strictObject({ organisees: Compte.optional(), institutionnellesSuivies: Compte.optional(), ligne: Ligne }).optional(),
  /** Figures the source prints without a label one can attach them to: shown, never summed. */
  nonAttribues: z.array(z.strictObject({ valeur: z.number(), ligne: Ligne, note: z.string().max(300) })).max(20).default([]),
});
export type AutresDonnees = z.infer<typeof AutresDonnees>;

// ——— Import CSV columns (one line per PLIE-year, after Tableau 1's and 3's) ————————————————————————————————————

/**
 * The optional columns of Tableaux 2 to 5 in the import CSV, each with where its value goes. A PLIE's line may
 * leave a whole table empty (the report lists it « sans données »), never a part of it silently: a table with one
 * column filled needs its totals.
 */
export interface ColonneTableau { colonne: string; tableau: 'parcours' | 'dureesParcours' | 'beneficiairesSiae' | 'financementsSiae' | 'sortiesEmploi' | 'autresDonnees' }
const T5_CHAMPS = {
  t5_sag_salaries: ['sag', 'salaries'], t5_sag_etp: ['sag', 'etp'], t5_sag_masse_salariale: ['sag', 'masseSalariale'], t5_sag_cout_total: ['sag', 'coutTotal'],
  t5_ingenierie_heures: ['ingenierie', 'heures'], t5_ingenierie_budget: ['ingenierie', 'budget'],
  t5_operateurs_conventionnes: ['operateurs', 'avecFinancement', 'nombre'], t5_operateurs_montant_realise: ['operateurs', 'avecFinancement', 'montant'],
  t5_operateurs_sans_incidence: ['operateurs', 'sansIncidenceFinanciere'], t5_partenaires_non_conventionnes: ['operateurs', 'nonConventionnes'],
  t5_operations_nombre: ['operations', 'total', 'nombre'], t5_operations_montant: ['operations', 'total', 'montant'],
  t5_entreprises_partenaires: ['entreprisesPartenaires', 'nombre'], t5_reunions_organisees: ['reunions', 'organisees'], t5_reunions_institutionnelles: ['reunions', 'institutionnellesSuivies'],
} as const;
export const COLONNES_T5_CSV: Readonly<Record<string, readonly string[]>> = T5_CHAMPS;

/** The columns by table, and the pattern the screen shows for each. */
export const COLONNES_TABLEAUX_CSV = {
  parcours: {
    motif: 't2_<étape>_stock, t2_<étape>_cumul (et t2_total_stock, t2_total_cumul)', valeurs: ETAPES_T2.map((e) => e.code),
    colonnes: ['t2_total_stock', 't2_total_cumul', ...ETAPES_T2.flatMap((e) => [`t2_${e.code}_stock`, `t2_${e.code}_cumul`])],
  },
  dureesParcours: {
    motif: 't2bis_<sortie>_<public>_nombre, t2bis_<sortie>_<public>_mois', valeurs: [...SORTIES_T2BIS.map((s) => s.code), ...PUBLICS_T2BIS.map((p) => p.code)],
    colonnes: SORTIES_T2BIS.flatMap((s) => PUBLICS_T2BIS.flatMap((p) => [`t2bis_${s.code}_${p.code}_nombre`, `t2bis_${s.code}_${p.code}_mois`])),
  },
  beneficiairesSiae: {
    motif: 't2ter_<structure>, t2ter_<structure>_finances (et t2ter_total, t2ter_total_finances)', valeurs: STRUCTURES_SIAE.map((s) => s.code),
    colonnes: ['t2ter_total', 't2ter_total_finances', ...STRUCTURES_SIAE.flatMap((s) => [`t2ter_${s.code}`, `t2ter_${s.code}_finances`])],
  },
  financementsSiae: {
    motif: 't3ter_<structure>_montant, t3ter_<structure>_<fonction> en % (et t3ter_total_montant)', valeurs: [...STRUCTURES_SIAE.map((s) => s.code), ...FONCTIONS_SIAE.map((f) => f.code)],
    colonnes: ['t3ter_total_montant', ...STRUCTURES_SIAE.flatMap((s) => [`t3ter_${s.code}_montant`, ...FONCTIONS_SIAE.map((f) => `t3ter_${s.code}_${f.code}`)])],
  },
  sortiesEmploi: {
    motif: 't4_base, t4_<répartition>_<poste> en %', valeurs: CODES_DISTRIBUTIONS_T4,
    colonnes: ['t4_base', ...CODES_DISTRIBUTIONS_T4.flatMap((d) => DISTRIBUTIONS_T4[d].postes.map((p) => `t4_${d}_${p.code.toLowerCase()}`))],
  },
  autresDonnees: {
    motif: `${Object.keys(T5_CHAMPS).join(', ')}, t5_operations_<type>_nombre, t5_operations_<type>_montant`, valeurs: TYPES_OPERATIONS_T5.map((t) => t.code),
    colonnes: [...Object.keys(T5_CHAMPS), ...TYPES_OPERATIONS_T5.flatMap((t) => [`t5_operations_${t.code}_nombre`, `t5_operations_${t.code}_montant`])],
  },
} as const satisfies Record<ColonneTableau['tableau'], { motif: string; valeurs: readonly string[]; colonnes: readonly string[] }>;
