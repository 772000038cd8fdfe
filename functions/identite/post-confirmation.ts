/**
 * Cognito PostConfirmation trigger: a porteur who registers and confirms their address joins the `porteur` group, the
 * role every porteur route requires. Not an HTTP route: wired on the user pool by the stateful stack.
 */
import { AdminAddUserToGroupCommand, CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { PostConfirmationTriggerEvent } from 'aws-lambda';
import { groupeALaConfirmation } from '#shared/auth/roles';

const cognito = new CognitoIdentityProviderClient({});

export const handler = async (event: PostConfirmationTriggerEvent): Promise<PostConfirmationTriggerEvent> => {
  const groupe = groupeALaConfirmation(event.triggerSource);
  // A failure here fails the confirmation, and the user may confirm again: no account is left without its role.
  if (groupe) await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: event.userPoolId, Username: event.userName, GroupName: groupe }));
  return event;
};
