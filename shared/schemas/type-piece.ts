import * as z from 'zod';

/**
 * A checklist line's type (what is expected, in which formats, up to which size): apart from ./piece.ts so that the
 * AAP's schema, which declares its pièces with it, does not build the pièces' own schemas too.
 */

export const TYPES_CONTENU = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'XLSX',
} as const;
export type TypeContenu = keyof typeof TYPES_CONTENU;
export const TypeContenu = z.enum(Object.keys(TYPES_CONTENU) as [TypeContenu, ...TypeContenu[]], {
  message: `Type de fichier non accepté (acceptés : ${Object.values(TYPES_CONTENU).join(', ')}).`,
});

export const TAILLE_MAX_ABSOLUE = 50 * 1024 * 1024;

/** One line of a dossier's checklist: what is expected, in which formats, up to which size. */
export const TypePiece = z.strictObject({
  code: z.string().regex(/^[A-Z0-9_]{2,40}$/, 'Code de pièce : majuscules, chiffres et « _ ».'),
  libelle: z.string().trim().min(1).max(2000),
  typesAcceptes: z.array(TypeContenu).min(1).max(5),
  tailleMaxOctets: z.number().int().min(1).max(TAILLE_MAX_ABSOLUE),
  obligatoire: z.boolean(),
  /** Only asked of organisations of this legal status (the contrat d'engagement républicain: associations). */
  pourStatut: z.string().max(60).optional(),
});
export type TypePiece = z.infer<typeof TypePiece>;
