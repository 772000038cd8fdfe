/**
 * TOTP set-up against the Cognito user pool, with the signed-in user's access token (scope
 * `aws.cognito.signin.user.admin`): the pool's JSON API, no SDK. OI staff must have it before their tokens carry their
 * OI groups (the Pre Token Generation trigger strips them until then).
 */

/** The region of a Cognito issuer (`https://cognito-idp.<region>.amazonaws.com/<pool>`); null for another provider. */
export function regionCognito(authority: string): string | null {
  const m = /^https:\/\/cognito-idp\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/[\w-]+$/.exec(authority.trim());
  return m?.[1] ?? null;
}

/** The otpauth URI authenticator apps read (as a link on a phone, or typed in as the key). */
export function uriOtp(secret: string, compte: string): string {
  return `otpauth://totp/${encodeURIComponent(`Guichet:${compte}`)}?secret=${encodeURIComponent(secret)}&issuer=Guichet`;
}

/** The key grouped by four, as apps ask to type it. */
export const cleLisible = (secret: string): string => secret.replace(/(.{4})/g, '$1 ').trim();

async function appel<T>(region: string, action: string, corps: Record<string, unknown>): Promise<T> {
  const r = await fetch(`https://cognito-idp.${region}.amazonaws.com/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${action}` },
    body: JSON.stringify(corps),
  });
  const json: unknown = await r.json().catch(() => ({}));
  if (!r.ok) {
    const type = typeof json === 'object' && json !== null && '__type' in json ? String((json as { __type: unknown }).__type) : '';
    throw new Error(
      type.includes('CodeMismatch') || type.includes('EnableSoftwareTokenMFA')
        ? 'Ce code ne correspond pas : vérifiez l’heure de votre téléphone et saisissez le code affiché maintenant.'
        : type.includes('NotAuthorized')
          ? 'Votre session a expiré : reconnectez-vous puis recommencez.'
          : 'Le service d’identité ne répond pas : réessayez dans un instant.',
    );
  }
  return json as T;
}

export const associer = (region: string, accessToken: string) =>
  appel<{ SecretCode: string; Session?: string }>(region, 'AssociateSoftwareToken', { AccessToken: accessToken });

export async function activer(region: string, accessToken: string, code: string): Promise<void> {
  await appel(region, 'VerifySoftwareToken', { AccessToken: accessToken, UserCode: code, FriendlyDeviceName: 'Guichet' });
  await appel(region, 'SetUserMFAPreference', { AccessToken: accessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } });
}
