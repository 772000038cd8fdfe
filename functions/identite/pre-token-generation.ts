/**
 * Cognito Pre Token Generation trigger (event version 2): TOTP is required for OI staff (oi-admin, oi-gestionnaire),
 * while the pool's MFA stays optional for porteurs. An OI member without TOTP gets tokens without their OI groups and
 * `custom:oi`, and with `guichet:mfa = a_configurer` (shared/auth/mfa.ts). Not an HTTP route: wired on the user pool
 * by the stateful stack.
 */
import { AdminGetUserCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { groupesOi, restreindreSansMfa } from '#shared/auth/mfa';

const cognito = new CognitoIdentityProviderClient({});

export const handler = async (event: PreTokenGenerationV2TriggerEvent): Promise<PreTokenGenerationV2TriggerEvent> => {
  const groupes = event.request.groupConfiguration.groupsToOverride ?? [];
  // Porteurs and comité members: no Cognito call, the tokens are left as they are.
  if (groupesOi(groupes).length === 0) return event;
  // A failure here fails the sign-in: an OI member never gets OI tokens without this check.
  const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: event.userPoolId, Username: event.userName }));
  const restreint = restreindreSansMfa(groupes, user.UserMFASettingList);
  if (!restreint) return event;
  event.response = {
    claimsAndScopeOverrideDetails: {
      groupOverrideDetails: { ...event.request.groupConfiguration, groupsToOverride: restreint.groupes },
      idTokenGeneration: { claimsToSuppress: restreint.supprimes, claimsToAddOrOverride: restreint.ajoutes },
      accessTokenGeneration: { claimsToAddOrOverride: restreint.ajoutes },
    },
  };
  return event;
};
