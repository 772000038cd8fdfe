/**
 * The headings of the consolidation's tables, read by the screen, the PDF and the workbook alike (one list, so that
 * they cannot drift): Tableau 1's rows, and the seed's titles and column headings of Tableaux 2 to 5 (seed 000,
 * l.1221–2012). Figures are formatted by each output; only the words live here.
 */
import type { RapportConsolide } from './consolider';

type Flux = NonNullable<RapportConsolide['flux']>;
type Champ = { [K in keyof Flux]: Flux[K] extends number | null ? K : never }[keyof Flux];

export interface LigneTableau1 {
  libelle: string;
  /** The count or the rate shown. */
  valeur: Champ;
  /** A « dont » of the exits: its share of all exits, shown beside it. */
  part?: Champ;
  /** A rate in % rather than a count. */
  taux?: true;
  /** The headline rate. */
  gras?: true;
}

/** Tableau 1 « Analyse des flux d’entrées et de sorties », in the order shown. */
export const LIGNES_TABLEAU_1: readonly LigneTableau1[] = [
  { libelle: 'Entrées dans l’année', valeur: 'entrees' },
  { libelle: 'En parcours durant la période', valeur: 'enParcoursDurant' },
  { libelle: 'En parcours à l’ouverture (calculé : durant − entrées)', valeur: 'stockOuverture' },
  { libelle: 'En parcours à la fin (déclaré)', valeur: 'enParcoursFin' },
  { libelle: 'En parcours à la fin (calculé : durant − sorties)', valeur: 'stockFinCalcule' },
  { libelle: 'Sorties positives', valeur: 'sortiesPositives' },
  { libelle: 'dont sur un emploi', valeur: 'dontEmploi' },
  { libelle: 'Sorties sans suite', valeur: 'sansSuite' },
  { libelle: 'dont abandons', valeur: 'dontAbandons', part: 'partAbandons' },
  { libelle: 'dont déménagements, décès, retraites', valeur: 'dontDemenagements', part: 'partDemenagements' },
  { libelle: 'dont autres', valeur: 'dontAutres', part: 'partAutres' },
  { libelle: 'Taux de sorties positives (positives ÷ total des sorties)', valeur: 'tauxSortiesPositives', taux: true, gras: true },
  { libelle: 'Taux neutralisé (hors déménagements, décès, retraites)', valeur: 'tauxNeutralise', taux: true },
];

/** The seed's titles and column headings of Tableaux 2 to 5 (the year where the seed prints « 06 »). */
export const TITRES = {
  T2: 'Tableau 2 : analyse des parcours',
  T2bis: 'Tableau 2bis : durée des parcours',
  T2ter: 'Tableau 2ter : nombre de bénéficiaires PLIE en étapes ACI et SIAE',
  T3ter: 'Tableau 3ter : financements alloués par le PLIE aux ACI et SIAE',
  T4: 'Tableau 4 : analyse des sorties sur emploi 6 mois',
  T5: 'Tableau 5 : autres données',
} as const;
export type CodeTableau = keyof typeof TITRES;

export const ENTETES = {
  T2: {
    etape: 'Action ou étape',
    stock: (annee: number) => `Nombre de bénéficiaires dans les actions au 31/12/${annee}`,
    cumul: (annee: number) => `Cumul du nombre d’étapes financées ou non par le PLIE du 1/1 au 31/12/${annee}`,
  },
  T2bis: { sortie: 'Sortie et public', nombre: 'Nombre de bénéficiaires concernés', duree: 'Durée moyenne des parcours en mois' },
  T2ter: { tous: 'Nombre de bénéficiaires PLIE en étapes ACI et SIAE', finances: 'Nombre de bénéficiaires en étapes ACI et SIAE financées par le PLIE', structure: 'Structures', total: 'Total', hommes: 'Homme', femmes: 'Femme' },
  T3ter: { structure: 'Structures', fonctions: 'Fonctions financées', total: 'Total' },
  T4: { poste: 'Poste', part: 'Part des sorties sur emploi' },
  T5: { donnee: 'Donnée', valeur: 'Valeur', parPlie: 'Par PLIE' },
  /** Total, hommes, femmes. */
  sexes: ['Total', 'Hommes', 'Femmes'],
} as const;

