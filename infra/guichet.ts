import { Fn, type App } from 'aws-cdk-lib';
import { evenementsS3 as manifestEvenements, routes as manifest, type RouteDefinition } from '#shared/http/routes';
import type { GuichetConfig } from '#infra/config';
import { ApiStack, type EvenementS3Definition } from '#infra/stacks/api-stack';
import { StatefulStack } from '#infra/stacks/stateful-stack';
import { WebStack } from '#infra/stacks/web-stack';
import { NotificationsStack } from '#infra/stacks/notifications-stack';
import { OperationsStack } from '#infra/stacks/operations-stack';
import { VerificationStack } from '#infra/stacks/verification-stack';
import { WAF_REGION, WafStack } from '#infra/stacks/waf-stack';

export interface GuichetStacks {
  stateful: StatefulStack;
  api: ApiStack;
  web: WebStack;
  notifications: NotificationsStack;
  verification: VerificationStack;
  operations: OperationsStack;
  /** Absent when an existing web ACL is given (`webAclArn`). */
  waf?: WafStack;
}

export interface BuildOptions extends GuichetConfig {
  /** Built SPA folder, if any. */
  webAssetsPath?: string;
  /** @default the route manifest of shared/http/routes.ts */
  routes?: readonly RouteDefinition[];
  /** @default the `evenementsS3` of shared/http/routes.ts */
  evenementsS3?: readonly EvenementS3Definition[];
}

/**
 * The stacks, env-agnostic but the WAF one (us-east-1): stateful (table, files bucket, user pool, malware scan) ← api
 * (one function per route) ← web (SPA + CloudFront in front of the API, with the WAF stack's web ACL); verification
 * (S3 events, GuardDuty verdict, sweep) and notifications beside the api; operations (alarms, dashboard) over all.
 */
export function buildGuichet(app: App, options: BuildOptions): GuichetStacks {
  const prefix = options.stackPrefix;
  const stateful = new StatefulStack(app, `${prefix}-Stateful`, {
    description: 'Guichet : table, fichiers et annuaire des utilisateurs (ressources conservées)',
    allowedOrigins: options.allowedOrigins,
    cognitoDomainPrefix: options.cognitoDomainPrefix,
    email: options.email,
  });
  const api = new ApiStack(app, `${prefix}-Api`, {
    description: 'Guichet : API HTTP, une fonction par route du manifeste',
    routes: options.routes ?? manifest,
    stateful,
    allowedOrigins: options.allowedOrigins,
    ...(options.apiDomainName && options.apiCertificateArn
      ? { customDomain: { domainName: options.apiDomainName, certificateArn: options.apiCertificateArn } }
      : {}),
  });
  const verification = new VerificationStack(app, `${prefix}-Verification`, {
    description: 'Guichet : vérification des pièces (événements S3, verdict GuardDuty, balayage) et sa file d’échecs',
    stateful,
    evenementsS3: options.evenementsS3 ?? manifestEvenements,
  });
  // The web ACL of a CloudFront distribution lives in us-east-1: its own stack, read back by the web stack.
  const waf = options.webAclArn
    ? undefined
    : new WafStack(app, `${prefix}-Waf`, {
        description: 'Guichet : pare-feu applicatif (AWS WAF) de la distribution CloudFront',
        parameterName: `/guichet/${prefix}/web-acl-arn`,
      });
  const web = new WebStack(app, `${prefix}-Web`, {
    description: 'Guichet : application web (SPA) et distribution CloudFront',
    apiDomainName: api.apiDomainName,
    webAssetsPath: options.webAssetsPath,
    domainName: options.domainName,
    certificateArn: options.certificateArn,
    webAclArn: options.webAclArn,
    ...(waf ? { webAclParameter: { name: `/guichet/${prefix}/web-acl-arn`, region: WAF_REGION } } : {}),
    secretOrigineArn: Fn.importValue(stateful.exportNames.secretOrigineArn),
    // Imported by explicit export name, like the table and bucket of the api stack.
    auth: {
      authority: Fn.importValue(stateful.exportNames.oidcIssuer),
      clientId: Fn.importValue(stateful.exportNames.userPoolClientId),
      ...(stateful.exportNames.loginBaseUrl ? { loginBaseUrl: Fn.importValue(stateful.exportNames.loginBaseUrl) } : {}),
    },
  });
  web.addStackDependency(stateful);
  if (waf) web.addStackDependency(waf);
  const notifications = new NotificationsStack(app, `${prefix}-Notifications`, {
    description: 'Guichet : courriels de notification (boîte d’envoi, flux DynamoDB, SES) et rappels planifiés',
    stateful,
    // E-mails link to the app's pages: its custom domain, or else its first allowed origin.
    publicUrl: options.domainName ? `https://${options.domainName}` : (options.allowedOrigins[0] ?? 'https://guichet.example'),
    email: options.email,
  });
  const operations = new OperationsStack(app, `${prefix}-Operations`, {
    description: 'Guichet : alarmes CloudWatch et tableau de bord d’exploitation',
    api,
    verification,
    notifications,
    alarmTopicArn: options.alarmTopicArn,
  });
  return { stateful, api, verification, web, notifications, operations, ...(waf ? { waf } : {}) };
}
