import type { Contexte } from '../domain/aap/use-cases';
import type { ContexteDossier } from '../domain/dossier/use-cases';
import type { ContexteOrg } from '../domain/organisation/use-cases';
import { aapRepository } from '../repositories/aap-repository';
import { dossierRepository } from '../repositories/dossier-repository';
import { organisationRepository } from '../repositories/organisation-repository';

/** Wires the use cases to DynamoDB and the request's clock. */
export const contexteAap = (req: { maintenant: Date }): Contexte => ({ store: aapRepository, maintenant: req.maintenant });

export const contexteOrg = (req: { maintenant: Date }): ContexteOrg => ({ store: organisationRepository, maintenant: req.maintenant });

export const contexteDossier = (req: { maintenant: Date; nouvelId: () => string }): ContexteDossier => ({
  aaps: aapRepository,
  orgs: organisationRepository,
  dossiers: dossierRepository,
  maintenant: req.maintenant,
  nouvelId: req.nouvelId,
});
