import type { ContexteBilans } from '../domain/bilan/use-cases';
import { bilanRepository } from '../repositories/bilan-repository';
import { conventionRepository } from '../repositories/convention-repository';
import { participantRepository } from '../repositories/participant-repository';
import { reglesRepository } from '../repositories/regles-repository';
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
