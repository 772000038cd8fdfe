/** Answers of the instruction and comité routes, parsed with the server's own schemas (pure zod, no AWS). */
import { z } from 'zod';
import { Page } from '#shared/schemas/common';
import { Comite, Conflit, Critere, Instruction, Vote } from '#shared/schemas/comite';
import { Dossier, ResumeDossier, StatutDossier } from '#shared/schemas/dossier';
import { ControlePlan, ControlePlanReponse } from '#shared/schemas/plan-financement';

export { AVIS, VOTES } from '#shared/schemas/comite';
export type {
  Comite as TComite,
  Critere as TCritere,
  DecisionComite as TDecisionComite,
  DeclarationConflit as TDeclaration,
  Instruction as TInstruction,
  ReglesComite as TRegles,
  Vote as TVote,
} from '#shared/schemas/comite';
export type { Dossier as TDossier, ResumeDossier as TResumeDossier } from '#shared/schemas/dossier';
export type { ControlePlan as TControlePlan } from '#shared/schemas/plan-financement';
export { Comite, Conflit, Dossier, Instruction, Vote, ControlePlanReponse };

/** `GET /dossiers/{id}/instruction`. */
export const LectureInstruction = z.object({ grille: z.array(Critere), instruction: Instruction.nullable(), historique: z.array(Instruction) });
export type TLectureInstruction = z.infer<typeof LectureInstruction>;

/** `PUT /dossiers/{id}/instruction`. */
export const ReponseInstruction = z.object({ dossier: Dossier, instruction: Instruction });

const Centimes = z.number().int();

/** `GET /aaps/{id}/enveloppe`. */
export const Enveloppe = z.object({
  enveloppeCentimes: Centimes.nullable(),
  programmeCentimes: Centimes,
  selectionneCentimes: Centimes,
  restantCentimes: Centimes.nullable(),
  comites: z.array(Comite),
});
export type TEnveloppe = z.infer<typeof Enveloppe>;

/** The tally of one agenda dossier (president and OI only). */
export const Decompte = z.object({
  dossierId: z.string(),
  pour: z.number().int(),
  contre: z.number().int(),
  abstention: z.number().int(),
  exclus: z.array(z.string()),
  votants: z.number().int(),
  eligibles: z.number().int(),
});
export type TDecompte = z.infer<typeof Decompte>;

export const ElementOrdre = z.object({
  id: z.string(),
  reference: z.string(),
  organisationNom: z.string(),
  ficheCode: z.string(),
  intitule: z.string(),
  statut: StatutDossier,
});
export type TElementOrdre = z.infer<typeof ElementOrdre>;

export const ROLES_COMITE = ['oi', 'president', 'membre'] as const;

/** `GET /comites/{id}`: the session as its reader may see it. */
export const ComiteDetail = Comite.extend({
  monRole: z.enum(ROLES_COMITE),
  ordre: z.array(ElementOrdre),
  mesDeclarations: z.array(Conflit),
  mesVotes: z.array(Vote),
  decomptes: z.array(Decompte).optional(),
  conflits: z.array(Conflit).optional(),
  /** President and OI: the members who voted or declared, whom closing must list present. */
  participants: z.array(z.string()).optional(),
  enveloppeActuelle: z
    .object({ enveloppeCentimes: Centimes.nullable(), programmeCentimes: Centimes, selectionneCentimes: Centimes })
    .nullable()
    .optional(),
});
export type TComiteDetail = z.infer<typeof ComiteDetail>;

/** `GET /comites/{id}/dossiers/{dossierId}`: an agenda dossier, read-only. */
export const DossierComite = z.object({ dossier: Dossier, controle: ControlePlan, grille: z.array(Critere), instruction: Instruction.nullable() });
export type TDossierComite = z.infer<typeof DossierComite>;

export const ListeComites = z.object({ items: z.array(Comite) });
export const PageResumesDossiers = Page(ResumeDossier);
