import type { ContexteParticipants } from '../domain/participant/use-cases';
import { participantRepository, reglesRepository } from '../repositories/depots';
import { contexteDossier } from './contexte';

/** Wires the participant use cases to DynamoDB and the request's clock (only the participant routes bundle it). */
export const contexteParticipants = (req: { maintenant: Date; nouvelId: () => string }): ContexteParticipants => ({
  ...contexteDossier(req),
  participants: participantRepository,
  regles: reglesRepository,
});
