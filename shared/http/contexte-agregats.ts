import type { ContexteAgregats } from '../domain/consolidation/agregats';
import { agregatsPlieRepository, bilanRepository, dossierRepository, participantRepository, reglesRepository } from '../repositories/depots';

/** The PLIE-year counters (issue 16): the stream handler, the rebuild command and the tests. */
export const contexteAgregats = (): ContexteAgregats => ({
  agregats: agregatsPlieRepository,
  dossiers: dossierRepository,
  participants: participantRepository,
  bilans: bilanRepository,
  regles: reglesRepository,
});
