/** The OI's daily work: tableau de bord, search across its dossiers, instructeur and « suivre ». */
import * as z from 'zod';
import { ResumeDossier, StatutDossier } from './dossier';

/** The work queues the tableau de bord counts, each a filtered list. */
export const FILES = ['a_examiner', 'complements', 'complements_en_retard', 'a_instruire', 'a_inscrire', 'en_comite', 'a_programmer', 'programmes'] as const;
export const File = z.enum(FILES);
export type File = z.infer<typeof File>;

export const FiltresRecherche = z.strictObject({
  /** Words searched (accents and case ignored) in référence, organisation, SIRET and intitulé. */
  q: z.string().max(200).optional(),
  file: File.optional(),
  statut: StatutDossier.optional(),
  aapId: z.string().max(64).optional(),
  /** `mes_dossiers`: the caller is their instructeur; `suivis`: the caller follows them. */
  vue: z.enum(['mes_dossiers', 'suivis']).optional(),
  /** The cursor the previous page returned (a key of the index, or a position in a search by words). */
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type FiltresRecherche = z.infer<typeof FiltresRecherche>;

export const LigneDossierOi = ResumeDossier.extend({
  instructeur: z.object({ userId: z.string(), nom: z.string() }).nullable(),
  suivi: z.boolean(),
  dateLimiteComplements: z.string().nullable(),
});
export type LigneDossierOi = z.infer<typeof LigneDossierOi>;

/** `total` is null when no counter gives it (a statut on one AAP): counting would read the whole partition. */
export const ResultatRecherche = z.object({ items: z.array(LigneDossierOi), total: z.number().int().nullable(), cursor: z.string().nullable() });

export const Echeance = z.object({
  type: z.enum(['cloture_aap', 'complements']),
  /** Instant (closing of an AAP) or local date (compléments due). */
  le: z.string(),
  enRetard: z.boolean(),
  libelle: z.string(),
  aapId: z.string(),
  dossierId: z.string().nullable(),
  reference: z.string(),
});

/** A programmed dossier whose convention awaits someone: the gestionnaire (to prepare, to send), the porteur, the OI. */
export const LigneConvention = z.object({
  dossierId: z.string(),
  reference: z.string(),
  organisationNom: z.string(),
  intitule: z.string(),
  etat: z.enum(['a_preparer', 'en_preparation', 'a_signer_porteur', 'a_contresigner']),
  /** The version concerned (2 and more: an avenant); null before any. */
  numero: z.number().int().nullable(),
  modifieLe: z.string(),
});
export type LigneConvention = z.infer<typeof LigneConvention>;

/** What waits on a bilan or a payment of a conventioned dossier (`a_deposer`: the porteur's, by its due date). */
export const ETAPES_BILAN = ['a_deposer', 'a_controler', 'en_csf', 'contradictoire', 'reponse_recue', 'paiement_a_valider', 'paiement_a_mettre_en_paiement', 'paiement_a_constater'] as const;
export const LigneBilan = z.object({
  dossierId: z.string(),
  reference: z.string(),
  organisationNom: z.string(),
  intitule: z.string(),
  etape: z.enum(ETAPES_BILAN),
  /** The bilan concerned; null for a payment step. */
  numero: z.number().int().nullable(),
  nature: z.enum(['intermediaire', 'final']).nullable(),
  /** Number of payments at this step (payment steps only). */
  nombre: z.number().int().nullable(),
  /** Last day to deposit the bilan, from the calendar of the convention in force (`a_deposer` only). */
  deposerAvant: z.string().nullable(),
  /** Last day to pay the bilan (receipt + 80 or 90 days); for a payment step, that of the dossier's last deposited bilan. */
  payerAvant: z.string().nullable(),
  /** The line's deadline (`deposerAvant` or `payerAvant`) is past. */
  enRetard: z.boolean(),
});
export type LigneBilan = z.infer<typeof LigneBilan>;

export const TableauDeBord = z.object({
  oi: z.string(),
  compteurs: z.record(File, z.number().int()),
  total: z.number().int(),
  mesDossiers: z.array(LigneDossierOi),
  suivis: z.array(LigneDossierOi),
  echeances: z.array(Echeance),
  /** Conventions to prepare, to send or awaiting a signature, oldest change first. */
  conventions: z.array(LigneConvention),
  /** Bilans to deposit, to control and payments to move on, overdue first, then by deadline. */
  bilans: z.array(LigneBilan),
});
export type TableauDeBord = z.infer<typeof TableauDeBord>;

export const DemandeInstructeur = z.strictObject({
  /** `moi`: the caller takes the dossier; null: nobody instructs it any more. */
  instructeur: z.literal('moi').nullable(),
});
export const DemandeSuivi = z.strictObject({ suivre: z.boolean() });

export const Affectation = z.object({
  dossierId: z.string(),
  instructeur: z.object({ userId: z.string(), nom: z.string(), le: z.string() }).nullable(),
  suiveurs: z.array(z.object({ userId: z.string(), nom: z.string(), le: z.string() })),
  /** Whether the caller follows the dossier. */
  suivi: z.boolean(),
});
export type Affectation = z.infer<typeof Affectation>;
