import { Stack, Validations, type CfnResource } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { evenementsS3, routes as manifest, type RouteDefinition } from '#shared/http/routes';
import { OBJECT_LOCK_ACTIONS } from '#infra/constructs/bucket-grants';
import { BUCKET, ENV } from '#infra/definitions';
import { buildGuichet, type GuichetStacks } from '#infra/guichet';
import { readConfig } from '#infra/config';
import { BUNDLING } from '#infra/bundling';
import {
  API_STAGE,
  authorizationReason,
  checkPrefixes,
  EVENT_FUNCTION,
  RESOURCES_PER_ROUTE,
  ROUTE_THROTTLES,
  routeArea,
  routeClass,
  THROTTLE,
  type EvenementS3Definition,
} from '#infra/stacks/api-stack';
import { actionsOf, allAllowedActions, allows, environmentOf, functionFor, nagViolations, newApp } from './support';

const routes: readonly RouteDefinition[] = manifest;
const deployed = routes.filter((r) => !r.localOnly);
const evenements: readonly EvenementS3Definition[] = evenementsS3;
const VERIFY = 'functions/pieces/verify-piece.ts';
/** CDK's singleton provider of the BucketNotifications custom resource (inline Python, CDK-owned role). */
const isNotificationsProvider = (logicalId: string) => logicalId.startsWith('BucketNotificationsHandler');
const WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
/** Below CloudFormation's 500 resources per stack, with room for the next area or a burst of routes. */
const MAX_RESOURCES_PER_STACK = 450;
const key = (r: Pick<RouteDefinition, 'method' | 'path'>) => `${r.method} ${r.path}`;

