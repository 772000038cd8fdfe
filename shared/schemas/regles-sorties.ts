/** Bodies of the PLIE exit-rule routes (shared/http/contrats/regles-sorties.ts). */
import * as z from 'zod';
import { DateIso } from './common';
import { champsSortie } from './participant';

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

const champsVersion = {
  /** First day the version judges sorties: strictly after every existing version's. */
  valideDu: DateIso,
  /** The version copied (default: the one in force on `valideDu`). */
  base: z.string().trim().min(1).max(100).optional(),
  seuils: z.array(SeuilModifie).max(200, '200 seuils au plus.').default([]),
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
