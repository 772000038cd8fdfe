import { Fn, type App } from 'aws-cdk-lib';
import { evenementsS3 as manifestEvenements, routes as manifest, type RouteDefinition } from '#shared/http/routes';
import type { GuichetConfig } from '#infra/config';
import { ApiStack, type EvenementS3Definition } from '#infra/stacks/api-stack';
import { StatefulStack } from '#infra/stacks/stateful-stack';
import { WebStack } from '#infra/stacks/web-stack';
import { NotificationsStack } from '#infra/stacks/notifications-stack';

export interface GuichetStacks {
  stateful: StatefulStack;
  api: ApiStack;
  web: WebStack;
  notifications: NotificationsStack;
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
 * The three stacks, env-agnostic: stateful (table, files bucket, user pool, malware scan) ← api (one function per route
 * and per S3 event) ← web (SPA + CloudFront in front of the API).
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
    evenementsS3: options.evenementsS3 ?? manifestEvenements,
    stateful,
    allowedOrigins: options.allowedOrigins,
  });
  const web = new WebStack(app, `${prefix}-Web`, {
    description: 'Guichet : application web (SPA) et distribution CloudFront',
    apiDomainName: api.apiDomainName,
    webAssetsPath: options.webAssetsPath,
    domainName: options.domainName,
    certificateArn: options.certificateArn,
    webAclArn: options.webAclArn,
    // Imported by explicit export name, like the table and bucket of the api stack.
    auth: {
      authority: Fn.importValue(stateful.exportNames.oidcIssuer),
      clientId: Fn.importValue(stateful.exportNames.userPoolClientId),
      ...(stateful.exportNames.loginBaseUrl ? { loginBaseUrl: Fn.importValue(stateful.exportNames.loginBaseUrl) } : {}),
    },
  });
  web.addStackDependency(stateful);
  const notifications = new NotificationsStack(app, `${prefix}-Notifications`, {
    description: 'Guichet : courriels de notification (boîte d’envoi, flux DynamoDB, SES) et rappels planifiés',
    stateful,
    // E-mails link to the app's pages: its custom domain, or else its first allowed origin.
    publicUrl: options.domainName ? `https://${options.domainName}` : (options.allowedOrigins[0] ?? 'https://guichet.example'),
    email: options.email,
  });
  return { stateful, api, web, notifications };
}
