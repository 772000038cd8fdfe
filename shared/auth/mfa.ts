import { ROLES_OI } from '#shared/auth/roles';

/**
 * Claim added to the tokens of an OI staff member who has not set up TOTP yet: the SPA reads it to ask them to do so.
 * Such tokens carry neither the OI groups nor `custom:oi`, so every OI route refuses them.
 */
export const CLAIM_MFA = 'guichet:mfa';
export const MFA_A_CONFIGURER = 'a_configurer';
/** How Cognito names TOTP in `AdminGetUser`'s `UserMFASettingList`. */
export const MFA_TOTP = 'SOFTWARE_TOKEN_MFA';
/** The user attribute an OI staff member's tokens lose with their OI groups. */
export const ATTRIBUT_OI = 'custom:oi';

/** What the Pre Token Generation trigger changes in the tokens; null: nothing. */
export interface JetonRestreint {
  /** The groups the tokens keep (`cognito:groups`): the user's groups but the OI ones. */
  groupes: string[];
  /** Claims removed from the ID token. */
  supprimes: string[];
  /** Claims added to the ID and access tokens. */
  ajoutes: Record<string, string>;
}

export function groupesOi(groupes: readonly string[]): string[] {
  return groupes.filter((g) => (ROLES_OI as readonly string[]).includes(g));
}

/**
 * MFA is per user pool in Cognito, and optional there (porteurs self-register); TOTP is required per group here: the
 * tokens of a member of an OI group (oi-admin, oi-gestionnaire) without TOTP lose that group and their OI until they
 * set TOTP up. `mfa` is `UserMFASettingList`; the caller only needs to fetch it when `groupesOi(groupes)` is not empty.
 */
export function restreindreSansMfa(groupes: readonly string[], mfa: readonly string[] | undefined): JetonRestreint | null {
  const oi = groupesOi(groupes);
  if (oi.length === 0 || (mfa ?? []).includes(MFA_TOTP)) return null;
  return {
    groupes: groupes.filter((g) => !oi.includes(g)),
    supprimes: [ATTRIBUT_OI],
    ajoutes: { [CLAIM_MFA]: MFA_A_CONFIGURER },
  };
}
