/** Export jobs: a list's rows written to a file in S3, with progress, then a download link. */
import * as z from 'zod';
import { FiltresDossiersOi } from './dossier';

export const FormatExport = z.enum(['csv', 'xlsx']);

/** What each format's file is served as (no writer here: handlers that only read jobs stay light). */
export const FORMATS_EXPORT = {
  csv: { typeContenu: 'text/csv; charset=utf-8', extension: 'csv' },
  xlsx: { typeContenu: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' },
} as const;

/** The dossiers list's filters (no page), and the file's format. */
export const DemandeExport = FiltresDossiersOi.omit({ cursor: true, limit: true }).extend({ format: FormatExport });
export type DemandeExport = z.infer<typeof DemandeExport>;

export const ParamsExport = z.strictObject({ id: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'Identifiant d’export invalide.') });

export const EtatExport = z.enum(['en_attente', 'en_cours', 'termine', 'echoue']);

/** The stored job. */
export const TacheExport = z.object({
  id: z.string(),
  oi: z.string(),
  demandePar: z.string(),
  aapReference: z.string(),
  demande: DemandeExport,
  etat: EtatExport,
  /** Rows written so far. */
  lignes: z.number().int(),
  creeLe: z.string(),
  termineLe: z.string().nullable(),
  /** The object's key once written, and the download's file name. */
  cle: z.string().nullable(),
  nomFichier: z.string(),
  motif: z.string().nullable(),
});
export type TacheExport = z.infer<typeof TacheExport>;

/** What the caller reads: the job without its storage key, and a short-lived link when it is done. */
export const SuiviExport = TacheExport.omit({ cle: true }).extend({ url: z.string().nullable() });
