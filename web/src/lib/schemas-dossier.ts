/** The dossier, organisation and pièce schemas of the API, shared with the server (pure zod, no AWS). */
import { z } from 'zod';
import { Page } from '#shared/schemas/common';
import { Dossier, JournalDossier, ResumeDossier } from '#shared/schemas/dossier';
import { Membre, OrganisationAvecRole } from '#shared/schemas/organisation';
import { LigneChecklist, Piece } from '#shared/schemas/piece';

export { ContenuDossier, Dossier, Evenement, ResumeDossier, STATUTS_DOSSIER } from '#shared/schemas/dossier';
export type {
  ContenuDossier as TContenuDossier,
  Dossier as TDossier,
  Evenement as TEvenement,
  ResumeDossier as TResumeDossier,
  VerificationJournal as TVerificationJournal,
  StatutDossier as TStatutDossier,
} from '#shared/schemas/dossier';
export { DemandeOrganisation, Membre, OrganisationAvecRole, STATUTS_JURIDIQUES } from '#shared/schemas/organisation';
export type { Membre as TMembre } from '#shared/schemas/organisation';
export { LigneChecklist, Piece, ReponseUpload, TYPES_CONTENU } from '#shared/schemas/piece';
export type { LigneChecklist as TLigneChecklist, Piece as TPiece, TypeContenu as TTypeContenu } from '#shared/schemas/piece';
export { ControlePlanReponse, MONTANT_MAX_PLAN_CENTIMES } from '#shared/schemas/plan-financement';
export type {
  CategorieDepense,
  ControlePlan as TControlePlan,
  ControlePlanReponse as TControlePlanReponse,
  PlanFinancement as TPlanFinancement,
  TotauxPlan as TTotauxPlan,
  Violation as TViolation,
} from '#shared/schemas/plan-financement';

export type TOrganisation = z.infer<typeof OrganisationAvecRole>;
export const ListeDossiers = z.object({ items: z.array(ResumeDossier) });
export const PageDossiers = Page(ResumeDossier);
export const ListeOrganisations = z.object({ items: z.array(OrganisationAvecRole) });
export const OrganisationDetail = OrganisationAvecRole.extend({ membres: z.array(Membre) });
export const ListePieces = z.object({ lignes: z.array(LigneChecklist), pieces: z.array(Piece) });
export const Journal = JournalDossier;
export const Telechargement = z.object({ url: z.string(), expireDans: z.number() });
/** DELETE answers 204 with no body. */
export const Vide = z.unknown();
export { Dossier as DossierSchema };
