import * as z from 'zod';
import { DateIso, Heure, MontantCentimes } from './common';

// ---- Recevabilité and instruction ----

/** The instructor's yes / no on each of the fiche's conditions de recevabilité (e.g. « intervenir dans le champ de l'insertion »). */
export const ReponseCondition = z.strictObject({
  condition: z.string().trim().min(1).max(10_000),
  remplie: z.boolean(),
});

export const DemandeRecevabilite = z.discriminatedUnion('decision', [
  z.strictObject({ decision: z.literal('recevable'), conditions: z.array(ReponseCondition).max(20).default([]) }),
  z.strictObject({ decision: z.literal('irrecevable'), motif: z.string().trim().min(10, 'Motivez l’irrecevabilité (10 caractères au moins).').max(5000) }),
], { message: 'Décision attendue : recevable ou irrecevable (les compléments se demandent par /complements).' });

/** A criterion of the grille: the fiche's critères de sélection, then the AAP's common criteria. */
export const Critere = z.object({ id: z.string(), libelle: z.string(), origine: z.enum(['fiche', 'commun']) });
export type Critere = z.infer<typeof Critere>;

export const Note = z.strictObject({
  critere: z.string().min(1).max(40),
  note: z.number().int('Une note est un entier de 1 à 5.').min(1, 'Une note va de 1 à 5.').max(5, 'Une note va de 1 à 5.'),
  justification: z.string().trim().min(10, 'Justifiez la note (10 caractères au moins).').max(5000),
});

export const AVIS = ['favorable', 'defavorable', 'reserve'] as const;
export const DemandeInstruction = z.strictObject({
  notes: z.array(Note).min(1).max(60),
  avis: z.enum(AVIS, { message: 'Avis attendu : favorable, défavorable ou réservé.' }),
  montantFsePropose: MontantCentimes,
  commentaire: z.string().trim().max(10_000).default(''),
});
export type DemandeInstruction = z.infer<typeof DemandeInstruction>;

export const Instruction = DemandeInstruction.extend({
  dossierId: z.string(),
  version: z.number().int().min(1),
  instruitLe: z.string(),
  /** The instructeur as documents name them; `instruitParId` is their user id. */
  instruitPar: z.string(),
  instruitParId: z.string().optional(),
  moyenne: z.string().describe('Moyenne des notes, pour affichage (« 3,75 »).'),
});
export type Instruction = z.infer<typeof Instruction>;

// ---- Comité de pilotage ----

export const ReglesComite = z.strictObject({
  /** `moitie_plus_un`: more than half of the members not in conflict took part; `nombre`: at least `nombre`. */
  quorum: z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('moitie_plus_un') }),
    z.strictObject({ type: z.literal('nombre'), nombre: z.number().int().min(1).max(100) }),
  ]),
  /** `simple`: more pour than contre among votes cast (abstentions not cast); `deux_tiers`: pour ≥ 2/3 of votes cast. */
  majorite: z.enum(['simple', 'deux_tiers']),
});
export type ReglesComite = z.infer<typeof ReglesComite>;

const Email = z.email('Adresse e-mail invalide.').max(254).transform((e) => e.toLowerCase());

export const Siege = z.object({ id: z.string(), email: z.string(), nom: z.string(), qualite: z.string() });
export type Siege = z.infer<typeof Siege>;

export const DemandeComite = z.strictObject({
  aapId: z.string().min(1).max(64),
  plie: z.string().trim().min(1).max(300),
  date: DateIso,
  heure: Heure.default('14:00'),
  lieu: z.string().trim().max(300).default(''),
  /** Each member by e-mail (a person known to the identity provider), with the quality the PV gives them. */
  membres: z
    .array(
      z.union([
        Email.transform((email) => ({ email, qualite: '' })),
        z.strictObject({ email: Email, qualite: z.string().trim().max(200).default('') }),
      ]),
    )
    .min(1)
    .max(50),
  president: Email,
  regles: ReglesComite.default({ quorum: { type: 'moitie_plus_un' }, majorite: 'simple' }),
});
export type DemandeComite = z.infer<typeof DemandeComite>;

export const StatutComite = z.enum(['preparation', 'ouvert', 'clos']);

