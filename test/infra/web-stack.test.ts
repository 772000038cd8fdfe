import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '#infra/constructs/security-headers';
import { SPA_REWRITE_CODE } from '#infra/constructs/spa-rewrite';
import { SPA_CONFIG_KEY, spaConfig, WebStack } from '#infra/stacks/web-stack';
import { nagViolations, newApp } from './support';

const API_DOMAIN = 'abc123.execute-api.eu-west-3.amazonaws.com';
const AUTH = {
  authority: 'https://cognito-idp.eu-west-3.amazonaws.com/eu-west-3_abc',
  clientId: 'client123',
  loginBaseUrl: 'https://guichet-recette.auth.eu-west-3.amazoncognito.com',
};
/** AWS managed CloudFront policies. */
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const ALL_VIEWER_EXCEPT_HOST_HEADER = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

type Behavior = Record<string, unknown>;

describe('WebStack', () => {
  let dist: string;
  let stack: WebStack;
  let template: Template;
  let config: { DefaultCacheBehavior: Behavior; CacheBehaviors: Behavior[]; [key: string]: unknown };

  beforeAll(() => {
    dist = mkdtempSync(join(tmpdir(), 'guichet-web-'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Guichet</title>');
    stack = new WebStack(newApp(), 'Test-Web', { apiDomainName: API_DOMAIN, webAssetsPath: dist, auth: AUTH });
    template = Template.fromStack(stack);
    const [distribution] = Object.values(template.findResources('AWS::CloudFront::Distribution'));
    config = distribution!.Properties.DistributionConfig;
  }, 120_000);

  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  describe('distribution', () => {
    it('serves the private SPA bucket through Origin Access Control when synthesized', () => {
      template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
      expect(config.DefaultRootObject).toBe('index.html');
      expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
      const site = Object.values(template.findResources('AWS::S3::Bucket')).filter(
        (b) => b.Properties.LoggingConfiguration !== undefined,
      );
      expect(site).toHaveLength(1);
      expect(site[0]!.Properties.PublicAccessBlockConfiguration).toMatchObject({ BlockPublicAcls: true, RestrictPublicBuckets: true });
    });

    it('forwards /api/* to the HTTP API uncached with every viewer header but Host', () => {
      const api = config.CacheBehaviors.find((b) => b.PathPattern === '/api/*');
      expect(api).toMatchObject({
        CachePolicyId: CACHING_DISABLED,
        OriginRequestPolicyId: ALL_VIEWER_EXCEPT_HOST_HEADER,
        ViewerProtocolPolicy: 'https-only',
        AllowedMethods: expect.arrayContaining(['POST', 'PUT', 'DELETE']),
      });
      expect(config.Origins).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            DomainName: API_DOMAIN,
            CustomOriginConfig: expect.objectContaining({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] }),
          }),
        ]),
      );
    });

    it('adds the origin secret to every request it forwards to the API, as a deploy-time reference to the secret (never its value)', () => {
      const arn = 'arn:aws:secretsmanager:eu-west-3:111111111111:secret:Guichet-SecretOrigine-AbCdEf';
      const avec = new WebStack(newApp(), 'Test-Web-Origine', { apiDomainName: API_DOMAIN, auth: AUTH, secretOrigineArn: arn });
      const [d] = Object.values(Template.fromStack(avec).findResources('AWS::CloudFront::Distribution'));
      const origines = d!.Properties.DistributionConfig.Origins as { DomainName: string; OriginCustomHeaders?: { HeaderName: string; HeaderValue: string }[] }[];
      const api = origines.find((o) => o.DomainName === API_DOMAIN)!;
      expect(api.OriginCustomHeaders).toEqual([{ HeaderName: 'x-guichet-origine', HeaderValue: `{{resolve:secretsmanager:${arn}:SecretString:::}}` }]);
      // The site's bucket origin gets nothing.
      expect(origines.filter((o) => o.OriginCustomHeaders)).toHaveLength(1);
    });

    it('keeps API error statuses when the SPA fallback is done by a viewer-request function', () => {
      expect(config.CustomErrorResponses).toBeUndefined();
      expect(config.DefaultCacheBehavior.FunctionAssociations).toEqual([
        expect.objectContaining({ EventType: 'viewer-request' }),
      ]);
      const api = config.CacheBehaviors.find((b) => b.PathPattern === '/api/*');
      expect(api!.FunctionAssociations).toBeUndefined();
    });

    it('adds security headers and access logging when synthesized', () => {
      template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
        ResponseHeadersPolicyConfig: {
          SecurityHeadersConfig: Match.objectLike({
            StrictTransportSecurity: Match.objectLike({ AccessControlMaxAgeSec: 63_072_000, Override: true }),
            ContentTypeOptions: { Override: true },
            ContentSecurityPolicy: Match.objectLike({ ContentSecurityPolicy: Match.stringLikeRegexp("default-src 'self'") }),
          }),
        },
      });
      expect(config.Logging).toMatchObject({ Prefix: 'cloudfront/' });
    });
  });

  describe('SPA rewrite', () => {
    const handler = new Function(`${SPA_REWRITE_CODE}; return handler;`)() as (e: unknown) => { uri: string };
    const rewrite = (uri: string) => handler({ request: { uri } }).uri;

    it('serves index.html when the path is a client-side route', () => {
      expect(rewrite('/')).toBe('/index.html');
      expect(rewrite('/aaps/01HX/fiches/ET1')).toBe('/index.html');
      expect(rewrite('/v1.2/gestion')).toBe('/index.html');
    });

    it('leaves the uri alone when the path names a file', () => {
      expect(rewrite('/assets/index-3f2a.js')).toBe('/assets/index-3f2a.js');
      expect(rewrite('/favicon.svg')).toBe('/favicon.svg');
    });
  });

  describe('deployment', () => {
    const deployments = (t: Template) => Object.values(t.findResources('Custom::CDKBucketDeployment'));

    it('uploads the SPA, config.json apart, and invalidates the distribution when web/dist exists', () => {
      template.resourceCountIs('Custom::CDKBucketDeployment', 2);
      const spa = deployments(template).find((d) => d.Properties.DistributionPaths[0] === '/*')!;
      // The SPA's sync neither uploads nor prunes config.json, which the other deployment owns.
      // Nor any source map: they would publish the whole source.
      expect(spa.Properties.Exclude).toEqual([SPA_CONFIG_KEY, '*.map', '**/*.map']);
      expect(spa.Properties.Prune).not.toBe(false);
    });

    it('deploys config.json with the pool, the client, French and the managed login logout, never cached', () => {
      const deployment = deployments(template).find((d) => d.Properties.DistributionPaths[0] === '/config.json')!;
      expect(deployment.Properties).toMatchObject({
        Prune: false,
        SystemMetadata: { 'cache-control': 'no-cache', 'content-type': 'application/json' },
      });
      // Deploy-time values (issuer, client id, distribution domain) are markers the provider fills in.
      expect(deployment.Properties.SourceMarkers).toBeDefined();
      const route = config.CacheBehaviors.find((b) => b.PathPattern === '/config.json');
      expect(route).toMatchObject({ CachePolicyId: CACHING_DISABLED, ViewerProtocolPolicy: 'redirect-to-https' });
      expect(route!.ResponseHeadersPolicyId).toEqual(config.DefaultCacheBehavior.ResponseHeadersPolicyId);
    });

    it('writes the sign-in settings the SPA reads when config.json is built', () => {
      expect(spaConfig(AUTH, 'https://guichet.example.fr')).toEqual({
        authority: AUTH.authority,
        clientId: 'client123',
        scopes: 'openid email profile aws.cognito.signin.user.admin',
        parametresAutorisation: { lang: 'fr' },
        urlDeconnexion:
          'https://guichet-recette.auth.eu-west-3.amazoncognito.com/logout?client_id=client123&logout_uri=https://guichet.example.fr/',
      });
      const { urlDeconnexion, ...sansDomaine } = spaConfig({ authority: AUTH.authority, clientId: 'c' }, 'https://x');
      expect(urlDeconnexion).toBeUndefined();
      expect(sansDomaine.authority).toBe(AUTH.authority);
    });

    it('deploys config.json but not the SPA, and leaves a note, when web/dist is absent', () => {
      const bare = new WebStack(newApp(), 'Test-Web-Bare', { apiDomainName: API_DOMAIN, auth: AUTH });
      const t = Template.fromStack(bare);
      expect(deployments(t).map((d) => d.Properties.DistributionPaths)).toEqual([['/config.json']]);
      Annotations.fromStack(bare).hasInfo('/Test-Web-Bare', Match.stringLikeRegexp('web/dist is absent'));
      expect(nagViolations(bare, 'error')).toEqual([]);
    });
  });

  describe('content security policy', () => {
    const directive = (name: string) =>
      CONTENT_SECURITY_POLICY.split('; ').find((d) => d.startsWith(`${name} `))!.split(' ').slice(1);
    /** CSP host-source matching, enough for `https://*.suffix` and exact origins. */
    const allowed = (sources: string[], url: string) => {
      const { protocol, host } = new URL(url);
      return sources.some((s) => {
        const m = /^(https?:)\/\/(\*\.)?(.+)$/.exec(s);
        if (!m || m[1] !== protocol) return false;
        return m[2] ? host.endsWith(`.${m[3]}`) : host === m[3];
      });
    };

    it('lets the SPA reach the issuer (discovery, JWKS), the managed login domain (token endpoint) and S3', () => {
      const connect = directive('connect-src');
      expect(allowed(connect, `${AUTH.authority}/.well-known/openid-configuration`)).toBe(true);
      expect(allowed(connect, `${AUTH.authority}/.well-known/jwks.json`)).toBe(true);
      expect(allowed(connect, `${AUTH.loginBaseUrl}/oauth2/token`)).toBe(true);
      expect(allowed(connect, 'https://guichet-fichiers.s3.eu-west-3.amazonaws.com/')).toBe(true);
      expect(allowed(connect, 'https://evil.example.com/')).toBe(false);
    });
  });

  describe('TLS', () => {
    it('requires TLS 1.2 (2021) when a custom domain and certificate are configured', () => {
      const custom = new WebStack(newApp(), 'Test-Web-Domain', {
        apiDomainName: API_DOMAIN,
        auth: AUTH,
        domainName: 'guichet.example.fr',
        certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
      });
      Template.fromStack(custom).hasResourceProperties('AWS::CloudFront::Distribution', {
        DistributionConfig: Match.objectLike({
          Aliases: ['guichet.example.fr'],
          ViewerCertificate: Match.objectLike({ MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' }),
        }),
      });
      expect(nagViolations(custom, 'error')).toEqual([]);
    });
  });

  describe('cdk-nag AwsSolutions', () => {
    it('reports no error when every finding is fixed or acknowledged with a reason', () => {
      expect(nagViolations(stack, 'error')).toEqual([]);
    });

    it('reports no warning when every finding is fixed or acknowledged with a reason', () => {
      expect(nagViolations(stack, 'warning')).toEqual([]);
    });
  });
});
