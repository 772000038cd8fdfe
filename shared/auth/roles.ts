/** The Cognito groups; a user may be in several. */
export const ROLES = ['oi-admin', 'oi-gestionnaire', 'porteur', 'comite'] as const;
export type Role = (typeof ROLES)[number];

export const ROLES_OI: readonly Role[] = ['oi-admin', 'oi-gestionnaire'];

/** The authenticated caller, built from verified JWT claims only. */
export interface Actor {
  userId: string;
  email: string;
  roles: Role[];
  /** Sigle of the Organisme Intermédiaire an OI staff member works for. */
  oi: string | null;
  /** `given_name` / `family_name` claims: display only, like the e-mail (the identity is `userId`, the `sub`). */
  prenom: string | null;
  nom: string | null;
}

/**
 * The group a user gets when Cognito confirms an account: a self-registered user is a porteur de projet. OI staff and
 * comité members are created by an administrator (AdminCreateUser, no sign-up confirmation) and put in their groups
 * by hand; a password reset (`PostConfirmation_ConfirmForgotPassword`) changes no group.
 */
export function groupeALaConfirmation(triggerSource: string): Role | null {
  return triggerSource === 'PostConfirmation_ConfirmSignUp' ? 'porteur' : null;
}
