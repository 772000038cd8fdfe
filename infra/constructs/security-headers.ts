import { Duration } from 'aws-cdk-lib';
import { HeadersFrameOption, HeadersReferrerPolicy, ResponseHeadersPolicy } from 'aws-cdk-lib/aws-cloudfront';
import type { Construct } from 'constructs';

/**
 * What the SPA may load: its own bundle and `/config.json`, presigned S3 uploads/downloads (`*.amazonaws.com`), the
 * user pool's issuer (`https://cognito-idp.<region>.amazonaws.com/<poolId>`: OpenID discovery and JWKS, fetched by
 * oidc-client-ts; also `*.amazonaws.com`) and the managed login domain (`https://<prefix>.auth.<region>.amazoncognito.com`:
 * token, revocation and logout endpoints; `*.amazoncognito.com`). The stacks are region-agnostic and the pool id is a
 * deploy-time value, hence suffix wildcards rather than exact hosts. Sign-in and sign-out are top-level navigations,
 * which connect-src does not govern. PDFs are shown in a same-origin frame or from a blob.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' https://*.amazonaws.com https://*.amazoncognito.com",
  "frame-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self' https://*.amazoncognito.com",
  "frame-ancestors 'self'",
  'upgrade-insecure-requests',
].join('; ');

export function securityHeadersPolicy(scope: Construct, id: string): ResponseHeadersPolicy {
  return new ResponseHeadersPolicy(scope, id, {
    comment: 'Guichet: en-têtes de sécurité',
    securityHeadersBehavior: {
      contentSecurityPolicy: { contentSecurityPolicy: CONTENT_SECURITY_POLICY, override: true },
      contentTypeOptions: { override: true },
      frameOptions: { frameOption: HeadersFrameOption.SAMEORIGIN, override: true },
      referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
      strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, override: true },
      xssProtection: { protection: true, modeBlock: true, override: true },
    },
    customHeadersBehavior: {
      customHeaders: [
        { header: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()', override: true },
      ],
    },
  });
}
