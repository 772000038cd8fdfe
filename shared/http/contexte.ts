import type { Contexte } from '../domain/aap/use-cases';
import type { ContexteDossier } from '../domain/dossier/use-cases';
import type { ContexteOrg } from '../domain/organisation/use-cases';
import type { ContextePiece } from '../domain/piece/use-cases';
import type { ContexteComite } from '../domain/comite/use-cases';
import { aapRepository, affectationRepository, comiteRepository, dossierRepository, messagerieRepository, notificationRepository, organisationRepository, pieceRepository, plieRepository } from '../repositories/depots';
import type { ContexteGestion } from '../domain/dossier/gestion';
import type { ContexteMessagerie } from '../domain/messagerie/use-cases';
import { avisMessageRecu } from '../domain/messagerie/avis';
import type { ContextePlie } from '../domain/plie/use-cases';
import * as stockage from '../storage/s3';
import { antivirus } from '../storage/antivirus';

/** Wires the use cases to DynamoDB, S3 and the request's clock. */
export const contexteAap = (req: { maintenant: Date }): Contexte => ({
  store: aapRepository,
  plies: plieRepository,
  maintenant: req.maintenant,
});

export const contextePlie = (req: { maintenant: Date }): ContextePlie => ({ store: plieRepository, maintenant: req.maintenant });

export const contexteOrg = (req: { maintenant: Date }): ContexteOrg => ({ store: organisationRepository, maintenant: req.maintenant });

export const contexteDossier = (req: { maintenant: Date; nouvelId: () => string }): ContexteDossier => ({
  aaps: aapRepository,
  orgs: organisationRepository,
  dossiers: dossierRepository,
  pieces: pieceRepository,
  notifications: notificationRepository,
  maintenant: req.maintenant,
  nouvelId: req.nouvelId,
});

/**
 * The S3 functions a route calls, named one by one: a route bundles the presigned POST, or the presigned GET, or
 * neither (the S3 client and its signers are a large part of a cold start), only when it uses them.
 */
const envoi = () => ({ clePiece: stockage.clePiece, clePieceJointe: stockage.clePieceJointe, urlUpload: stockage.urlUpload });
const telechargement = () => ({ urlTelechargement: stockage.urlTelechargement });

/** A pièce's upload (presigned POST). Other pièce routes use `contexteDossier`: they never touch S3. */
export const contexteEnvoiPiece = (req: { maintenant: Date; nouvelId: () => string }) => ({ ...contexteDossier(req), stockage: envoi() });

/** A pièce's download (presigned GET of its verified copy). */
export const contexteTelechargementPiece = (req: { maintenant: Date; nouvelId: () => string }) => ({
  ...contexteDossier(req),
  stockage: telechargement(),
});

/** The verification's: every storage function. */
export const contextePiece = (req: { maintenant: Date; nouvelId: () => string }): ContextePiece => ({
  ...contexteDossier(req),
  stockage,
});

/** The pièce verification (S3 event, scan-result event, sweep): the pièce's context and the antivirus port. */
export const contexteVerification = (req: { maintenant: Date; nouvelId: () => string }) => ({ ...contextePiece(req), antivirus: antivirus() });

export const contexteComite = (req: { maintenant: Date; nouvelId: () => string }): ContexteComite => ({
  ...contexteDossier(req),
  comites: comiteRepository,
});

export const contexteGestion = (req: { maintenant: Date; nouvelId: () => string }): ContexteGestion => ({
  ...contexteDossier(req),
  affectations: affectationRepository,
});

export const contexteMessagerie = (req: { maintenant: Date; nouvelId: () => string }): ContexteMessagerie => ({
  ...contexteDossier(req),
  messagerie: messagerieRepository,
  avisMessage: async (p) => {
    const [{ itemsOutbox }, avis] = await Promise.all([
      import('../repositories/notification-repository'),
      avisMessageRecu({ orgs: organisationRepository, affectations: affectationRepository, maintenant: req.maintenant, nouvelId: req.nouvelId }, p),
    ]);
    return itemsOutbox(avis);
  },
});

/** A message attachment's upload (presigned POST). */
export const contexteEnvoiJointe = (req: { maintenant: Date; nouvelId: () => string }) => ({ ...contexteMessagerie(req), stockage: envoi() });

/** A message attachment's download (presigned GET of its verified copy). */
export const contexteTelechargementJointe = (req: { maintenant: Date; nouvelId: () => string }) => ({ ...contexteMessagerie(req), stockage: telechargement() });

/** A message attachment's verification: it reads the upload and keeps the verified copy. */
export const contexteVerificationJointe = (req: { maintenant: Date; nouvelId: () => string }) => ({
  ...contexteMessagerie(req),
  stockage: { lireClePieceJointe: stockage.lireClePieceJointe, lireObjet: stockage.lireObjet, conserverVerifie: stockage.conserverVerifie },
  antivirus: antivirus(),
});
