import * as z from 'zod';
import { DateIso, TexteCourt } from './common';

/**
 * A participant of one operation (issue 14; notes « apres-selection » 5.2). One record per person and per operation:
 * the same person in two operations has two records (seed 002 l.8016–8018). The identity block is the recto of the
 * DGEFP questionnaire (seed 002 l.8085–8101); the answers are kept with the version of the questionnaire they answer.
 */

/** The questionnaire versions: the DGEFP form of 26/11/2018 (seed 002 l.8035) and the FSE+ common indicators. */
export const VERSIONS_QUESTIONNAIRE = ['FSE-2018-11-26', 'FSEPLUS-2021-1057'] as const;
export type VersionQuestionnaire = (typeof VERSIONS_QUESTIONNAIRE)[number];

/** Question codes per version; labels, options and conditions are in shared/domain/participant/questionnaires.ts. */
export const CODES_QUESTIONS = {
  'FSE-2018-11-26': ['Q1a', 'Q1b', 'Q1c', 'Q1d', 'Q1e', 'Q1f', 'Q1g', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6', 'Q7a', 'Q7b', 'Q7c'],
  'FSEPLUS-2021-1057': ['Q1a', 'Q1b', 'Q1c', 'Q1d', 'Q1e', 'Q1f', 'Q1g', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6', 'Q7'],
} as const satisfies Record<VersionQuestionnaire, readonly string[]>;

/** An answer: « oui », « non », « nsp » (ne souhaite pas répondre / ne sait pas), an option code (« 2a »…), or months. */
export const ValeurReponse = z.union([
  z.string().trim().min(1, 'Réponse vide.').max(10),
  z.number().int('Nombre de mois entier attendu.').min(0, 'Un nombre de mois ne peut pas être négatif.').max(600, 'Nombre de mois improbable (600 au plus).'),
]);
export type ValeurReponse = z.infer<typeof ValeurReponse>;

const reponsesDe = <V extends VersionQuestionnaire>(v: V) =>
  z.partialRecord(z.enum(CODES_QUESTIONS[v], { message: `Question inconnue du questionnaire ${v}.` }), ValeurReponse.nullable());

/** The answers, keyed by the code of the version they answer; completeness and coherence: `verifierReponses`. */
export const Questionnaire = z.discriminatedUnion('questionnaire', [
  z.strictObject({ questionnaire: z.literal('FSE-2018-11-26'), reponses: reponsesDe('FSE-2018-11-26') }),
  z.strictObject({ questionnaire: z.literal('FSEPLUS-2021-1057'), reponses: reponsesDe('FSEPLUS-2021-1057') }),
], { message: `Version du questionnaire attendue : ${VERSIONS_QUESTIONNAIRE.join(', ')}.` });
export type Questionnaire = z.infer<typeof Questionnaire>;
export type Reponses = Partial<Record<string, ValeurReponse | null>>;

const CodePostal = z.string().trim().regex(/^\d{5}$/, 'Code postal à 5 chiffres attendu (99999 pour une naissance à l’étranger).');
const Telephone = z.string().trim().regex(/^\+?[0-9 .()-]{6,20}$/, 'Numéro de téléphone invalide.');

export const Identite = z.strictObject({
  nom: TexteCourt,
  prenom: TexteCourt,
  dateNaissance: DateIso,
  sexe: z.enum(['femme', 'homme'], { message: 'Sexe attendu : femme ou homme (questionnaire, seed 002 l.8088).' }),
  /** Commune of birth with its code postal, 99999 when born abroad (seed 002 l.8089). */
  naissance: z.strictObject({ commune: TexteCourt, codePostal: CodePostal }),
  adresse: z.strictObject({ ligne: TexteCourt, codePostal: z.string().trim().regex(/^\d{5}$/, 'Code postal à 5 chiffres attendu.'), commune: TexteCourt }),
  telephoneMobile: Telephone.nullable().default(null),
  telephoneDomicile: Telephone.nullable().default(null),
  courriel: z.email({ message: 'Adresse électronique invalide.' }).max(254).nullable().default(null),
});
export type Identite = z.infer<typeof Identite>;

/** PLIE-level entry: prescripteur, entry commission decision, contrat d’engagement (seed 002 l.3337–3339; 004 l.123–125). */
export const EntreePlie = z.strictObject({
  prescripteur: TexteCourt.nullable().default(null),
  decisionCommission: z.strictObject({
    decision: z.enum(['validee', 'refusee'], { message: 'Décision attendue : validee ou refusee.' }),
    date: DateIso,
  }).nullable().default(null),
  contratEngagementSigneLe: DateIso.nullable().default(null),
});
export type EntreePlie = z.infer<typeof EntreePlie>;

/**
 * The information notice: the legal basis is a legal obligation with a notice, not consent (seed 002 l.8058–8059);
 * its delivery is recorded.
 */
export const NoticeInformation = z.strictObject({
  remiseLe: DateIso,
  mode: z.enum(['papier', 'courriel', 'en_ligne', 'oral_avec_remise'], { message: 'Mode de remise attendu : papier, courriel, en_ligne ou oral_avec_remise.' }),
});
export type NoticeInformation = z.infer<typeof NoticeInformation>;

// ---------------------------------------------------------------- sortie

/**
 * The situations at exit, named as the PLIE tables name them (seed 002 l.418–501, 1560–1636, 3198–3230; 003 l.147–165;
 * 004 l.91, 145). An IAE contract is `emploi_siae` with its structure; « contrats successifs » is the cumulated case.
 */
export const SITUATIONS_SORTIE = [
  'cdi', 'cdd', 'interim', 'contrats_successifs', 'alternance', 'contrat_aide', 'emploi_siae',
  'creation_entreprise', 'formation_qualifiante', 'formation_non_qualifiante',
  'demenagement', 'deces', 'incarceration', 'maternite', 'sante_problemes_familiaux',
  'abandon', 'non_respect_contrat_engagement', 'cas_particulier', 'autre',
] as const;
export type SituationSortie = (typeof SITUATIONS_SORTIE)[number];

export const STRUCTURES_SIAE = ['EI', 'ETTI', 'ACI', 'AI'] as const;
export type StructureSiae = (typeof STRUCTURES_SIAE)[number];

/**
 * One contract of a cumulated count (successive contracts, intérim missions): dates, hours worked; `employeur` is the
 * employer, or the user company of an intérim or ETTI mission, `agence` the temporary-work agency.
 */
export const ContratCumule = z.strictObject({
  debut: DateIso,
  fin: DateIso,
  heures: z.number().min(0, 'Un nombre d’heures ne peut pas être négatif.').max(10_000),
  employeur: TexteCourt.nullable().default(null),
  agence: TexteCourt.nullable().default(null),
  nature: z.enum(['cdi', 'cdd', 'interim', 'cesu', 'contrat_aide', 'emploi_siae'], { message: 'Nature du contrat inconnue.' }).default('cdd'),
}).refine((c) => c.fin >= c.debut, { message: 'La fin du contrat précède son début.', path: ['fin'] });
export type ContratCumule = z.infer<typeof ContratCumule>;

export const champsSortie = {
  /** The day the participant leaves the operation (the date the rule set in force is read on). */
  date: DateIso,
  situation: z.enum(SITUATIONS_SORTIE, { message: `Situation de sortie attendue : ${SITUATIONS_SORTIE.join(', ')}.` }),
  /** Contract: start, planned end, duration in months, weekly hours, full time or chosen part time. */
  debut: DateIso.nullable().default(null),
  fin: DateIso.nullable().default(null),
  dureeMois: z.number().min(0).max(600).nullable().default(null),
  heuresHebdo: z.number().min(0).max(60, 'Durée hebdomadaire improbable (60 h au plus).').nullable().default(null),
  tempsPlein: z.boolean().nullable().default(null),
  /** The participant chose the reduced time (« réduit si volontariat », « sur accord du participant »). */
  tempsPartielChoisi: z.boolean().nullable().default(null),
  employeur: TexteCourt.nullable().default(null),
  agence: TexteCourt.nullable().default(null),
  /** Same employer (or user company, for an ETTI) since the start of the validation period. */
  memeEmployeur: z.boolean().nullable().default(null),
  structureSiae: z.enum(STRUCTURES_SIAE, { message: `Structure d’insertion attendue : ${STRUCTURES_SIAE.join(', ')}.` }).nullable().default(null),
  /** The contracts cumulated (hours of successive contracts, intérim missions): Bordeaux counts 1 200 h (seed 002 l.1576–1579). */
  contrats: z.array(ContratCumule).max(200).default([]),
  formation: z.strictObject({
    intitule: TexteCourt,
    qualification: TexteCourt.nullable().default(null),
    /** Level of the certification (nomenclature of 2019: 3 = CAP/BEP … 8 = doctorat). */
    niveau: z.number().int().min(1).max(8).nullable().default(null),
    qualifiante: z.boolean(),
    enLienAvecLeProjet: z.boolean().nullable().default(null),
    validee: z.boolean().nullable().default(null),
  }).nullable().default(null),
  creation: z.strictObject({
    immatriculeeLe: DateIso,
    registre: z.enum(['RCS', 'RM', 'URSSAF', 'autre'], { message: 'Registre attendu : RCS, RM, URSSAF ou autre.' }),
    reprise: z.boolean().default(false),
  }).nullable().default(null),
  /** Maternité: the participant does not wish to return to work after the leave (seed 002 l.489–491). */
  sansRepriseApresConge: z.boolean().nullable().default(null),
  /** Free text: what the porteur adds (cas particulier, reorientation). */
  precision: z.string().trim().max(2_000).nullable().default(null),
  /** Id of the proof (contract, payslip, attestation, extrait K-bis) in the pièces of the dossier. */
  pieceId: z.string().trim().min(1).max(100).nullable().default(null),
};

export const Sortie = z.strictObject({
  ...champsSortie,
  /** The day the exit was keyed; `horsDelai` when more than four weeks after `date` (seed 002 l.7938–7940, 8007–8008). */
  saisieLe: DateIso,
  horsDelai: z.boolean(),
});
export type Sortie = z.infer<typeof Sortie>;

/** The body of an exit: the keying date and the delay flag are set by the server. */
export const DemandeSortie = z.strictObject(champsSortie)
  .refine((s) => !s.debut || !s.fin || s.fin >= s.debut, { message: 'La fin du contrat précède son début.', path: ['fin'] });
export type DemandeSortie = z.infer<typeof DemandeSortie>;

// ---------------------------------------------------------------- participant

const champsParticipant = {
  identite: Identite,
  /** Filled by the porteur; may be earlier than the keying, never later (seed 002 l.8013–8014). */
  dateEntree: DateIso,
  questionnaire: Questionnaire,
  plie: EntreePlie.nullable().default(null),
  notice: NoticeInformation,
};

export const DemandeParticipant = z.strictObject(champsParticipant);
export type DemandeParticipant = z.infer<typeof DemandeParticipant>;

export const Participant = z.strictObject({
  ...champsParticipant,
  id: z.string().min(1).max(100),
  dossierId: z.string().min(1).max(100),
  organisationId: z.string().min(1).max(100),
  saisiLe: DateIso,
  sortie: Sortie.nullable().default(null),
  version: z.number().int().min(1),
});
export type Participant = z.infer<typeof Participant>;
