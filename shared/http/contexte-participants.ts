import type { ContexteParticipants } from '../domain/participant/use-cases';
import { participantRepository } from '../repositories/participant-repository';
import { reglesRepository } from '../repositories/regles-repository';
import { contexteDossier } from './contexte';

/** Wires the participant use cases to DynamoDB and the request's clock (only the participant routes bundle it). */
export const contexteParticipants = (req: { maintenant: Date; nouvelId: () => string }): ContexteParticipants => ({
  ...contexteDossier(req),
  participants: participantRepository,
  regles: reglesRepository,
});
