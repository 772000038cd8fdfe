import type { ContexteAgregats } from '../domain/consolidation/agregats';
import { agregatsPlieRepository } from '../repositories/agregats-plie-repository';
import { bilanRepository } from '../repositories/bilan-repository';
import { dossierRepository } from '../repositories/dossier-repository';
import { participantRepository } from '../repositories/participant-repository';
import { reglesRepository } from '../repositories/regles-repository';

/** The PLIE-year counters (issue 16): the stream handler, the rebuild command and the tests. */
export const contexteAgregats = (): ContexteAgregats => ({
  agregats: agregatsPlieRepository,
  dossiers: dossierRepository,
  participants: participantRepository,
  bilans: bilanRepository,
  regles: reglesRepository,
});