/**
 * The rows of Tableau 5 (labels of the seed, l.1961–2012), each read from the consolidated table: a count or euros,
 * summed over the PLIE that answered, with its mean per PLIE.
 */
type Champ5 = { valeur: number; plieRepondants: number | null; parPlie: number | null } | null;
/** What the rows read of the consolidated Tableau 5 (the report's, or the screen's parse of it). */
interface T5 {
  sag: { salaries: Champ5; etp: Champ5; masseSalariale: Champ5; coutTotal: Champ5 };
  ingenierie: { heures: Champ5; budget: Champ5 };
  operateurs: { avecFinancement: Champ5; montantRealise: Champ5; sansIncidenceFinanciere: Champ5; nonConventionnes: Champ5 };
  entreprisesPartenaires: Champ5;
  reunions: { organisees: Champ5; institutionnellesSuivies: Champ5 };
}
export const LIGNES_TABLEAU_5: readonly { libelle: string; euros?: true; lire: (t: T5) => Champ5 }[] = [
  { libelle: 'Nombre de salariés dans la structure d’animation et de gestion du PLIE (SAG)', lire: (t) => t.sag.salaries },
  { libelle: 'soit en ETP', lire: (t) => t.sag.etp },
  { libelle: 'Masse salariale de la SAG', euros: true, lire: (t) => t.sag.masseSalariale },
  { libelle: 'Coût total de la SAG (masse salariale + frais de fonctionnement)', euros: true, lire: (t) => t.sag.coutTotal },
  { libelle: 'Ingénierie de projets par la SAG : heures', lire: (t) => t.ingenierie.heures },
  { libelle: 'Ingénierie de projets par la SAG : budget', euros: true, lire: (t) => t.ingenierie.budget },
  { libelle: 'Opérateurs partenaires (autres qu’entreprises) conventionnés avec financement', lire: (t) => t.operateurs.avecFinancement },
  { libelle: 'montant réalisé', euros: true, lire: (t) => t.operateurs.montantRealise },
  { libelle: 'Opérateurs partenaires conventionnés sans incidence financière', lire: (t) => t.operateurs.sansIncidenceFinanciere },
  { libelle: 'Partenaires (autres qu’entreprises) non conventionnés', lire: (t) => t.operateurs.nonConventionnes },
  { libelle: 'Entreprises « partenaires réguliers »', lire: (t) => t.entreprisesPartenaires },
  { libelle: 'Réunions collectives organisées par le PLIE dans l’année', lire: (t) => t.reunions.organisees },
  { libelle: 'Réunions collectives « institutionnelles » auxquelles le PLIE a participé', lire: (t) => t.reunions.institutionnellesSuivies },
];

/**
 * The tables Guichet cannot fill for the current year, and why: shown as « non renseigné dans Guichet pour l’année en
 * cours », never as zeros. (Tableau 2bis is computed from the participants' entry and exit dates.)
 */
export const NON_RENSEIGNES_DIRECT: readonly { tableau: CodeTableau; raison: string }[] = [
  { tableau: 'T2', raison: 'Guichet n’enregistre pas les étapes des parcours (type d’action ou d’étape, étape principale au 31/12, financement par le PLIE).' },
  { tableau: 'T2ter', raison: 'Guichet n’enregistre pas les étapes des participants en ACI ou en SIAE.' },
  { tableau: 'T3ter', raison: 'Guichet n’enregistre pas les financements du PLIE aux ACI et SIAE par fonction (aide au démarrage, encadrement technique, accompagnement, formation).' },
  { tableau: 'T4', raison: 'Les sorties saisies dans Guichet donnent la situation (CDI, CDD…) mais ni le secteur d’activité, ni le type ni la taille de l’employeur, ni le dispositif du contrat ; la seule répartition par type de contrat n’est pas encore calculée.' },
  { tableau: 'T5', raison: 'Guichet n’enregistre ni l’équipe de la structure d’animation et de gestion, ni l’ingénierie, ni les partenaires et entreprises, ni les réunions ; les opérations programmées de l’année sont listées avec les chiffres en direct.' },
];
export const NON_RENSEIGNE = 'Non renseigné dans Guichet pour l’année en cours';
