import { describe, expect, it } from 'vitest';
import { groupeALaConfirmation } from '#shared/auth/roles';

describe('groupeALaConfirmation', () => {
  it.each([
    ['PostConfirmation_ConfirmSignUp', 'porteur'],
    ['PostConfirmation_ConfirmForgotPassword', null],
    ['PreSignUp_SignUp', null],
  ])('gives %s the group %s', (source, groupe) => {
    expect(groupeALaConfirmation(source)).toBe(groupe);
  });
});
