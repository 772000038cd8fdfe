import { describe, expect, it } from 'vitest';
import { cleLisible, regionCognito, uriOtp } from '../../web/src/lib/cognito-mfa';

describe('TOTP set-up helpers of the web app', () => {
  it('finds the region of a Cognito issuer, and none for another provider (local sign-in)', () => {
    expect(regionCognito('https://cognito-idp.eu-west-3.amazonaws.com/eu-west-3_AbC123')).toBe('eu-west-3');
    expect(regionCognito('http://127.0.0.1:3000/idp')).toBeNull();
    expect(regionCognito('https://cognito-idp.eu-west-3.amazonaws.com.evil.test/x')).toBeNull();
  });

  it('builds the otpauth URI authenticator apps read, and shows the key by groups of four', () => {
    expect(uriOtp('JBSWY3DPEHPK3PXP', 'claire.martin@agape.fr')).toBe('otpauth://totp/Guichet%3Aclaire.martin%40agape.fr?secret=JBSWY3DPEHPK3PXP&issuer=Guichet');
    expect(cleLisible('JBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP');
  });
});
