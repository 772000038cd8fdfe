import { z } from 'zod';

/** The Cognito groups; a user may be in several. */
export const ROLES = ['oi-admin', 'oi-gestionnaire', 'porteur', 'comite'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const ROLES_OI: readonly Role[] = ['oi-admin', 'oi-gestionnaire'];

/** The authenticated caller, built from verified JWT claims only. */
export interface Actor {
  userId: string;
  email: string;
  roles: Role[];
  /** Sigle of the Organisme Intermédiaire an OI staff member works for. */
  oi: string | null;
}