export const DecisionComite = z.object({
  dossierId: z.string(),
  decision: z.enum(['selectionne', 'ajourne', 'rejete']),
  motif: z.string(),
  pour: z.number().int(),
  contre: z.number().int(),
  abstention: z.number().int(),
  exclus: z.array(z.string()),
  montantFseCentimes: z.number().int(),
});
export type DecisionComite = z.infer<typeof DecisionComite>;

export const Comite = z.object({
  id: z.string(),
  aapId: z.string(),
  aapReference: z.string(),
  oi: z.string(),
  plie: z.string(),
  /** The PLIE's id (comités created before PLIE had ids have none). */
  plieId: z.string().optional(),
  date: z.string(),
  heure: z.string(),
  lieu: z.string(),
  fuseau: z.string(),
  /** User ids (`sub`) of the members; `president` is one of them. */
  membres: z.array(z.string()),
  president: z.string(),
  /** Who sits, as documents name them: the identity and quality of each member at composition. */
  sieges: z.array(Siege).default([]),
  regles: ReglesComite,
  statut: StatutComite,
  ordreDuJour: z.array(z.string()),
  version: z.number().int(),
  creeLe: z.string(),
  creePar: z.string(),
  ouvertLe: z.string().nullable(),
  closLe: z.string().nullable(),
  decisions: z.array(DecisionComite),
  /** User ids of the members the closing recorded present; comités closed before presence was recorded have none. */
  presents: z.array(z.string()).optional(),
  enveloppe: z
    .object({ enveloppeCentimes: z.number().int().nullable(), programmeCentimes: z.number().int(), selectionneCentimes: z.number().int() })
    .nullable(),
});
export type Comite = z.infer<typeof Comite>;

export const DemandeOrdreDuJour = z.strictObject({
  dossierIds: z.array(z.string().min(1).max(64)).max(40, 'Un ordre du jour compte 40 dossiers au plus.'),
  publier: z.boolean().default(false),
});

export const DemandeConflit = z.strictObject({
  dossierId: z.string().min(1).max(64),
  conflit: z.boolean(),
  commentaire: z.string().trim().max(2000).default(''),
});

export const Conflit = z.object({ dossierId: z.string(), membre: z.string(), conflit: z.boolean(), commentaire: z.string(), declareLe: z.string() });
export type DeclarationConflit = z.infer<typeof Conflit>;

export const VOTES = ['pour', 'contre', 'abstention'] as const;
export const DemandeVote = z.strictObject({
  dossierId: z.string().min(1).max(64),
  vote: z.enum(VOTES, { message: 'Vote attendu : pour, contre ou abstention.' }),
});
export const Vote = z.object({ dossierId: z.string(), membre: z.string(), vote: z.enum(VOTES), voteLe: z.string() });
export type Vote = z.infer<typeof Vote>;

export const DemandeCloture = z.strictObject({
  /** Per dossier: the president may adjourn (ajourne) with a motif, or add a motif to the computed decision. */
  decisions: z
    .array(z.strictObject({ dossierId: z.string().min(1).max(64), ajourner: z.boolean().default(false), motif: z.string().trim().max(5000).optional() }))
    .max(40)
    .default([]),
  /** User ids of the members present at the session, as the president (or the OI) ticks them at closing. */
  presents: z.array(z.string().min(1).max(64), { error: 'Indiquez la liste des membres présents à la séance.' }).max(50),
});

export const DemandeProgrammation = z.strictObject({
  montantFseCentimes: MontantCentimes,
  dateDecision: DateIso,
  referenceDeliberation: z.string().trim().max(200).default(''),
  /** Required when the amount is below the FSE selected by the comité: the letter gives the porteur the reason. */
  motif: z.string().trim().max(5000).optional(),
});

/** The programmation as corrected, and why: an empty `motifCorrection` is the domain's 422, not a 400. */
export const DemandeCorrectionProgrammation = DemandeProgrammation.extend({
  motifCorrection: z.string().trim().max(5000).default(''),
});
export type DemandeCorrectionProgrammation = z.infer<typeof DemandeCorrectionProgrammation>;

export const ParamsComite = z.strictObject({ id: z.string().min(1).max(64) });
export const ParamsComiteDossier = z.strictObject({ id: z.string().min(1).max(64), dossierId: z.string().min(1).max(64) });
