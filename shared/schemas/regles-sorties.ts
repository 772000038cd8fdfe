/** Bodies of the PLIE exit-rule routes (shared/http/contrats/regles-sorties.ts). */
import * as z from 'zod';
import { DateIso } from './common';
import { champsSortie } from './participant';

/** A sample case: a sortie as a porteur would key it, with the birth date the age rules read (Dijon). */
export const CasApercu = z.strictObject({ ...champsSortie, dateNaissance: DateIso.nullable().default(null) })
  .refine((s) => !s.debut || !s.fin || s.fin >= s.debut, { message: 'La fin du contrat précède son début.', path: ['fin'] });

export const DemandeApercu = z.strictObject({
  sorties: z.array(CasApercu).min(1, 'Au moins une sortie à qualifier.').max(50, '50 sorties au plus par aperçu.'),
  /** Judge every case with the version in force on this day (a version to come, or a past one); absent: each case by its own date. */
  date: DateIso.optional(),
});
export type DemandeApercu = z.infer<typeof DemandeApercu>;
