/**
 * Participant imports as jobs: the CSV goes straight to S3 (presigned POST), a job item follows its rows (progress,
 * counts, the first errors), and the full error report is written to S3 at the end.
 */
import * as z from 'zod';

/** What a job accepts: 50 Mo (about 190 000 rows of the questionnaire), read in one piece by its function. */
export const OCTETS_MAX_TACHE_IMPORT = 50 * 1024 * 1024;

const Ulid = (quoi: string) => z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, `Identifiant ${quoi} invalide.`);

export const DemandeEnvoiImport = z.strictObject({
  nomFichier: z.string().trim().min(1).max(255),
  taille: z.number().int().min(1, 'Le fichier est vide.').max(OCTETS_MAX_TACHE_IMPORT, 'Fichier trop volumineux : 50 Mo au plus.'),
});
export type DemandeEnvoiImport = z.infer<typeof DemandeEnvoiImport>;

export const EnvoiImport = z.object({
  importId: z.string(),
  /** The key to name when starting the job. */
  cle: z.string(),
  upload: z.object({ url: z.string(), fields: z.record(z.string(), z.string()), expireLe: z.string() }),
});

export const DemandeTacheImport = z.strictObject({
  cle: z.string().min(1).max(300),
  nomFichier: z.string().trim().min(1).max(255),
});
export type DemandeTacheImport = z.infer<typeof DemandeTacheImport>;

export const ParamsImport = z.strictObject({ id: z.string().min(1).max(64), importId: Ulid('d’import') });

export const StatutImport = z.enum(['en_attente', 'en_cours', 'terminee', 'echouee']);

export const ErreurLigne = z.object({ ligne: z.number().int(), message: z.string() });

/** The counts a job records after each batch. */
export const ProgressionImport = z.object({
  lignesTraitees: z.number().int(),
  crees: z.number().int(),
  modifies: z.number().int(),
  inchanges: z.number().int(),
  erreurs: z.number().int(),
});
export type ProgressionImport = z.infer<typeof ProgressionImport>;

/** The stored job. */
export const TacheImport = ProgressionImport.extend({
  id: z.string(),
  dossierId: z.string(),
  /** Who asked: the participant data journal names them. */
  demandePar: z.object({ userId: z.string(), nom: z.string() }),
  nomFichier: z.string(),
  /** The uploaded object. */
  cle: z.string(),
  statut: StatutImport,
  /** Known once the file is read. */
  lignesTotal: z.number().int().nullable(),
  encodage: z.enum(['UTF-8', 'Windows-1252']).nullable(),
  separateur: z.enum([';', ',']).nullable(),
  /** The first errors, to show on screen (the whole list is the report). */
  apercuErreurs: z.array(ErreurLigne),
  cleRapport: z.string().nullable(),
  motif: z.string().nullable(),
  creeLe: z.string(),
  termineLe: z.string().nullable(),
});
export type TacheImport = z.infer<typeof TacheImport>;

/** What the caller reads: the job without its storage keys, and a short-lived link of the error report when done. */
export const SuiviImport = TacheImport.omit({ cle: true, cleRapport: true, demandePar: true }).extend({ urlRapport: z.string().nullable() });
export type SuiviImport = z.infer<typeof SuiviImport>;
