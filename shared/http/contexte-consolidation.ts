import type { ContexteConsolidation } from '../domain/consolidation/use-cases';
import { aapRepository } from '../repositories/aap-repository';
import { agregatsPlieRepository } from '../repositories/agregats-plie-repository';
import { bilanRepository } from '../repositories/bilan-repository';
import { consolidationRepository } from '../repositories/consolidation-repository';
import { dossierRepository } from '../repositories/dossier-repository';
import { plieRepository } from '../repositories/plie-repository';

/** Wires reporting and consolidation to the OI's snapshots and PLIE (only their routes bundle it). */
export const contexteConsolidation = (req: { maintenant: Date }): ContexteConsolidation => ({
  consolidation: consolidationRepository,
  plies: plieRepository,
  direct: { agregats: agregatsPlieRepository, dossiers: dossierRepository, bilans: bilanRepository, aaps: aapRepository },
  maintenant: req.maintenant,
});

