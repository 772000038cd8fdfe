import { Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { routes as manifest, type RouteDefinition } from '#functions/routes';
import { ENV } from '#infra/definitions';
import { buildGuichet, type GuichetStacks } from '#infra/guichet';
import { readConfig } from '#infra/config';
import { API_STAGE, THROTTLE } from '#infra/stacks/api-stack';
import { actionsOf, environmentOf, functionFor, nagViolations, newApp } from './support';

const routes: readonly RouteDefinition[] = manifest;
const deployed = routes.filter((r) => !r.localOnly);
const WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

describe('ApiStack', () => {
  const app = newApp({ allowedOrigins: 'https://guichet.example.fr' });
  let stacks: GuichetStacks;
  let template: Template;

  // Every NodejsFunction is bundled by esbuild when constructed: build the app once for the whole file.
  beforeAll(() => {
    stacks = buildGuichet(app, readConfig(app));
    template = Template.fromStack(stacks.api);
  }, 240_000);

  describe('functions', () => {
    it('creates one Node.js 22 arm64 function per route when the route is not localOnly', () => {
      template.resourceCountIs('AWS::Lambda::Function', deployed.length);
      const functions = Object.values(template.findResources('AWS::Lambda::Function'));
      for (const fn of functions) {
        expect(fn.Properties).toMatchObject({
          Runtime: 'nodejs22.x',
          Architectures: ['arm64'],
          Handler: 'index.handler',
          TracingConfig: { Mode: 'Active' },
        });
      }
    });

    it('enables source maps and a dedicated log group with retention when a function is built', () => {
      for (const route of deployed) {
        const { props } = functionFor(template, route.method, route.path);
        expect(environmentOf(props).NODE_OPTIONS).toBe('--enable-source-maps');
        const logGroup = (props.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref;
        expect(template.toJSON().Resources[logGroup]).toMatchObject({
          Type: 'AWS::Logs::LogGroup',
          Properties: { RetentionInDays: 90 },
        });
      }
    });

    it('attaches no AWS managed policy when a function role is created', () => {
      for (const role of Object.values(template.findResources('AWS::IAM::Role'))) {
        expect(role.Properties.ManagedPolicyArns).toBeUndefined();
      }
    });
  });

  describe('least privilege', () => {
    it('binds TABLE_NAME and BUCKET_NAME only when the route declares that access', () => {
      for (const route of deployed) {
        const env = environmentOf(functionFor(template, route.method, route.path).props);
        expect(ENV.table in env, `${route.method} ${route.path} TABLE_NAME`).toBe(Boolean(route.access.table));
        expect(ENV.bucket in env, `${route.method} ${route.path} BUCKET_NAME`).toBe(Boolean(route.access.bucket));
      }
    });

    it('grants no DynamoDB action when the route has access {}', () => {
      const { props } = functionFor(template, 'GET', '/health');
      expect(environmentOf(props)).not.toHaveProperty(ENV.table);
      expect(actionsOf(template, props).filter((a) => a.startsWith('dynamodb:'))).toEqual([]);
      expect(actionsOf(template, props).filter((a) => a.startsWith('s3:'))).toEqual([]);
    });

    it('grants reads but no dynamodb:PutItem when the route has table read access', () => {
      const { props } = functionFor(template, 'GET', '/aaps');
      const actions = actionsOf(template, props);
      expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query']));
      expect(actions).not.toContain('dynamodb:PutItem');
    });

    it('grants DynamoDB writes only when the route has table readwrite access', () => {
      for (const route of deployed) {
        const actions = actionsOf(template, functionFor(template, route.method, route.path).props);
        const writes = WRITE_ACTIONS.filter((a) => actions.includes(a));
        expect(writes, `${route.method} ${route.path}`).toEqual(route.access.table === 'readwrite' ? WRITE_ACTIONS : []);
      }
    });
  });

  describe('routes', () => {
    it('declares one route per deployed entry when the manifest is iterated', () => {
      template.resourceCountIs('AWS::ApiGatewayV2::Route', deployed.length);
      for (const route of deployed) {
        template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: `${route.method} ${route.path}` });
      }
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

    it('uses the Cognito JWT authorizer when the route is jwt', () => {
      const [authorizerId] = Object.keys(
        template.findResources('AWS::ApiGatewayV2::Authorizer', { Properties: { AuthorizerType: 'JWT' } }),
      );
      expect(authorizerId).toBeDefined();
      template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
        AuthorizerType: 'JWT',
        IdentitySource: ['$request.header.Authorization'],
        JwtConfiguration: {
          Audience: [Match.anyValue()],
          Issuer: Match.objectLike({ 'Fn::Join': Match.arrayWith([Match.arrayWith(['https://cognito-idp.'])]) }),
        },
      });
      for (const route of deployed.filter((r) => r.auth === 'jwt')) {
        template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
          RouteKey: `${route.method} ${route.path}`,
          AuthorizationType: 'JWT',
          AuthorizerId: { Ref: authorizerId },
        });
      }
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
    });

    it('answers CORS preflights for the web origin only', () => {
      template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
        ProtocolType: 'HTTP',
        CorsConfiguration: Match.objectLike({ AllowOrigins: ['https://guichet.example.fr'] }),
      });
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
