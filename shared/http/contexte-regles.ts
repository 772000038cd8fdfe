import type { ContexteRegles } from '../domain/sortie/consultation';
import { reglesRepository } from '../repositories/depots';
import { contextePlie } from './contexte';

/** Wires the exit-rule use cases to the PLIE and to the versions its OI entered. */
export const contexteRegles = (req: { maintenant: Date }): ContexteRegles => ({ ...contextePlie(req), regles: reglesRepository });
