import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ALLOWED_ORIGINS, PLACEHOLDER_FROM_EMAIL, readConfig } from '#infra/config';
import { functionId } from '#infra/stacks/api-stack';

const config = (context: Record<string, unknown>) => readConfig(new App({ context }));

describe('readConfig', () => {
  it('falls back to the documented defaults when no context is given', () => {
    expect(config({})).toEqual({
      stackPrefix: 'Guichet',
      allowedOrigins: DEFAULT_ALLOWED_ORIGINS,
      domainName: undefined,
      certificateArn: undefined,
      webAclArn: undefined,
      cognitoDomainPrefix: undefined,
      email: { fromEmail: PLACEHOLDER_FROM_EMAIL, fromName: 'Guichet', sesRegion: undefined, sesVerifiedDomain: undefined, replyTo: undefined },
    });
  });

  it('reads the SES sender when sesFromEmail and its companions are given', () => {
    expect(
      config({
        sesFromEmail: 'ne-pas-repondre@guichet.example.fr',
        sesFromName: 'Guichet FSE+',
        sesRegion: 'eu-west-1',
        sesVerifiedDomain: 'guichet.example.fr',
        sesReplyTo: 'contact@guichet.example.fr',
      }).email,
    ).toEqual({
      fromEmail: 'ne-pas-repondre@guichet.example.fr',
      fromName: 'Guichet FSE+',
      sesRegion: 'eu-west-1',
      sesVerifiedDomain: 'guichet.example.fr',
      replyTo: 'contact@guichet.example.fr',
    });
  });

  it('refuses a malformed SES sender, region or domain, or an address outside the verified domain', () => {
    expect(() => config({ sesFromEmail: 'guichet' })).toThrow(/sesFromEmail/);
    expect(() => config({ sesFromEmail: 'é@guichet.example.fr' })).toThrow(/sesFromEmail/);
    expect(() => config({ sesReplyTo: 'contact@' })).toThrow(/sesReplyTo/);
    expect(() => config({ sesRegion: 'paris' })).toThrow(/sesRegion/);
    expect(() => config({ sesFromEmail: 'a@guichet.example.fr', sesVerifiedDomain: 'autre.example.fr' })).toThrow(/sesVerifiedDomain/);
  });

  it('refuses a managed login prefix Cognito would refuse', () => {
    expect(config({ cognitoDomainPrefix: 'guichet-recette' }).cognitoDomainPrefix).toBe('guichet-recette');
    expect(() => config({ cognitoDomainPrefix: 'Guichet' })).toThrow(/cognitoDomainPrefix/);
    expect(() => config({ cognitoDomainPrefix: 'guichet-cognito' })).toThrow(/cognitoDomainPrefix/);
  });

  it('accepts a comma-separated list when allowedOrigins comes from the command line', () => {
    expect(config({ allowedOrigins: 'https://a.example.fr, https://b.example.fr/' }).allowedOrigins).toEqual([
      'https://a.example.fr',
      'https://b.example.fr',
    ]);
  });

  it('adds the custom domain origin when domainName is set', () => {
    const c = config({
      allowedOrigins: ['https://d123.cloudfront.net'],
      domainName: 'guichet.example.fr',
      certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
    });
    expect(c.allowedOrigins).toEqual(['https://d123.cloudfront.net', 'https://guichet.example.fr']);
  });

  it('refuses a domain without certificate or an origin with a path when misconfigured', () => {
    expect(() => config({ domainName: 'guichet.example.fr' })).toThrow(/certificateArn/);
    expect(() => config({ allowedOrigins: 'https://guichet.example.fr/app' })).toThrow(/not an origin/);
    expect(() => config({ allowedOrigins: '*' })).toThrow(/not an origin/);
  });
});

describe('functionId', () => {
  it('derives a stable PascalCase construct id when given a handler path', () => {
    expect(functionId('functions/aaps/list-aaps.ts')).toBe('AapsListAaps');
    expect(functionId('functions/systeme/get-health.ts')).toBe('SystemeGetHealth');
  });
});