describe('ApiStack', () => {
  // Only the stacks this file inspects are bundled (the others' assets are placeholders): the app holds ~80 functions.
  const app = newApp({ allowedOrigins: 'https://guichet.example.fr', 'aws:cdk:bundling-stacks': ['Guichet-Api', 'Guichet-Verification'] });
  let stacks: GuichetStacks;
  /** The api stack itself: HTTP API, stage, routes and one nested stack per area. */
  let template: Template;
  /** Area → the template of its nested stack (functions, integrations, invoke permissions). */
  let areaTemplates: Map<string, Template>;
  /** The template holding the function of a route: its area's nested stack. */
  const templateOf = (route: RouteDefinition) => areaTemplates.get(routeArea(route))!;
  const functionOf = (route: RouteDefinition) => functionFor(templateOf(route), route.method, route.path);
  const allTemplates = () => [template, ...areaTemplates.values()];
  /** A deployed route's function properties and the IAM actions of its role. */
  const grantsOf = (method: string, path: string) => {
    const route = deployed.find((r) => r.method === method && r.path === path);
    if (!route) throw new Error(`no deployed route ${method} ${path}`);
    const { props } = functionOf(route);
    return { props, actions: actionsOf(templateOf(route), props) };
  };

  // Every function is bundled by esbuild when constructed (infra/bundling.ts): build the app once for the whole file.
  beforeAll(() => {
    stacks = buildGuichet(app, readConfig(app));
    template = Template.fromStack(stacks.api);
    areaTemplates = new Map([...stacks.api.areas].map(([area, stack]) => [area, Template.fromStack(stack)]));
  }, 600_000);

  describe('functions', () => {
    it('creates one Node.js 22 arm64 function per deployed route, in its area’s nested stack, when the manifest is iterated', () => {
      // The api stack itself holds no function: each lives in the nested stack of its area.
      template.resourceCountIs('AWS::Lambda::Function', 0);
      const all = [...areaTemplates.values()].flatMap((t) => Object.entries(t.findResources('AWS::Lambda::Function')));
      const functions = all.filter(([id]) => !isNotificationsProvider(id)).map(([, fn]) => fn);
      // S3 events are served by the verification stack.
      expect(all.filter(([id]) => isNotificationsProvider(id))).toHaveLength(0);
      expect(functions).toHaveLength(deployed.length);
      expect(stacks.api.functions.size).toBe(deployed.length);
      for (const route of deployed) {
        expect(Stack.of(stacks.api.functions.get(key(route))!), key(route)).toBe(stacks.api.areas.get(routeArea(route)));
        // One function per route, found in its area's template (functionFor throws otherwise).
        expect(functionOf(route).id).toBeTruthy();
      }
      for (const fn of functions) {
        expect(fn.Properties).toMatchObject({
          Runtime: 'nodejs22.x',
          Architectures: ['arm64'],
          Handler: 'index.handler',
          TracingConfig: { Mode: 'Active' },
        });
      }
    });

    it('ships the source map without loading it at start-up, and a dedicated log group with retention', () => {
      expect(BUNDLING.sourceMap).toBe(true);
      for (const route of deployed) {
        const { props } = functionOf(route);
        expect(environmentOf(props).NODE_OPTIONS).toBeUndefined();
        const logGroup = (props.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref;
        expect(templateOf(route).toJSON().Resources[logGroup]).toMatchObject({
          Type: 'AWS::Logs::LogGroup',
          Properties: { RetentionInDays: 90 },
        });
      }
    });

    it('gives a route its declared timeout and memory (the participants import: 29 s, 1 769 Mo), the others the defaults', () => {
      for (const route of deployed) {
        const { props } = functionOf(route);
        const attendu = route.execution
          ? { Timeout: route.execution.delaiSecondes, MemorySize: route.execution.memoireMo }
          : route.output === 'pdf' ? { Timeout: 25, MemorySize: 1024 } : { Timeout: 10, MemorySize: 512 };
        expect({ Timeout: props.Timeout, MemorySize: props.MemorySize }, key(route)).toEqual(attendu);
      }
      const imports = deployed.find((r) => key(r) === 'POST /dossiers/{id}/participants/imports')!;
      expect(functionOf(imports).props).toMatchObject({ Timeout: 29, MemorySize: 1769 });
    });

    it('attaches no AWS managed policy when a function role is created', () => {
      const roles = allTemplates().flatMap((t) => Object.entries(t.findResources('AWS::IAM::Role')));
      expect(roles.length).toBeGreaterThanOrEqual(deployed.length);
      for (const [id, role] of roles) {
        // CDK's notifications provider gets AWSLambdaBasicExecutionRole (acknowledged in infra/nag.ts).
        if (isNotificationsProvider(id)) continue;
        expect(role.Properties.ManagedPolicyArns, id).toBeUndefined();
      }
    });
  });

  describe('least privilege', () => {
    it('binds TABLE_NAME and BUCKET_NAME only when the route declares that access', () => {
      for (const route of deployed) {
        const env = environmentOf(functionOf(route).props);
        expect(ENV.table in env, `${route.method} ${route.path} TABLE_NAME`).toBe(Boolean(route.access.table));
        expect(ENV.bucket in env, `${route.method} ${route.path} BUCKET_NAME`).toBe(Boolean(route.access.bucket || route.access.documents));
      }
    });

    it('grants no DynamoDB action when the route has access {}', () => {
      const { props, actions } = grantsOf('GET', '/health');
      expect(environmentOf(props)).not.toHaveProperty(ENV.table);
      expect(actions.filter((a) => a.startsWith('dynamodb:'))).toEqual([]);
      expect(actions.filter((a) => a.startsWith('s3:'))).toEqual([]);
    });

    it('grants reads but no dynamodb:PutItem when the route has table read access', () => {
      const { actions } = grantsOf('GET', '/aaps');
      expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query']));
      expect(actions).not.toContain('dynamodb:PutItem');
    });

    it('grants object writes but neither Object Lock nor version deletion when a route has bucket readwrite access', () => {
      const { actions } = grantsOf('POST', '/dossiers/{id}/pieces');
      expect(actions).toEqual(expect.arrayContaining(['s3:GetObject*', 's3:PutObject', 's3:DeleteObject']));
      for (const a of [...OBJECT_LOCK_ACTIONS.filter((x) => x.startsWith('s3:Put')), 's3:DeleteObjectVersion', 's3:PutObjectAcl']) {
        expect(allows(actions, a), a).toBe(false);
      }
    });

    it('lets a route with the document cache read and write under documents/ only: no other object, no delete', () => {
      const cache = deployed.filter((r) => r.access.documents);
      expect(cache.map(key)).toContain('GET /aaps/{id}/document.pdf');
      for (const route of cache) {
        const { props } = functionOf(route);
        const roleId = (props.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
        const statements = Object.values(templateOf(route).findResources('AWS::IAM::Policy'))
          .filter((p) => ((p.Properties?.Roles ?? []) as { Ref?: string }[]).some((r) => r.Ref === roleId))
          .flatMap((p) => (p.Properties.PolicyDocument as { Statement: { Effect: string; Action: string | string[]; Resource: unknown }[] }).Statement)
          .filter((st) => [st.Action].flat().some((a) => a.startsWith('s3:')));
        const objets = statements.filter((st) => JSON.stringify(st.Resource).includes('/documents/*'));
        expect(objets.flatMap((st) => [st.Action].flat()).sort(), key(route)).toEqual(['s3:GetObject', 's3:PutObject']);
        if (route.access.bucket) continue;
        // Besides: s3:ListBucket on the bucket (a missing key reads 404, not 403), and nothing else of the bucket.
        const autres = statements.filter((st) => !objets.includes(st));
        expect(autres.flatMap((st) => [st.Action].flat()), key(route)).toEqual(['s3:ListBucket']);
        expect(JSON.stringify(autres.map((st) => st.Resource)), key(route)).not.toContain('/*');
      }
    });

    it('grants no s3:PutObjectRetention or s3:PutObjectLegalHold to any role of the api stack or its nested stacks (only a dedicated archiving grant may)', () => {
      const holders = allTemplates().flatMap((t) => allAllowedActions(t));
      // One holder per route function: the S3-triggered verification lives in the verification stack now.
      expect(holders.length).toBeGreaterThanOrEqual(deployed.length);
      for (const { holder, actions } of holders) {
        expect(allows(actions, 's3:PutObjectRetention'), holder).toBe(false);
        expect(allows(actions, 's3:PutObjectLegalHold'), holder).toBe(false);
        expect(allows(actions, 's3:BypassGovernanceRetention'), holder).toBe(false);
      }
    });

    it('grants DynamoDB writes only when the route has table readwrite access', () => {
      for (const route of deployed) {
        const { actions } = grantsOf(route.method, route.path);
        const writes = WRITE_ACTIONS.filter((a) => actions.includes(a));
        expect(writes, `${route.method} ${route.path}`).toEqual(route.access.table === 'readwrite' ? WRITE_ACTIONS : []);
      }
    });

    it('lets only routes with directory access list the user pool’s users, and tells them which pool', () => {
      const lecteurs = deployed.filter((r) => r.access.annuaire).map((r) => `${r.method} ${r.path}`);
      expect(lecteurs).toEqual(['POST /comites']);
      for (const route of deployed) {
        const { props, actions } = grantsOf(route.method, route.path);
        const lit = !!route.access.annuaire;
        expect(actions.includes('cognito-idp:ListUsers'), `${route.method} ${route.path}`).toBe(lit);
        expect(ENV.userPoolId in environmentOf(props), `${route.method} ${route.path}`).toBe(lit);
      }
    });

    it('tells every function the origin secret CloudFront sends, as a deploy-time reference (no IAM grant, no value in the template)', () => {
      const reference = JSON.stringify({ 'Fn::Join': ['', ['{{resolve:secretsmanager:', { 'Fn::ImportValue': stacks.stateful.exportNames.secretOrigineArn }, ':SecretString:::}}']] });
      for (const route of deployed) {
        expect(JSON.stringify(environmentOf(grantsOf(route.method, route.path).props)[ENV.secretOrigine]), key(route)).toBe(reference);
      }
    });

    it('lets only routes with certificate access read the sealing certificate’s secret, and tells them which secret', () => {
      const lecteurs = deployed.filter((r) => r.access.certificat).map(key);
      expect(lecteurs).toEqual(['POST /dossiers/{id}/convention/signatures']);
      const secret = { 'Fn::ImportValue': stacks.stateful.exportNames.certificatArn };
      for (const route of deployed) {
        const { props, actions } = grantsOf(route.method, route.path);
        const lit = !!route.access.certificat;
        expect(allows(actions, 'secretsmanager:GetSecretValue'), key(route)).toBe(lit);
        expect(environmentOf(props)[ENV.certificat], key(route)).toEqual(lit ? secret : undefined);
      }
      // On that one secret only.
      const [route] = deployed.filter((r) => r.access.certificat);
      const roleId = (functionOf(route!).props.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
      const statements = Object.values(templateOf(route!).findResources('AWS::IAM::Policy'))
        .filter((p) => (p.Properties.Roles as { Ref?: string }[]).some((r) => r.Ref === roleId))
        .flatMap((p) => p.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[])
        .filter((st) => [st.Action].flat().some((a) => a.startsWith('secretsmanager:')));
      expect(statements).toEqual([expect.objectContaining({ Action: 'secretsmanager:GetSecretValue', Resource: secret })]);
    });
  });

  // The S3-triggered verification lives in the verification stack (the api stack nears the 500-resource limit).
  describe('S3 events (verification stack)', () => {
    let template: Template;
    beforeAll(() => {
      template = Template.fromStack(stacks.verification);
    });
    const verify = () => {
      const fn = stacks.verification.eventFunctions.get(VERIFY);
      expect(fn, VERIFY).toBeDefined();
      const id = stacks.verification.getLogicalId(fn!.function.node.defaultChild as CfnFunction);
      const resources = template.toJSON().Resources as Record<string, { Properties: Record<string, unknown> }>;
      return { id, props: resources[id]!.Properties };
    };

    it('builds the verification function on nodejs22.x arm64, sized for 50 MB files, when evenementsS3 lists it', () => {
      expect(evenements.map((e) => e.handler)).toContain(VERIFY);
      const { props } = verify();
      expect(props).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        MemorySize: EVENT_FUNCTION.memorySize,
        Timeout: EVENT_FUNCTION.timeoutSeconds,
      });
      expect(EVENT_FUNCTION.memorySize).toBeGreaterThanOrEqual(1024);
      const logGroup = (props.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref;
      expect(template.toJSON().Resources[logGroup]).toMatchObject({ Properties: { RetentionInDays: 90 } });
    });

    it('binds TABLE_NAME and BUCKET_NAME to the imported table and files bucket when access is table readwrite, bucket read', () => {
      const { props } = verify();
      const env = environmentOf(props);
      expect(JSON.stringify(env[ENV.table])).toContain(stacks.stateful.exportNames.tableArn);
      expect(JSON.stringify(env[ENV.bucket])).toContain(stacks.stateful.exportNames.bucketArn);
      const actions = actionsOf(template, props);
      expect(actions).toEqual(expect.arrayContaining(['dynamodb:UpdateItem', 's3:GetObject*']));
      // s3:GetObject* covers s3:GetObjectTagging: the GuardDuty scan status tag is readable.
      expect(allows(actions, 's3:GetObjectTagging')).toBe(true);
      // Its only object write is the verified copy, under the verified prefix (denied to every other role by the bucket).
      const roleId = (props.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
      const puts = Object.values(template.findResources('AWS::IAM::Policy'))
        .filter((p) => (p.Properties.Roles as { Ref?: string }[]).some((r) => r.Ref === roleId))
        .flatMap((p) => p.Properties.PolicyDocument.Statement as Array<{ Action: string | string[]; Resource: unknown }>)
        .filter((st) => ([] as string[]).concat(st.Action).includes('s3:PutObject'));
      expect(puts.map((st) => JSON.stringify(st.Resource))).toEqual([expect.stringContaining(`/${BUCKET.verifiedPrefix}*`)]);
      // It tags refused pièces `statut=rejetee` for the lifecycle rule.
      expect(allows(actions, 's3:PutObjectTagging')).toBe(true);
      expect(allows(actions, 's3:DeleteObject')).toBe(false);
    });

    it('notifies the verification function of ObjectCreated under dossiers/ on the imported files bucket', () => {
      const { id } = verify();
      template.resourceCountIs('Custom::S3BucketNotifications', 1);
      template.hasResourceProperties('Custom::S3BucketNotifications', {
        BucketName: Match.anyValue(),
        Managed: false,
        NotificationConfiguration: {
          LambdaFunctionConfigurations: [
            {
              Events: ['s3:ObjectCreated:*'],
              Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'dossiers/' }] } },
              LambdaFunctionArn: { 'Fn::GetAtt': [id, 'Arn'] },
            },
          ],
        },
      });
      const [notification] = Object.values(template.findResources('Custom::S3BucketNotifications'));
      expect(JSON.stringify(notification!.Properties.BucketName)).toContain(stacks.stateful.exportNames.bucketArn);
      // Neither topic nor queue nor EventBridge is declared here: GuardDuty's EventBridge switch is kept as foreign.
      expect(Object.keys(notification!.Properties.NotificationConfiguration)).toEqual(['LambdaFunctionConfigurations']);
    });

    it('lets only S3, for the files bucket of this account, invoke the verification function', () => {
      const { id } = verify();
      template.hasResourceProperties('AWS::Lambda::Permission', {
        Action: 'lambda:InvokeFunction',
        FunctionName: { 'Fn::GetAtt': [id, 'Arn'] },
        Principal: 's3.amazonaws.com',
        SourceAccount: { Ref: 'AWS::AccountId' },
        SourceArn: { 'Fn::ImportValue': stacks.stateful.exportNames.bucketArn },
      });
    });

    it('gives the notifications provider the bucket notification actions on the files bucket only', () => {
      const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) =>
        (p.Properties.Roles as { Ref: string }[]).some((r) => isNotificationsProvider(r.Ref)),
      );
      expect(policies).toHaveLength(1);
      expect(policies[0]!.Properties.PolicyDocument.Statement).toEqual([
        {
          Effect: 'Allow',
          Action: ['s3:GetBucketNotification', 's3:PutBucketNotification'],
          Resource: { 'Fn::ImportValue': stacks.stateful.exportNames.bucketArn },
        },
      ]);
    });
  });

  describe('routes', () => {
    it('declares one route per deployed entry when the manifest is iterated', () => {
      template.resourceCountIs('AWS::ApiGatewayV2::Route', deployed.length);
      for (const route of deployed) {
        template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: `${route.method} ${route.path}` });
      }
    });

    it('points each route at its function through an integration of its area’s nested stack, invocable through that route only', () => {
      // The routes keep the logical ids HttpApi.addRoutes gave them, so deployed routes are updated in place.
      expect(stacks.api.getLogicalId(stacks.api.httpApi.node.findChild('GET--aaps').node.defaultChild as CfnResource)).toMatch(/^HttpApiGETaaps[0-9A-F]{8}$/);
      const parent = template.toJSON().Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>;
      for (const route of deployed) {
        const area = stacks.api.areas.get(routeArea(route))!;
        const nested = templateOf(route).toJSON() as {
          Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
          Outputs: Record<string, { Value: unknown }>;
        };
        const [cfnRoute] = Object.values(parent).filter((r) => r.Type === 'AWS::ApiGatewayV2::Route' && r.Properties.RouteKey === key(route));
        // integrations/<output of the area's nested stack>
        const target = cfnRoute!.Properties.Target as { 'Fn::Join': [string, [string, { 'Fn::GetAtt': [string, string] }]] };
        const [prefix, getAtt] = target['Fn::Join'][1];
        expect(prefix).toBe('integrations/');
        const [nestedId, attribute] = getAtt['Fn::GetAtt'];
        expect(nestedId, key(route)).toBe(stacks.api.getLogicalId(area.nestedStackResource as CfnResource));
        const integrationId = (nested.Outputs[attribute.replace(/^Outputs\./, '')]!.Value as { Ref: string }).Ref;
        const { id: fnId } = functionOf(route);
        expect(nested.Resources[integrationId], key(route)).toMatchObject({
          Type: 'AWS::ApiGatewayV2::Integration',
          Properties: { IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0', IntegrationUri: { 'Fn::GetAtt': [fnId, 'Arn'] } },
        });
        const permissions = Object.values(nested.Resources).filter(
          (r) => r.Type === 'AWS::Lambda::Permission' && JSON.stringify(r.Properties.FunctionName) === JSON.stringify({ 'Fn::GetAtt': [fnId, 'Arn'] }),
        );
        expect(permissions, key(route)).toHaveLength(1);
        expect(permissions[0]!.Properties).toMatchObject({ Action: 'lambda:InvokeFunction', Principal: 'apigateway.amazonaws.com' });
        expect(JSON.stringify(permissions[0]!.Properties.SourceArn), key(route)).toContain(`/*/*${route.path}"`);
      }
      for (const t of areaTemplates.values()) t.resourceCountIs('AWS::ApiGatewayV2::Route', 0);
    });

    it('has no route in AWS when the entry is localOnly', () => {
      const keys = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties.RouteKey);
      expect(keys).not.toContain('POST /auth/dev/token');
      for (const route of routes.filter((r) => r.localOnly)) expect(keys).not.toContain(`${route.method} ${route.path}`);
    });

    it('has no authorizer when the route is public', () => {
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
        RouteKey: 'GET /aaps',
        AuthorizationType: 'NONE',
        AuthorizerId: Match.absent(),
      });
    });

    it('has no API Gateway authorizer on any route: the handlers verify the ID token and refuse in French', () => {
      for (const t of allTemplates()) t.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 0);
      for (const route of Object.values(template.findResources('AWS::ApiGatewayV2::Route'))) {
        expect(route.Properties.AuthorizationType ?? 'NONE', route.Properties.RouteKey).toBe('NONE');
        expect(route.Properties.AuthorizerId, route.Properties.RouteKey).toBeUndefined();
      }
      expect(deployed.some((r) => r.auth === 'jwt')).toBe(true);
    });

    it('gives every route function the pool issuer and the SPA client id to verify tokens against', () => {
      for (const route of deployed) {
        const env = environmentOf(functionOf(route).props);
        expect(env[ENV.oidcIssuer], `${route.method} ${route.path}`).toEqual({ 'Fn::ImportValue': stacks.stateful.exportNames.oidcIssuer });
        expect(env[ENV.oidcAudience], `${route.method} ${route.path}`).toEqual({ 'Fn::ImportValue': stacks.stateful.exportNames.userPoolClientId });
      }
      // What the stateful stack exports under those names: the pool's issuer URL and its SPA client.
      const stateful = Template.fromStack(stacks.stateful);
      const outputs = stateful.toJSON().Outputs as Record<string, { Value: unknown; Export?: { Name: string } }>;
      const exported = (name: string) => Object.values(outputs).find((o) => o.Export?.Name === name)!.Value;
      const [poolId] = Object.keys(stateful.findResources('AWS::Cognito::UserPool'));
      const [clientId] = Object.keys(stateful.findResources('AWS::Cognito::UserPoolClient'));
      expect(exported(stacks.stateful.exportNames.oidcIssuer)).toEqual({
        'Fn::Join': ['', ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }, '/', { Ref: poolId }]],
      });
      expect(exported(stacks.stateful.exportNames.userPoolClientId)).toEqual({ Ref: clientId });
    });

    it('acknowledges AwsSolutions-APIG4 on jwt routes with the handler’s own verification as reason', () => {
      const jwt = deployed.find((r) => r.auth === 'jwt')!;
      expect(authorizationReason(jwt)).toMatch(/handler verifies the Cognito ID token itself.*JWKS.*issuer.*audience.*expiry/);
      const publique = deployed.find((r) => r.auth === 'public')!;
      expect(authorizationReason(publique)).toMatch(/public by design/);
    });
  });

  describe('stage', () => {
    it('logs access and throttles when the api stage is deployed', () => {
      template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
        StageName: API_STAGE,
        AutoDeploy: true,
        AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
        DefaultRouteSettings: { ThrottlingRateLimit: THROTTLE.rateLimit, ThrottlingBurstLimit: THROTTLE.burstLimit },
      });
      // No authorizer, hence no $context.authorizer.* variable.
      const [stage] = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'));
      expect(stage!.Properties.AccessLogSettings.Format).not.toContain('$context.authorizer');
    });

    it('throttles anonymous documents and anonymous browsing apart from the signed-in routes when the manifest says which are public', () => {
      const [stage] = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'));
      const settings = stage!.Properties.RouteSettings as Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }>;
      const publiques = deployed.filter((r) => r.auth === 'public');
      expect(Object.keys(settings).sort()).toEqual(publiques.map((r) => `${r.method} ${r.path}`).sort());
      expect(settings['GET /aaps/{id}/document.pdf']).toEqual({
        ThrottlingRateLimit: ROUTE_THROTTLES.document_anonyme.rateLimit, ThrottlingBurstLimit: ROUTE_THROTTLES.document_anonyme.burstLimit,
      });
      expect(settings['GET /aaps']).toEqual({ ThrottlingRateLimit: ROUTE_THROTTLES.public.rateLimit, ThrottlingBurstLimit: ROUTE_THROTTLES.public.burstLimit });
      expect(ROUTE_THROTTLES.document_anonyme.rateLimit).toBeLessThan(ROUTE_THROTTLES.public.rateLimit);
      expect(ROUTE_THROTTLES.public.rateLimit).toBeLessThan(THROTTLE.rateLimit);
      // Signed-in routes keep the stage default; a route setting needs its route created first.
      expect(routeClass(deployed.find((r) => r.path === '/dossiers/{id}/lettre-decision.pdf')!)).toBe('authentifie');
      const dependsOn = (stage as unknown as { DependsOn?: string[] }).DependsOn ?? [];
      expect(dependsOn.length).toBeGreaterThanOrEqual(publiques.length);
    });

    it('keeps the execute-api endpoint, with a warning, when the API has no custom domain', () => {
      template.hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: false });
    });

    it('answers CORS preflights for the web origin only', () => {
      template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
        ProtocolType: 'HTTP',
        CorsConfiguration: Match.objectLike({ AllowOrigins: ['https://guichet.example.fr'] }),
      });
    });
  });

  describe('CloudFormation limits', () => {
    const resourceCount = (t: Template) => Object.keys(t.toJSON().Resources ?? {}).length;

    it(`keeps every stack, nested ones included, under ${MAX_RESOURCES_PER_STACK} resources, so that the next area fails this test before a deployment`, () => {
      const all = app.node.findAll().filter((c): c is Stack => Stack.isStack(c));
      expect(all.filter((s) => s.nestedStackParent).length).toBe(stacks.api.areas.size);
      for (const stack of all) {
        expect(resourceCount(Template.fromStack(stack)), stack.node.path).toBeLessThan(MAX_RESOURCES_PER_STACK);
      }
    });

    it('grows the api stack by one resource per route and one per area, and an area’s stack by RESOURCES_PER_ROUTE per route', () => {
      const areas = new Set(deployed.map(routeArea));
      expect([...stacks.api.areas.keys()]).toEqual([...areas]);
      // HTTP API, stage, access logs; with a custom domain, its domain name and API mapping.
      expect(resourceCount(template)).toBe(3 + deployed.length + areas.size);
      for (const [area, t] of areaTemplates) {
        expect(resourceCount(t), area).toBe(RESOURCES_PER_ROUTE * deployed.filter((r) => routeArea(r) === area).length);
      }
      // Hence room in the api stack for some 350 more routes, and up to 74 routes in one area before it must be split.
    });
  });

  describe('cdk-nag AwsSolutions', () => {
    it('reports no error when every finding is fixed or acknowledged with a reason', () => {
      for (const stack of Object.values(stacks)) expect(nagViolations(stack, 'error')).toEqual([]);
    });

    it('reports no warning when every finding is fixed or acknowledged with a reason', () => {
      for (const stack of Object.values(stacks)) expect(nagViolations(stack, 'warning')).toEqual([]);
    });

    it('synthesizes the app when the AwsSolutions plugin validates it as `cdk synth` does', () => {
      Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
      expect(() => app.synth({ force: true })).not.toThrow();
    });
  });
});

describe('checkPrefixes', () => {
  const e = (handler: string, prefixe: string): EvenementS3Definition => ({ handler, prefixe, access: {} });

  it('accepts the manifest and disjoint prefixes', () => {
    expect(() => checkPrefixes(evenements)).not.toThrow();
    expect(() => checkPrefixes([e('a.ts', 'dossiers/'), e('b.ts', 'documents/')])).not.toThrow();
  });

  it('refuses overlapping or empty prefixes, which S3 would reject at deployment', () => {
    expect(() => checkPrefixes([e('a.ts', 'dossiers/'), e('b.ts', 'dossiers/x/')])).toThrow(/overlap/);
    expect(() => checkPrefixes([e('a.ts', '')])).toThrow(/prefix/);
  });
});
