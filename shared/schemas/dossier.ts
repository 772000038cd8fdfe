import * as z from 'zod';
import { SuiviConvention } from './suivi-convention';
import { CodeFiche, DateIso } from './common';
import { PlanFinancement } from './plan-financement';

/** Dossier lifecycle (DESIGN.md §2); v1 covers brouillon → programme. */
export const STATUTS_DOSSIER = [
  'brouillon',
  'depose',
  'complement_demande',
  'recevable',
  'irrecevable',
  'instruit',
  'inscrit_comite',
  'selectionne',
  'ajourne',
  'rejete',
  'programme',
] as const;
export const StatutDossier = z.enum(STATUTS_DOSSIER);
export type StatutDossier = z.infer<typeof StatutDossier>;

const Texte = z.string().max(20_000);

/** Drafts may be incomplete: completeness is checked at the dépôt, with the list of what is missing. */
export const ContenuDossier = z.strictObject({
  intitule: z.string().trim().max(300),
  description: z.strictObject({
    objectifs: Texte,
    publicVise: Texte,
    modalites: Texte,
    territoire: Texte,
  }),
  calendrier: z
    .strictObject({ debut: DateIso, fin: DateIso })
    .refine((c) => c.fin >= c.debut, { message: 'La fin de l’opération précède son début.', path: ['fin'] })
    .nullable(),
  indicateurs: z
    .array(
      z.strictObject({
        libelle: z.string().trim().min(1).max(2000),
        unite: z.string().max(200).nullable(),
        cibleFiche: z.number().min(0).nullable(),
        valeurPrevue: z.number().min(0, 'Une valeur prévue ne peut pas être négative.').nullable(),
      }),
    )
    .max(100),
  planFinancement: PlanFinancement,
});
export type ContenuDossier = z.infer<typeof ContenuDossier>;

/** A pièce as a dépôt (or a reception of compléments) sealed it. */
export const PieceScellee = z.object({ typePiece: z.string(), libelle: z.string().optional(), nomFichier: z.string(), taille: z.number().int(), sha256: z.string() });
export type PieceScellee = z.infer<typeof PieceScellee>;

export const Depot = z.object({
  /** The first dépôt instant: the legal proof of timeliness, never changed (compléments are received apart). */
  deposeLe: z.string(),
  /** Who deposited, as documents name them (« Prénom Nom »); `deposeParId` is their user id. */
  deposePar: z.string(),
  deposeParId: z.string().optional(),
  fuseau: z.string(),
  /** SHA-256 (hex) of the canonical content at the dépôt. */
  empreinte: z.string(),
  /**
   * The flat rates the AAP applied at the dépôt: a later rectificatif of the rates does not change the totals of a
   * deposited plan (nor its receipt). Absent on dossiers deposited before rates could be lowered: the programme's.
   */
  tauxForfaitaires: z.array(z.object({ option: z.string(), tauxPct: z.number() })).optional(),
  /** The pièces sealed at the dépôt (absent on dossiers deposited before they were kept: the checklist's). */
  pieces: z.array(PieceScellee).optional(),
});

/** One answer to a request for compléments: when, by whom, what was added. Its own receipt; the dépôt is untouched. */
export const ComplementsRecus = z.object({
  recuLe: z.string(),
  recuPar: z.string(),
  recuParId: z.string().optional(),
  fuseau: z.string(),
  /** When the OI asked, and its due date. */
  demandeLe: z.string(),
  dateLimite: z.string(),
  pieces: z.array(PieceScellee),
  /** SHA-256 (hex) of the canonical content and pièces at the reception. */
  empreinte: z.string(),
});
export type ComplementsRecus = z.infer<typeof ComplementsRecus>;

/** The FSE the OI's board granted, by which decision; `motif` explains an amount below the comité's selection. */
const ProgrammationEnregistree = z.object({ montantFseCentimes: z.number().int(), dateDecision: z.string(), referenceDeliberation: z.string(), motif: z.string().optional(), enregistreLe: z.string() });

