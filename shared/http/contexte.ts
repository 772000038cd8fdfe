import type { Contexte } from '../domain/aap/use-cases';
import { aapRepository } from '../repositories/aap-repository';

/** Wires the AAP use cases to DynamoDB and the request's clock. */
export const contexteAap = (req: { maintenant: Date }): Contexte => ({ store: aapRepository, maintenant: req.maintenant });
