/** Labels of the participant screens (situations at exit, notice modes, the access journal's actions). */
import { COLONNES_IDENTITE_CSV } from './modele-csv';
import { CODES_QUESTIONS, type SituationSortie, type VersionQuestionnaire } from '#shared/schemas/participant';

export const SITUATIONS: Record<SituationSortie, string> = {
  cdi: 'CDI',
  cdd: 'CDD',
  interim: 'Intérim',
  contrats_successifs: 'Contrats successifs (heures cumulées)',
  alternance: 'Contrat en alternance',
  contrat_aide: 'Contrat aidé',
  emploi_siae: 'Emploi en structure d’insertion (IAE)',
  creation_entreprise: 'Création ou reprise d’entreprise',
  formation_qualifiante: 'Formation qualifiante',
  formation_non_qualifiante: 'Formation non qualifiante',
  demenagement: 'Déménagement',
  deces: 'Décès',
  incarceration: 'Incarcération',
  maternite: 'Congé maternité',
  sante_problemes_familiaux: 'Santé, problèmes familiaux',
  abandon: 'Abandon',
  non_respect_contrat_engagement: 'Non-respect du contrat d’engagement',
  cas_particulier: 'Cas particulier',
  autre: 'Autre',
};

export const MODES_NOTICE = {
  papier: 'Remise en main propre (papier)',
  courriel: 'Envoi par courriel',
  en_ligne: 'Consultation en ligne',
  oral_avec_remise: 'Présentation orale avec remise du document',
} as const;

export const ACTIONS_ACCES: Record<string, string> = {
  liste: 'Consultation de la liste',
  lecture: 'Lecture d’une fiche',
  export: 'Export CSV',
  import: 'Import CSV',
  creation: 'Inscription d’un participant',
  modification: 'Rectification d’une fiche',
  sortie: 'Enregistrement d’une sortie',
  decision_commission: 'Décision de la commission',
  indicateurs: 'Calcul des indicateurs réalisés',
  controle_bilan: 'Contrôle des données au dépôt d’un bilan',
};

/** Categories the commission may decide (regles-plie.ts), in the order of the select. */
export const CATEGORIES_DECISION = {
  emploi_durable: 'Sortie positive — emploi durable',
  emploi_dynamique: 'Sortie positive « dynamique »',
  emploi: 'Sortie positive — emploi',
  formation: 'Sortie positive — formation',
  creation: 'Sortie positive — création d’entreprise',
  autre: 'Sortie autre (administrative)',
  negative: 'Sortie négative',
  suspension: 'Suspension de parcours',
  non_retenue: 'Ne remplit pas les critères de la règle',
} as const;

export const SEXES = { femme: 'Femme', homme: 'Homme' } as const;

export const TRANCHES_AGE: Record<string, string> = { moins_25: 'Moins de 25 ans', '25_54': '25 à 54 ans', '55_plus': '55 ans et plus' };
export const SITUATIONS_ENTREE: Record<string, string> = { emploi: 'En emploi', chomeur: 'Demandeur d’emploi', inactif: 'Inactif', inconnue: 'Non renseignée' };

/** The columns of the import file (shared/domain/participant/csv.ts `colonnes`), for the empty template. */
export const colonnesModele = (v: VersionQuestionnaire): string[] => [...COLONNES_IDENTITE_CSV, ...CODES_QUESTIONS[v]];

/** « participants.csv » as the browser saves it: UTF-8 with a BOM (Excel reads it as such), `;`-separated. */
export const modeleCsv = (v: VersionQuestionnaire): string => `\uFEFF${colonnesModele(v).join(';')}\r\n`;

/**
 * Until when the records are kept, by questionnaire (shared/domain/participant/participant.ts `CONSERVATION`, by the
 * programme that asks the questionnaire): named in the information notice.
 */
export const CONSERVATION_JUSQUAU: Record<VersionQuestionnaire, string> = {
  'FSE-2018-11-26': '2033-12-31',
  'FSEPLUS-2021-1057': '2035-12-31',
};

/**
 * The dossier statuts from which participants are entered: recevabilité on, never after a refusal
 * (shared/domain/participant/participant.ts `STATUTS_AVEC_PARTICIPANTS`).
 */
export const STATUTS_PARTICIPANTS: ReadonlySet<string> = new Set(['recevable', 'instruit', 'inscrit_comite', 'selectionne', 'ajourne', 'programme']);