export const Dossier = z.object({
  id: z.string(),
  reference: z.string(),
  aapId: z.string(),
  aapReference: z.string(),
  oi: z.string(),
  ficheCode: z.string(),
  ficheTitre: z.string(),
  /** The PLIE's name, as documents print it. */
  plie: z.string(),
  /** The PLIE's id (dossiers created before PLIE had ids have none). */
  plieId: z.string().optional(),
  organisationId: z.string(),
  organisationNom: z.string(),
  siret: z.string(),
  statut: StatutDossier,
  version: z.number().int().min(1),
  creeLe: z.string(),
  creePar: z.string(),
  modifieLe: z.string(),
  contenu: ContenuDossier,
  depot: Depot.nullable(),
  /** The compléments the OI asked for, while the dossier is `complement_demande` (kept afterwards for the record). */
  complements: z
    .object({ pieces: z.array(z.string()), message: z.string(), dateLimite: z.string(), demandeLe: z.string(), demandePar: z.string(), demandeParId: z.string().optional() })
    .nullable()
    .default(null),
  /** Each answer to compléments, in order. */
  complementsRecus: z.array(ComplementsRecus).default([]),
  /** Recevabilité, instruction summary, comité decision and programmation, as they happen. */
  suivi: z
    .object({
      motifIrrecevabilite: z.string().optional(),
      /** The fiche's conditions de recevabilité the instructor found met. */
      conditionsRecevabilite: z.array(z.string()).optional(),
      avis: z.enum(['favorable', 'defavorable', 'reserve']).optional(),
      montantFsePropose: z.number().int().optional(),
      comiteId: z.string().optional(),
      decision: z.object({ statut: z.enum(['selectionne', 'ajourne', 'rejete']), motif: z.string(), date: z.string(), montantFseCentimes: z.number().int().nullable(), plie: z.string(), dateComite: z.string() }).optional(),
      /** The convention's state, written with each of its transitions (the versions are items of their own). */
      convention: SuiviConvention.optional(),
      /**
       * Where the bilans and payments stand, written with each of their journaled steps (the bilans and payments are
       * items of their own): what the OI's tableau de bord lists without reading them.
       */
      bilans: z.object({
        bilans: z.array(z.object({
          numero: z.number().int(),
          nature: z.enum(['intermediaire', 'final']),
          statut: z.enum(['brouillon', 'depose', 'en_csf', 'csf_contradictoire', 'csf_definitif']),
          deposeLe: z.string().nullable(),
          /** Last day to pay after the bilan's receipt (80 or 90 days); null before its dépôt. */
          payerAvant: z.string().nullable(),
          reponseLe: z.string().nullable(),
        })),
        paiements: z.object({ aValider: z.number().int(), aMettreEnPaiement: z.number().int(), aConstater: z.number().int() }),
      }).optional(),
      programmation: ProgrammationEnregistree.extend({
        /** Each programmation a correction replaced, oldest first, with who replaced it, when and why. */
        corrections: z.array(ProgrammationEnregistree.extend({ corrigeeLe: z.string(), corrigeePar: z.string(), corrigeeParId: z.string(), motifCorrection: z.string() })).optional(),
      }).optional(),
    })
    .default({}),
  /** Hash of the last audit event: each event carries its predecessor's, so the journal is a chain. */
  empreinteJournal: z.string().nullable(),
  /** How many audit events the chain holds, written with each one (absent on dossiers stored before it was kept). */
  evenementsJournal: z.number().int().nonnegative().optional(),
});
export type Dossier = z.infer<typeof Dossier>;

export const Evenement = z.object({
  id: z.string(),
  dossierId: z.string(),
  type: z.string(),
  le: z.string(),
  /** The author's user id (`sub`); before user ids, their e-mail. */
  auteur: z.string(),
  /** The author as named on screens and documents when the event was written. */
  auteurNom: z.string().optional(),
  de: StatutDossier.nullable(),
  vers: StatutDossier,
  donnees: z.record(z.string(), z.unknown()).optional(),
  hashPrecedent: z.string().nullable(),
  hash: z.string(),
});
export type Evenement = z.infer<typeof Evenement>;

/** The audit chain checked against the head stored on the dossier, and where it breaks. */
export const VerificationJournal = z.object({
  etat: z.enum(['integre', 'rompue', 'non_verifiable']),
  integre: z.boolean(),
  evenementsLus: z.number().int(),
  /** The count recorded on the dossier; null on dossiers stored before it was kept. */
  evenementsAttendus: z.number().int().nullable(),
  /** 1-based position of the first event that breaks the chain (past the last one read when the tail is missing). */
  rupture: z.object({ position: z.number().int().nullable(), evenementId: z.string().nullable() }).nullable(),
  message: z.string(),
});
export type VerificationJournal = z.infer<typeof VerificationJournal>;
export const JournalDossier = z.object({ items: z.array(Evenement), integre: z.boolean(), verification: VerificationJournal });

export const ResumeDossier = Dossier.omit({ contenu: true, empreinteJournal: true, evenementsJournal: true, complements: true, complementsRecus: true, suivi: true }).extend({
  intitule: z.string(),
  coutTotalCentimes: z.number().int(),
  fseCentimes: z.number().int(),
  clotureLe: z.string(),
  fuseau: z.string(),
  /** Where the convention stands (null: none prepared yet). */
  convention: SuiviConvention.shape.etat.nullable().optional(),
});
export type ResumeDossier = z.infer<typeof ResumeDossier>;

export const DemandeDossier = z.strictObject({
  aapId: z.string().min(1).max(64),
  ficheCode: CodeFiche,
  organisationId: z.string().min(1).max(64),
});

export const ParamsDossier = z.strictObject({ id: z.string().min(1).max(64) });

export const FiltresDossiersOi = z.strictObject({
  aapId: z.string().min(1).max(64),
  ficheCode: z.string().max(20).optional(),
  plie: z.string().max(200).optional(),
  statut: StatutDossier.optional(),
  organisationId: z.string().max(64).optional(),
  cursor: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type FiltresDossiersOi = z.infer<typeof FiltresDossiersOi>;
