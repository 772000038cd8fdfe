/** Bodies of the PLIE exit-rule routes (shared/http/contrats/regles-sorties.ts). */
import * as z from 'zod';
import type { Critere, RegleSortie, VersionRegles } from '../domain/sortie/regles-plie';
import { DateIso } from './common';
import { champsSortie, SITUATIONS_SORTIE, STRUCTURES_SIAE } from './participant';

/** A sample case: a sortie as a porteur would key it, with the birth date the age rules read (Dijon). */
export const CasApercu = z.strictObject({ ...champsSortie, dateNaissance: DateIso.nullable().default(null) })
  .refine((s) => !s.debut || !s.fin || s.fin >= s.debut, { message: 'La fin du contrat précède son début.', path: ['fin'] });

/** The numeric fields of a criterion an OI may change (shared/domain/sortie/versions.ts names them per criterion). */
export const CHAMPS_SEUIL = ['mois', 'semaines', 'heures', 'fenetreMois', 'min', 'finOuApresMois', 'niveau', 'minMois', 'maxMois', 'ans'] as const;

/** One threshold changed: the rule's code, the criterion's index in the rule, its field, the new value. */
export const SeuilModifie = z.strictObject({
  regle: z.string().trim().min(1, 'Code de règle attendu.').max(100),
  critere: z.number().int().min(0).max(50),
  champ: z.enum(CHAMPS_SEUIL, { message: `Seuil attendu : ${CHAMPS_SEUIL.join(', ')}.` }),
  valeur: z.number().min(0, 'Seuil positif attendu.').max(10_000, 'Seuil improbable (10 000 au plus).'),
});
export type SeuilModifie = z.infer<typeof SeuilModifie>;

const mois = (libelle: string) => z.number().int(`Nombre entier de mois attendu (${libelle}).`).min(0).max(600, `${libelle} : 600 mois au plus.`);
const motif = z.string().trim().min(1, 'Motif attendu : ce que la commission doit trancher.').max(1000);
const bornes = z.strictObject({ mois: mois('durée'), inclus: z.boolean() });

/** A criterion of an exit rule, as shared/domain/sortie/regles-plie.ts `Critere` defines it (qualification.ts reads it). */
export const CritereSortie: z.ZodType<Critere> = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('duree_contrat'), mois: mois('durée du contrat'), strict: z.boolean() }),
  z.strictObject({ type: z.literal('anciennete'), mois: mois('ancienneté'), memeEmployeur: z.boolean() }),
  z.strictObject({ type: z.literal('temps_plein_ou_choisi') }),
  z.strictObject({
    type: z.literal('heures_hebdo'), min: z.number().min(0).max(48, '48 heures hebdomadaires au plus.'), saufAccord: z.boolean(),
    zoneAmbigue: z.strictObject({ jusqua: z.number().min(0).max(48), motif }).optional(),
  }),
  z.strictObject({
    type: z.literal('cumul'), fenetreMois: mois('période de calcul').nullable(),
    seuils: z.strictObject({
      mois: mois('cumul').optional(), semaines: z.number().int().min(0).max(2600).optional(), heures: z.number().min(0).max(100_000).optional(),
      egaliteAmbigue: motif.optional(),
    }).refine((x) => x.mois !== undefined || x.semaines !== undefined || x.heures !== undefined, { message: 'Un seuil de cumul au moins (mois, semaines ou heures).' }),
    meme: z.enum(['agence', 'entreprise_utilisatrice']).nullable(), sansInterruption: z.boolean(),
  }),
  z.strictObject({ type: z.literal('creation'), mois: mois('depuis l’immatriculation'), registres: z.array(z.string().trim().min(1).max(50)).max(10).nullable() }),
  z.strictObject({ type: z.literal('formation'), enLienAvecLeProjet: z.boolean(), finOuApresMois: mois('formation longue').nullable(), niveau: z.number().int().min(1).max(8).optional(), validee: z.boolean() }),
  z.strictObject({ type: z.literal('duree_situation'), min: bornes.optional(), max: bornes.optional() })
    .refine((x) => x.min || x.max, { message: 'Une borne de durée au moins (minimum ou maximum).' }),
  z.strictObject({ type: z.literal('sans_reprise') }),
  z.strictObject({ type: z.literal('age_min'), ans: z.number().int().min(16).max(99) }),
  z.strictObject({ type: z.literal('justificatif') }),
  z.strictObject({ type: z.literal('commission'), motif }),
  z.strictObject({ type: z.literal('ambigu'), motif }),
], { message: 'Type de critère inconnu.' }) as z.ZodType<Critere>;

