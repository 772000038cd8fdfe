import * as z from 'zod';
import { TexteCourt } from './common';
import { siretValide } from '../domain/organisation/siret';
import { STATUTS_JURIDIQUES } from './statuts-juridiques';

export const Siret = z
  .string()
  .transform((s) => s.replace(/\s+/g, ''))
  .pipe(
    z
      .string()
      .regex(/^\d{14}$/, 'Un SIRET compte 14 chiffres.')
      .refine(siretValide, 'Ce SIRET n’est pas valide (clé de contrôle incorrecte).'),
  );

export const RoleMembre = z.enum(['signataire', 'redacteur']);
export type RoleMembre = z.infer<typeof RoleMembre>;

export const Adresse = z.strictObject({
  ligne1: TexteCourt,
  ligne2: z.string().trim().max(300).optional(),
  codePostal: z.string().regex(/^\d{5}$/, 'Code postal à 5 chiffres.'),
  commune: TexteCourt,
});

export { STATUTS_JURIDIQUES } from './statuts-juridiques';

export const DemandeOrganisation = z.strictObject({
  siret: Siret,
  raisonSociale: TexteCourt,
  statutJuridique: z.enum(STATUTS_JURIDIQUES),
  adresse: Adresse,
});
export type DemandeOrganisation = z.infer<typeof DemandeOrganisation>;

export const Organisation = z.object({
  id: z.string(),
  siret: z.string(),
  raisonSociale: z.string(),
  statutJuridique: z.enum(STATUTS_JURIDIQUES),
  adresse: Adresse,
  creeLe: z.string(),
  creePar: z.string(),
  version: z.number().int(),
});
export type Organisation = z.infer<typeof Organisation>;

/**
 * A member of an organisation, keyed by their user id (`sub`). An invitation names an e-mail address only
 * (`utilisateurId` null) until its addressee first signs in with that verified address and claims it; the e-mail and
 * name are display attributes, refreshed from the sign-in claims.
 */
export const Membre = z.object({
  organisationId: z.string(),
  utilisateurId: z.string().nullable().default(null),
  email: z.string(),
  nom: z.string().nullable().default(null),
  role: RoleMembre,
  ajouteLe: z.string(),
  /** The user id of the signataire who invited (the e-mail, for members recorded before user ids). */
  ajoutePar: z.string(),
});
export type Membre = z.infer<typeof Membre>;

export const OrganisationAvecRole = Organisation.extend({ monRole: RoleMembre });

export const DemandeMembre = z.strictObject({
  email: z.email('Adresse e-mail invalide.').max(254).transform((e) => e.toLowerCase()),
  role: RoleMembre,
});

export const ParamsOrganisation = z.strictObject({ id: z.string().min(1).max(64) });
