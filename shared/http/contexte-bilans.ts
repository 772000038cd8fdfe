import type { ContexteBilans } from '../domain/bilan/use-cases';
import { bilanRepository, conventionRepository, participantRepository, reglesRepository } from '../repositories/depots';
import { contexteDossier, contexteEnvoiPiece } from './contexte';

/** Wires the bilans, CSF and payments to DynamoDB and the request's clock (only their routes bundle it). */
export const contexteBilans = (req: { maintenant: Date; nouvelId: () => string }): ContexteBilans => ({
  ...contexteDossier(req),
  conventions: conventionRepository,
  bilans: bilanRepository,
  participants: participantRepository,
  regles: reglesRepository,
});

/** A bilan's evidence upload: the bilans' context and the pièces' presigned POST. */
export const contexteEnvoiRealisation = (req: { maintenant: Date; nouvelId: () => string }) => ({ ...contexteBilans(req), stockage: contexteEnvoiPiece(req).stockage });
