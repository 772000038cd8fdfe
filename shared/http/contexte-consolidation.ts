import type { ContexteConsolidation } from '../domain/consolidation/use-cases';
import { consolidationRepository } from '../repositories/consolidation-repository';
import { plieRepository } from '../repositories/plie-repository';

/** Wires reporting and consolidation to the OI's snapshots and PLIE (only their routes bundle it). */
export const contexteConsolidation = (req: { maintenant: Date }): ContexteConsolidation => ({
  consolidation: consolidationRepository,
  plies: plieRepository,
  maintenant: req.maintenant,
});
