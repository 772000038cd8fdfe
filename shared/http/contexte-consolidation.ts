import type { ContexteConsolidation } from '../domain/consolidation/use-cases';
import { aapRepository, agregatsPlieRepository, bilanRepository, consolidationRepository, dossierRepository, plieRepository } from '../repositories/depots';

/** Wires reporting and consolidation to the OI's snapshots and PLIE (only their routes bundle it). */
export const contexteConsolidation = (req: { maintenant: Date }): ContexteConsolidation => ({
  consolidation: consolidationRepository,
  plies: plieRepository,
  direct: { agregats: agregatsPlieRepository, dossiers: dossierRepository, bilans: bilanRepository, aaps: aapRepository },
  maintenant: req.maintenant,
});

