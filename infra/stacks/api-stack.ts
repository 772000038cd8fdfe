import { Annotations, CfnOutput, Duration, Fn, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  ApiMapping,
  CfnRoute,
  CfnStage,
  CorsHttpMethod,
  DomainName,
  SecurityPolicy,
  HttpApi,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { Access, RouteDefinition } from '#shared/http/routes';
import type { GuichetFunction } from '#infra/constructs/guichet-function';
import { ApiAreaStack, routeArea } from '#infra/stacks/api-area-stack';
import type { StatefulStack } from '#infra/stacks/stateful-stack';

export { functionId, routeArea, RESOURCES_PER_ROUTE } from '#infra/stacks/api-area-stack';

/** An entry of the manifest's `evenementsS3`: a handler run on S3 ObjectCreated under a key prefix. */
export interface EvenementS3Definition {
  handler: string;
  prefixe: string;
  access: { table?: Access; bucket?: Access; verifie?: 'write' };
}

export interface ApiStackProps extends StackProps {
  routes: readonly RouteDefinition[];
  stateful: StatefulStack;
  allowedOrigins: readonly string[];
  /**
   * The API's own domain (regional ACM certificate in the API's region). When set, the execute-api endpoint is
   * disabled and CloudFront reaches the API on this domain only, so no request can go around the web ACL.
   */
  customDomain?: { domainName: string; certificateArn: string };
}

/**
 * The stage is named like the path prefix CloudFront forwards (`/api/*`), so `/api/aaps` on the distribution reaches
 * the route `GET /aaps` of this stage without any rewriting, exactly as the local runtime serves it.
 */
export const API_STAGE = 'api';

/** Stage-wide throttling; API Gateway answers 429 beyond it. */
export const THROTTLE = { rateLimit: 50, burstLimit: 100 } as const;

/**
 * Functions triggered by S3 events read whole uploaded files (pièces up to 50 MB, buffered, PDFs parsed): more memory,
 * hence more CPU, and a longer timeout than the API's.
 */
export const EVENT_FUNCTION = { memorySize: 1024, timeoutSeconds: 60 } as const;

/** S3 refuses two notification configurations whose prefixes overlap for the same event type. */
export function checkPrefixes(evenements: readonly EvenementS3Definition[]): void {
  for (const [i, a] of evenements.entries()) {
    if (a.prefixe === '') throw new Error(`${a.handler}: evenementsS3 needs a key prefix.`);
    for (const b of evenements.slice(i + 1)) {
      if (a.prefixe.startsWith(b.prefixe) || b.prefixe.startsWith(a.prefixe)) {
        throw new Error(`evenementsS3: prefixes "${a.prefixe}" (${a.handler}) and "${b.prefixe}" (${b.handler}) overlap.`);
      }
    }
  }
}

/**
 * One function, one route and least-privilege grants per entry of the route manifest (localOnly entries excepted).
 * The HTTP API, its stage and the routes live here; each area's functions, integrations and invoke permissions live in
 * a nested stack of this one (ApiAreaStack), so that no stack nears CloudFormation's 500 resources as routes are added.
 */
export class ApiStack extends Stack {
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  /** Route key (`GET /aaps`) → its function, whatever the area's nested stack holding it. */
  readonly functions = new Map<string, GuichetFunction>();
  /** Area (`Aaps`, see routeArea) → the nested stack of its functions. */
  readonly areas = new Map<string, ApiAreaStack>();
  /** Host name of the execute-api endpoint, for the CloudFront origin. */
  readonly apiDomainName: string;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { stateful } = props;
    this.addStackDependency(stateful);
    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'Guichet — API des appels à projets et des demandes de subvention',
      createDefaultStage: false,
      // Only through CloudFront (its web ACL, its headers) when the API has its own domain: see customDomain.
      disableExecuteApiEndpoint: Boolean(props.customDomain),
      corsPreflight: {
        allowOrigins: [...props.allowedOrigins],
        allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PUT, CorsHttpMethod.DELETE],
        allowHeaders: ['authorization', 'content-type', 'if-match', 'idempotency-key'],
        exposeHeaders: ['etag', 'x-request-id'],
        maxAge: Duration.hours(1),
      },
    });

    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: RetentionDays.SIX_MONTHS });
    this.stage = new HttpStage(this, 'Stage', {
      httpApi: this.httpApi,
      stageName: API_STAGE,
      autoDeploy: true,
      throttle: THROTTLE,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        // Who called what and how it went; never bodies, tokens or query strings.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTime',
            ip: '$context.identity.sourceIp',
            method: '$context.httpMethod',
            routeKey: '$context.routeKey',
            status: '$context.status',
            protocol: '$context.protocol',
            responseLength: '$context.responseLength',
            latencyMs: '$context.responseLatency',
            integrationLatencyMs: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });

    // Routes grouped by area, in the manifest's order.
    const byArea = new Map<string, RouteDefinition[]>();
    for (const route of props.routes) {
      if (route.localOnly) continue;
      const area = routeArea(route);
      byArea.set(area, [...(byArea.get(area) ?? []), route]);
    }
    for (const [area, routes] of byArea) {
      const stack = new ApiAreaStack(this, area, {
        description: `Guichet : fonctions de l’API, domaine ${area}`,
        routes,
        stateful,
        httpApi: this.httpApi,
      });
      this.areas.set(area, stack);
      for (const [key, fn] of stack.functions) this.functions.set(key, fn);
    }

    const routesByKey = new Map<string, CfnRoute>();
    for (const route of props.routes) {
      if (route.localOnly) continue;
      const key = `${route.method} ${route.path}`;
      const integration = this.areas.get(routeArea(route))!.integrations.get(key)!;
      // The construct path HttpApi.addRoutes gives a route (`HttpApi/GET--aaps/Resource`), hence the same logical id: a
      // deployed route is updated in place to target its integration in the area's stack. A new route resource could
      // not be created beside it (API Gateway refuses a second route with the same key).
      const httpRoute = new CfnRoute(new Construct(this.httpApi, `${route.method}${route.path}`), 'Resource', {
        apiId: this.httpApi.apiId,
        routeKey: key,
        target: `integrations/${integration.integrationId}`,
        authorizationType: 'NONE',
      });
      Validations.of(httpRoute).acknowledge({ id: 'AwsSolutions-APIG4', reason: authorizationReason(route) });
      routesByKey.set(key, httpRoute);
    }

    this.applyRouteThrottles(props.routes, routesByKey);

    if (props.customDomain) {
      // With the execute-api endpoint disabled, the API answers only on this domain, reached through CloudFront (and
      // its web ACL): the regional domain's DNS name must point to `regionalDomainName` (output below).
      const domainName = new DomainName(this, 'Domaine', {
        domainName: props.customDomain.domainName,
        certificate: Certificate.fromCertificateArn(this, 'CertificatApi', props.customDomain.certificateArn),
        securityPolicy: SecurityPolicy.TLS_1_2,
      });
      new ApiMapping(this, 'Mapping', { api: this.httpApi, domainName, stage: this.stage, apiMappingKey: API_STAGE });
      this.apiDomainName = props.customDomain.domainName;
      new CfnOutput(this, 'ApiRegionalDomainName', { value: domainName.regionalDomainName });
    } else {
      this.apiDomainName = Fn.select(2, Fn.split('/', this.httpApi.apiEndpoint));
      Annotations.of(this).addInfo(
        'No apiDomainName/apiCertificateArn context: the execute-api endpoint stays enabled (CloudFront needs it). Requests sent to it directly get 403 ACCES_DIRECT_REFUSE (no origin secret), but they still reach a function: set both to disable the endpoint.',
      );
    }
    new CfnOutput(this, 'ApiUrl', { value: this.stage.url });
  }

  /**
   * Throttling per route class (the stage's limits are shared by every caller): anonymous documents (PDF rendering,
   * 1 GB functions for seconds) and anonymous browsing get their own, lower, limits, so that a flood on public
   * routes cannot starve the signed-in users' JSON routes, which keep the stage default. Per-client limits are
   * the web ACL's rate-based rule.
   */
  private applyRouteThrottles(routes: readonly RouteDefinition[], routesByKey: Map<string, CfnRoute>): void {
    const cfnStage = this.stage.node.defaultChild as CfnStage;
    const settings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};
    for (const route of routes) {
      const classe = routeClass(route);
      if (route.localOnly || classe === 'authentifie') continue;
      const key = `${route.method} ${route.path}`;
      const limits = ROUTE_THROTTLES[classe];
      settings[key] = { ThrottlingRateLimit: limits.rateLimit, ThrottlingBurstLimit: limits.burstLimit };
      // A route setting names a route key: the route must exist before the stage is updated.
      const httpRoute = routesByKey.get(key);
      if (httpRoute) cfnStage.node.addDependency(httpRoute);
    }
    cfnStage.addPropertyOverride('RouteSettings', settings);
  }
}

