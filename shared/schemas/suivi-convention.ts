import * as z from 'zod';

/**
 * What a dossier keeps of its convention (./convention.ts holds the versions, the requests and the answers): apart so
 * that the dossier's schema, which every dossier route parses with, does not build the convention's schemas too.
 */

export const EcheanceBilan = z.object({
  numero: z.number().int().min(1),
  nature: z.enum(['intermediaire', 'final']),
  /** The bilan covers the operation from its start to this day. */
  periodeFin: z.string(),
  /** Last day to deposit it. */
  echeance: z.string(),
});
export type EcheanceBilan = z.infer<typeof EcheanceBilan>;

/** What the dossier records of its convention (its lists show it without reading the versions). */
export const SuiviConvention = z.object({
  /** The state of the version being prepared or signed, else `en_vigueur`. */
  etat: z.enum(['en_preparation', 'a_signer_porteur', 'a_contresigner', 'en_vigueur']),
  numeroEnVigueur: z.number().int().nullable(),
  numeroEnCours: z.number().int().nullable(),
  renouvellements: z.number().int(),
  /** Period and FSE of the version in force (null before the first signature). */
  periode: z.object({ debut: z.string(), fin: z.string() }).nullable(),
  fseConventionneCentimes: z.number().int().nullable(),
  /**
   * The bilans' calendar of the version in force (empty before the first signature): the OI's tableau de bord and the
   * daily reminders read the due dates here, without reading the versions. Absent on dossiers written before it was kept.
   */
  echeances: z.array(EcheanceBilan.pick({ numero: true, nature: true, echeance: true })).optional(),
});
export type SuiviConvention = z.infer<typeof SuiviConvention>;
