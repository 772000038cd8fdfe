import { describe, expect, it } from 'vitest';
import { CLAIM_MFA, groupesOi, MFA_A_CONFIGURER, MFA_TOTP, restreindreSansMfa } from '#shared/auth/mfa';

describe('restreindreSansMfa', () => {
  it('leaves the tokens of porteurs and comité members alone, with or without TOTP', () => {
    expect(restreindreSansMfa(['porteur'], undefined)).toBeNull();
    expect(restreindreSansMfa(['comite', 'porteur'], [])).toBeNull();
    expect(restreindreSansMfa([], undefined)).toBeNull();
  });

  it('leaves the tokens of OI staff alone when TOTP is set up', () => {
    expect(restreindreSansMfa(['oi-admin'], [MFA_TOTP])).toBeNull();
    expect(restreindreSansMfa(['oi-gestionnaire', 'comite'], ['SMS_MFA', MFA_TOTP])).toBeNull();
  });

  it('strips the OI groups and custom:oi and asks for TOTP when an OI member has none', () => {
    expect(restreindreSansMfa(['oi-admin'], undefined)).toEqual({
      groupes: [],
      supprimes: ['custom:oi'],
      ajoutes: { [CLAIM_MFA]: MFA_A_CONFIGURER },
    });
    // SMS is not accepted in place of TOTP.
    expect(restreindreSansMfa(['oi-gestionnaire', 'comite'], ['SMS_MFA'])?.groupes).toEqual(['comite']);
    expect(restreindreSansMfa(['oi-admin', 'oi-gestionnaire', 'porteur'], [])?.groupes).toEqual(['porteur']);
  });

  it('names only the OI groups as OI groups', () => {
    expect(groupesOi(['porteur', 'oi-gestionnaire', 'comite', 'oi-admin', 'inconnu'])).toEqual(['oi-gestionnaire', 'oi-admin']);
  });
});