/** Throttle classes, from the manifest: who may call (auth) and what it returns (output). */
export type RouteClass = 'document_anonyme' | 'public' | 'authentifie';

export function routeClass(route: Pick<RouteDefinition, 'auth' | 'output'>): RouteClass {
  if (route.auth !== 'public') return 'authentifie';
  return route.output === 'pdf' ? 'document_anonyme' : 'public';
}

/** Requests per second (steady, burst) per class; `authentifie` is the stage default (THROTTLE). */
export const ROUTE_THROTTLES: Record<RouteClass, { rateLimit: number; burstLimit: number }> = {
  document_anonyme: { rateLimit: 5, burstLimit: 10 },
  public: { rateLimit: 25, burstLimit: 50 },
  authentifie: THROTTLE,
};

/** Why a route has no API Gateway authorizer (AwsSolutions-APIG4). */
export function authorizationReason(route: RouteDefinition): string {
  return route.auth === 'public'
    ? `${route.method} ${route.path} is public by design (manifest auth: 'public'): ${route.summary}. Anonymous visitors browse published AAPs; every other route verifies the Cognito ID token in its handler.`
    : `${route.method} ${route.path} (manifest auth: 'jwt'): the handler verifies the Cognito ID token itself — signature by the user pool's JWKS, issuer, audience (the SPA client id), expiry — so that refusals carry the product's French {code, message} (an HTTP API cannot customise its authorizer's 401); no token, no call.`;
}