/** The categories a rule may yield (the others are outcomes of the qualification, never of a rule). */
export const CATEGORIES_REGLE = ['emploi_durable', 'emploi_dynamique', 'emploi', 'formation', 'creation', 'autre', 'negative', 'suspension'] as const;

/** The code of a rule: capitals, digits and hyphens (« BORDEAUX-CDI »). */
export const CodeRegle = z.string().trim().regex(/^[A-Z0-9][A-Z0-9-]{1,79}$/, 'Code de règle : majuscules, chiffres et tirets (2 à 80 caractères).');

const champsRegle = {
  code: CodeRegle,
  libelle: z.string().trim().min(1, 'Libellé de la règle obligatoire.').max(500),
  groupe: z.string().trim().min(1, 'Groupe obligatoire (l’intitulé du tableau, « SORTIES POSITIVES »…).').max(200),
  categorie: z.enum(CATEGORIES_REGLE, { message: `Catégorie attendue : ${CATEGORIES_REGLE.join(', ')}.` }),
  situations: z.array(z.enum(SITUATIONS_SORTIE, { message: `Situation de sortie attendue : ${SITUATIONS_SORTIE.join(', ')}.` }))
    .min(1, 'Au moins une situation de sortie.').max(SITUATIONS_SORTIE.length)
    .refine((l) => new Set(l).size === l.length, { message: 'Situation en double.' }),
  structuresSiae: z.array(z.enum(STRUCTURES_SIAE)).min(1).max(STRUCTURES_SIAE.length).optional(),
  criteres: z.array(CritereSortie).max(10, '10 critères au plus par règle.'),
  lecture: z.string().trim().max(1000).optional(),
};

/** A rule an OI adds in a new version: its source is the version's COPIL decision. */
export const RegleSaisie = z.strictObject(champsRegle);
export type RegleSaisie = z.infer<typeof RegleSaisie>;

/** A stored version (what the repository reads back; seeded versions are code). */
export const VersionReglesStockee: z.ZodType<VersionRegles> = z.object({
  plie: z.string(), version: z.string(), valideDu: DateIso,
  decisionCopil: z.object({ reference: z.string(), date: DateIso.nullable() }).nullable(),
  source: z.string(), lecture: z.string().optional(),
  regles: z.array(z.object({ ...champsRegle, code: z.string(), source: z.string() }) satisfies z.ZodType<RegleSortie>),
  base: z.string().optional(),
  saisie: z.object({ le: z.string(), par: z.string() }).optional(),
});

const champsVersion = {
  /** First day the version judges sorties: strictly after every existing version's. */
  valideDu: DateIso,
  /** The version copied (default: the one in force on `valideDu`). */
  base: z.string().trim().min(1).max(100).optional(),
  seuils: z.array(SeuilModifie).max(200, '200 seuils au plus.').default([]),
  /** Codes of the base's rules this version drops. */
  retirees: z.array(CodeRegle).max(200, '200 règles au plus.').default([]),
  /** Rules this version adds (a PLIE without any version starts from these). */
  ajoutees: z.array(RegleSaisie).max(100, '100 règles ajoutées au plus.').default([]),
};

/** A new version of the PLIE's exit rules, with the reference of the COPIL decision that set it. */
export const DemandeVersionRegles = z.strictObject({
  ...champsVersion,
  decisionCopil: z.string().trim().min(1, 'Référence de la décision du COPIL obligatoire.').max(500),
  dateDecisionCopil: DateIso.nullable().default(null),
});
export type DemandeVersionRegles = z.infer<typeof DemandeVersionRegles>;

/** A version to preview before it is saved: the COPIL reference may still be missing. */
export const BrouillonVersionRegles = z.strictObject({
  ...champsVersion,
  decisionCopil: z.string().trim().max(500).optional(),
  dateDecisionCopil: DateIso.nullable().default(null),
});

export const DemandeApercu = z.strictObject({
  sorties: z.array(CasApercu).min(1, 'Au moins une sortie à qualifier.').max(50, '50 sorties au plus par aperçu.'),
  /** Judge every case with the version in force on this day (a version to come, or a past one); absent: each case by its own date. */
  date: DateIso.optional(),
  /** A version not saved yet, added to the PLIE's versions for this preview only. */
  brouillon: BrouillonVersionRegles.optional(),
});
export type DemandeApercu = z.infer<typeof DemandeApercu>;
