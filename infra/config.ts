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
  /**
   * An existing AWS WAF web ACL (scope CLOUDFRONT, us-east-1) to attach to the distribution instead of the one the
   * WAF stack creates.
   */
  webAclArn?: string;
  /**
   * The API's own domain and its regional ACM certificate (the API's region). With both, the execute-api endpoint is
   * disabled and CloudFront (with its web ACL) is the only way to the API; point the domain's DNS at the
   * `ApiRegionalDomainName` output.
   */
  apiDomainName?: string;
  apiCertificateArn?: string;
  /** SNS topic the CloudWatch alarms notify (optional). */
  alarmTopicArn?: string;
  /** Prefix of the Cognito managed login domain (`<prefix>.auth.<region>.amazoncognito.com`), globally unique. */
  cognitoDomainPrefix?: string;
  /** How the user pool sends its e-mails (verification codes, invitations): through Amazon SES. */
  email: EmailConfig;
}

/**
 * Cognito sends through SES (`EmailSendingAccount: DEVELOPER`): Cognito's own sender is limited to 50 messages a day
 * and cannot use a Guichet address. The identity (`sesVerifiedDomain`, or else `sesFromEmail`) must be verified in
 * SES, out of the sandbox, in `sesRegion`.
 */
export interface EmailConfig {
  /** `-c sesFromEmail=ne-pas-repondre@guichet.example.fr`. */
  fromEmail: string;
  /** @default 'Guichet' */
  fromName: string;
  /** Region of the SES identity; undefined: the user pool's region. */
  sesRegion?: string;
  /** Verified SES domain of `fromEmail` (its domain part), when the domain rather than the address is verified. */
  sesVerifiedDomain?: string;
  /** Where answers go; undefined: `fromEmail`. */
  replyTo?: string;
}

/**
 * Used when no `sesFromEmail` is given, so that `cdk synth` and the tests work offline. `.example` is reserved: SES
 * cannot verify it, so a deployment with it fails on the user pool instead of sending from an unknown address.
 */
export const PLACEHOLDER_FROM_EMAIL = 'ne-pas-repondre@guichet.example';

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

/** Cognito's rule for managed login prefixes; `aws`, `amazon` and `cognito` are reserved words. */
function domainPrefix(app: App): string | undefined {
  const prefix = text(app, 'cognitoDomainPrefix');
  if (prefix === undefined) return undefined;
  if (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(prefix) || /aws|amazon|cognito/.test(prefix)) {
    throw new Error(`Context "cognitoDomainPrefix": "${prefix}" must be lower-case letters, digits and hyphens, without aws, amazon or cognito.`);
  }
  return prefix;
}

const EMAIL = /^[A-Za-z0-9._%+-]+@([A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+)$/;
const DOMAIN = /^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;

function email(app: App): EmailConfig {
  const fromEmail = text(app, 'sesFromEmail') ?? PLACEHOLDER_FROM_EMAIL;
  const replyTo = text(app, 'sesReplyTo');
  const sesRegion = text(app, 'sesRegion');
  const sesVerifiedDomain = text(app, 'sesVerifiedDomain');
  for (const [key, value] of [['sesFromEmail', fromEmail], ['sesReplyTo', replyTo]] as const) {
    if (value !== undefined && !EMAIL.test(value)) throw new Error(`Context "${key}": "${value}" is not an e-mail address (ASCII).`);
  }
  if (sesRegion !== undefined && !REGION.test(sesRegion)) throw new Error(`Context "sesRegion": "${sesRegion}" is not an AWS region.`);
  if (sesVerifiedDomain !== undefined) {
    if (!DOMAIN.test(sesVerifiedDomain)) throw new Error(`Context "sesVerifiedDomain": "${sesVerifiedDomain}" is not a domain name.`);
    if (fromEmail.split('@')[1]!.toLowerCase() !== sesVerifiedDomain.toLowerCase()) {
      throw new Error(`Context "sesFromEmail" (${fromEmail}) must be an address of "sesVerifiedDomain" (${sesVerifiedDomain}).`);
    }
  }
  return { fromEmail, fromName: text(app, 'sesFromName') ?? 'Guichet', sesRegion, sesVerifiedDomain, replyTo };
}

export function readConfig(app: App): GuichetConfig {
  const domainName = text(app, 'domainName');
  const certificateArn = text(app, 'certificateArn');
  if (domainName && !certificateArn) throw new Error('Context "domainName" requires "certificateArn" (us-east-1).');
  const apiDomainName = text(app, 'apiDomainName');
  const apiCertificateArn = text(app, 'apiCertificateArn');
  if (Boolean(apiDomainName) !== Boolean(apiCertificateArn)) throw new Error('Contexts "apiDomainName" and "apiCertificateArn" go together.');
  const allowed = origins(app);
  if (domainName && !allowed.includes(`https://${domainName}`)) allowed.push(`https://${domainName}`);
  return {
    stackPrefix: text(app, 'stackPrefix') ?? 'Guichet',
    allowedOrigins: allowed,
    domainName,
    certificateArn,
    webAclArn: text(app, 'webAclArn'),
    apiDomainName,
    apiCertificateArn,
    alarmTopicArn: text(app, 'alarmTopicArn'),
    cognitoDomainPrefix: domainPrefix(app),
    email: email(app),
  };
}
