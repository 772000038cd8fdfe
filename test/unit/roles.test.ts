import { describe, expect, it } from 'vitest';
import { groupeALaConfirmation, type Actor, type Role } from '#shared/auth/roles';
import { peutEcrirePlie } from '#shared/auth/policies';

describe('groupeALaConfirmation', () => {
  it.each([
    ['PostConfirmation_ConfirmSignUp', 'porteur'],
    ['PostConfirmation_ConfirmForgotPassword', null],
    ['PreSignUp_SignUp', null],
  ])('gives %s the group %s', (source, groupe) => {
    expect(groupeALaConfirmation(source)).toBe(groupe);
  });
});

describe('peutEcrirePlie', () => {
  const acteur = (roles: Role[], oi: string | null): Actor => ({ userId: 'u', email: 'u@guichet.test', roles, oi, prenom: null, nom: null });

  it('lets only an oi-admin of the PLIE’s OI write it', () => {
    expect(peutEcrirePlie(acteur(['oi-admin'], 'AGAPE'), 'AGAPE')).toBe(true);
    expect(peutEcrirePlie(acteur(['oi-gestionnaire'], 'AGAPE'), 'AGAPE')).toBe(false);
    expect(peutEcrirePlie(acteur(['oi-admin'], 'AUTRE'), 'AGAPE')).toBe(false);
    expect(peutEcrirePlie(acteur(['porteur'], null), 'AGAPE')).toBe(false);
  });
});
