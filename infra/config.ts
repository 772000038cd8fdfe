import type { App } from 'aws-cdk-lib';

/**
 * Deployment settings read from CDK context (`cdk.json` or `-c key=value`). Every value has a default so that
 * `cdk synth` works offline with env-agnostic stacks.
 */
export interface GuichetConfig {
  /** Prefix of the three stack names, so that several environments can live in one account (`Guichet-Recette`). */
  stackPrefix: string;
  /**
   * Browser origins allowed by the bucket CORS rules (presigned POST uploads go straight to S3), the HTTP API
   * preflight and the Cognito callback URLs. The CloudFront domain cannot be used by default: it is created by the
   * web stack, which depends on the stateful stack (circular). Set it explicitly after the first deployment
   * (`-c allowedOrigins=https://d123.cloudfront.net`) or set `domainName`, whose https origin is always added.
   */
  allowedOrigins: string[];
  /** Custom domain of the distribution (optional); requires `certificateArn`. */
  domainName?: string;
  /** ACM certificate in us-east-1 for `domainName`; enables TLS 1.2 (2021) as the minimum viewer protocol. */
  certificateArn?: string;
  /** AWS WAF web ACL (scope CLOUDFRONT, us-east-1) to attach to the distribution (optional). */
  webAclArn?: string;
  /** Prefix of the Cognito managed login domain (`<prefix>.auth.<region>.amazoncognito.com`), globally unique. */
  cognitoDomainPrefix?: string;
}

export const DEFAULT_ALLOWED_ORIGINS = ['http://localhost:5173'];

function text(app: App, key: string): string | undefined {
  const value: unknown = app.node.tryGetContext(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new Error(`Context "${key}" must be a string.`);
  return value;
}

/** Accepts a JSON array (cdk.json) or a comma-separated string (`-c allowedOrigins=a,b`). */
function origins(app: App): string[] {
  const value: unknown = app.node.tryGetContext('allowedOrigins');
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : DEFAULT_ALLOWED_ORIGINS;
  const cleaned = list.map((o) => String(o).trim().replace(/\/+$/, '')).filter((o) => o.length > 0);
  for (const o of cleaned) {
    if (!/^https?:\/\/[^/*\s]+$/.test(o)) throw new Error(`allowedOrigins: "${o}" is not an origin (scheme://host[:port]).`);
  }
  return cleaned;
}

export function readConfig(app: App): GuichetConfig {
  const domainName = text(app, 'domainName');
  const certificateArn = text(app, 'certificateArn');
  if (domainName && !certificateArn) throw new Error('Context "domainName" requires "certificateArn" (us-east-1).');
  const allowed = origins(app);
  if (domainName && !allowed.includes(`https://${domainName}`)) allowed.push(`https://${domainName}`);
  return {
    stackPrefix: text(app, 'stackPrefix') ?? 'Guichet',
    allowedOrigins: allowed,
    domainName,
    certificateArn,
    webAclArn: text(app, 'webAclArn'),
    cognitoDomainPrefix: text(app, 'cognitoDomainPrefix'),
  };
}
