import { Duration, Fn, NestedStack, Stack, type NestedStackProps } from 'aws-cdk-lib';
import { HttpIntegration, HttpIntegrationType, PayloadFormatVersion, type IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Table } from 'aws-cdk-lib/aws-dynamodb';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { cleDe, type RouteDefinition } from '#shared/http/contrats/definition';
import { GuichetFunction } from '#infra/constructs/guichet-function';
import { ENV, TABLE } from '#infra/definitions';
import type { StatefulStack } from '#infra/stacks/stateful-stack';

/**
 * CloudFormation resources per route in an area's nested stack: function, role, policy, log group, integration and
 * the permission letting API Gateway invoke the function. The route itself stays in the api stack (see ApiStack).
 */
export const RESOURCES_PER_ROUTE = 6;

/** `functions/aaps/list-aaps.ts` → `Aaps`: the area of a route is the folder of its handler (its contrats module). */
export function routeArea(route: Pick<RouteDefinition, 'handler'>): string {
  const match = /^functions\/([a-z0-9-]+)\//.exec(route.handler);
  if (!match) throw new Error(`${route.handler}: a route handler lives under functions/<area>/.`);
  return match[1]!
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/** `functions/aaps/list-aaps.ts` → `AapsListAaps`: stable construct ids, hence stable logical ids. */
export function functionId(handler: string): string {
  return handler
    .replace(/^functions\//, '')
    .replace(/\.ts$/, '')
    .split(/[/-]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

export interface ApiAreaStackProps extends NestedStackProps {
  /** The routes of this area (none localOnly). */
  routes: readonly RouteDefinition[];
  stateful: StatefulStack;
  httpApi: IHttpApi;
}

/**
 * The functions of one area of the API (one per route, least-privilege grants from its `access`), with their API
 * Gateway integrations and invoke permissions, in a nested stack of the api stack: CloudFormation caps a stack at
 * 500 resources, and a route costs seven (RESOURCES_PER_ROUTE here plus its route in the api stack), so one stack
 * per area keeps each of them far from the cap as areas and routes are added.
 */
export class ApiAreaStack extends NestedStack {
  /** Route key (`GET /aaps`) → its function. */
  readonly functions = new Map<string, GuichetFunction>();
  /** Route key → the integration its route targets. */
  readonly integrations = new Map<string, HttpIntegration>();

  constructor(scope: Construct, id: string, props: ApiAreaStackProps) {
    super(scope, id, props);
    const { stateful, httpApi } = props;
    // Imported by explicit export name in this stack itself (GuichetFunction grants on resources of its own stack).
    const table = Table.fromTableAttributes(this, 'Table', {
      tableArn: Fn.importValue(stateful.exportNames.tableArn),
      globalIndexes: TABLE.gsis.map((g) => g.indexName),
    });
    const bucket = Bucket.fromBucketAttributes(this, 'Files', { bucketArn: Fn.importValue(stateful.exportNames.bucketArn) });

    // No API Gateway authorizer: an HTTP API cannot customise its 401, so each handler verifies the Cognito ID token
    // itself (JWKS signature, issuer, audience, expiry) and refuses in the product's French {code, message}.
    // The value CloudFront adds to the requests it forwards, resolved by CloudFormation at deployment (a dynamic
    // reference: never in the template): requests sent around CloudFront are refused (shared/http/origine.ts).
    const secretOrigine = Secret.fromSecretCompleteArn(this, 'SecretOrigine', Fn.importValue(stateful.exportNames.secretOrigineArn));
    const environment = {
      [ENV.oidcIssuer]: Fn.importValue(stateful.exportNames.oidcIssuer),
      [ENV.oidcAudience]: Fn.importValue(stateful.exportNames.userPoolClientId),
      [ENV.secretOrigine]: secretOrigine.secretValue.unsafeUnwrap(),
    };

    for (const route of props.routes) {
      if (route.localOnly) throw new Error(`${cleDe(route)} is localOnly: it has no function in AWS.`);
      const key = cleDe(route);
      const fnId = functionId(route.handler);
      const fn = new GuichetFunction(this, fnId, {
        handler: route.handler,
        description: `${route.method} ${route.path} — ${route.summary}`,
        access: route.access,
        table,
        bucket,
        environment,
        userPoolArn: Fn.importValue(stateful.exportNames.userPoolArn),
        certificatArn: Fn.importValue(stateful.exportNames.certificatArn),
        // PDF rendering (pdf-lib) wants more CPU, which Lambda ties to memory.
        ...(route.output === 'pdf' ? { memorySize: 1024, timeout: Duration.seconds(25) } : {}),
        ...(route.execution ? { memorySize: route.execution.memoireMo, timeout: Duration.seconds(route.execution.delaiSecondes) } : {}),
      });
      this.functions.set(key, fn);
      // What HttpLambdaIntegration would declare, here rather than in the route's stack.
      this.integrations.set(
        key,
        new HttpIntegration(this, `${fnId}Integration`, {
          httpApi,
          integrationType: HttpIntegrationType.AWS_PROXY,
          integrationUri: fn.function.functionArn,
          payloadFormatVersion: PayloadFormatVersion.VERSION_2_0,
        }),
      );
      // Invocations through this route only (any stage), as HttpLambdaIntegration scopes them.
      fn.function.addPermission(`${fnId}Invoke`, {
        principal: new ServicePrincipal('apigateway.amazonaws.com'),
        sourceArn: Stack.of(this).formatArn({ service: 'execute-api', resource: httpApi.apiId, resourceName: `*/*${route.path}` }),
      });
    }
  }
}
