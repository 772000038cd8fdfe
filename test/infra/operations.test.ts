import { Match, Template } from 'aws-cdk-lib/assertions';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '#infra/config';
import { buildGuichet, type GuichetStacks } from '#infra/guichet';
import { ASYNC, SCAN_RESULT_DETAIL_TYPE } from '#infra/stacks/verification-stack';
import { SEUILS } from '#infra/stacks/operations-stack';
import { WAF_REGION } from '#infra/stacks/waf-stack';
import { METRIQUES, NAMESPACE } from '#shared/http/metriques';
import { verificationPieces } from '#shared/http/taches';
import { nagViolations, newApp } from './support';

type Resources = Record<string, { Type: string; Properties: Record<string, unknown>; DependsOn?: string[] }>;
const VERIFY = 'functions/pieces/verify-piece.ts';

describe('pièce verification, operations and edge', () => {
  let stacks: GuichetStacks;
  let verif: Template;
  let ops: Template;

  // Bundling only the stacks under test keeps this file fast; the api stack's bundles are api-stack.test.ts's.
  beforeAll(() => {
    const app = newApp({ allowedOrigins: 'https://guichet.example.fr', 'aws:cdk:bundling-stacks': ['Guichet-Verification'] });
    stacks = buildGuichet(app, readConfig(app));
    verif = Template.fromStack(stacks.verification);
    ops = Template.fromStack(stacks.operations);
  }, 240_000);

  const fnId = (fn: { function: { node: { defaultChild: unknown } } }) =>
    stacks.verification.getLogicalId(fn.function.node.defaultChild as CfnFunction);
  const dlqRef = () => ({ 'Fn::GetAtt': [stacks.verification.getLogicalId(stacks.verification.dlq.node.defaultChild as never), 'Arn'] });

  describe('GuardDuty scan result', () => {
    it('routes the scan-result event of the files bucket to the verdict function, with a DLQ and retries, when synthesized', () => {
      verif.hasResourceProperties('AWS::Events::Rule', {
        EventPattern: {
          source: ['aws.guardduty'],
          'detail-type': [SCAN_RESULT_DETAIL_TYPE],
          detail: { resourceType: ['S3_OBJECT'], s3ObjectDetails: { bucketName: [Match.anyValue()] } },
        },
        State: 'ENABLED',
        Targets: [
          {
            Arn: { 'Fn::GetAtt': [fnId(stacks.verification.verdictFunction), 'Arn'] },
            Id: Match.anyValue(),
            DeadLetterConfig: { Arn: dlqRef() },
            RetryPolicy: { MaximumRetryAttempts: ASYNC.targetRetryAttempts, MaximumEventAgeInSeconds: ASYNC.maxEventAgeHours * 3600 },
          },
        ],
      });
      expect(SCAN_RESULT_DETAIL_TYPE).toBe('GuardDuty Malware Protection Object Scan Result');
      expect(verificationPieces.analyse.handler).toBe('functions/pieces/verdict-antivirus.ts');
    });

    it('lets EventBridge put failed deliveries in the DLQ when the rule targets the function', () => {
      verif.hasResourceProperties('AWS::SQS::QueuePolicy', {
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'sqs:SendMessage', Principal: { Service: 'events.amazonaws.com' } })]) },
      });
    });
  });

  describe('dead-letter queues', () => {
    it('sends every failed async invocation of the verification functions (S3, EventBridge, Scheduler) to the DLQ', () => {
      const fns = [stacks.verification.eventFunctions.get(VERIFY)!, stacks.verification.verdictFunction, stacks.verification.sweepFunction];
      for (const fn of fns) {
        verif.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
          FunctionName: { Ref: fnId(fn) },
          MaximumRetryAttempts: ASYNC.retryAttempts,
          DestinationConfig: { OnFailure: { Destination: dlqRef() } },
        });
      }
      verif.resourceCountIs('AWS::SQS::Queue', 1);
      verif.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true, MessageRetentionPeriod: ASYNC.dlqRetentionDays * 86400 });
    });

    it('gives the reminders schedule and its function the notifications DLQ, next to the stream sender’s', () => {
      const notif = Template.fromStack(stacks.notifications);
      const dlq = { 'Fn::GetAtt': [stacks.notifications.getLogicalId(stacks.notifications.dlq.node.defaultChild as never), 'Arn'] };
      notif.hasResourceProperties('AWS::Scheduler::Schedule', { Target: Match.objectLike({ DeadLetterConfig: { Arn: dlq } }) });
      notif.hasResourceProperties('AWS::Lambda::EventInvokeConfig', { DestinationConfig: { OnFailure: { Destination: dlq } } });
      notif.hasResourceProperties('AWS::Lambda::EventSourceMapping', { DestinationConfig: { OnFailure: { Destination: dlq } } });
    });
  });

  describe('sweep', () => {
    it('runs the sweep every 15 minutes with a DLQ when synthesized', () => {
      verif.hasResourceProperties('AWS::Scheduler::Schedule', {
        ScheduleExpression: `rate(${verificationPieces.balayage.frequenceMinutes} minutes)`,
        Target: Match.objectLike({ Arn: { 'Fn::GetAtt': [fnId(stacks.verification.sweepFunction), 'Arn'] }, DeadLetterConfig: { Arn: dlqRef() } }),
      });
      expect(verificationPieces.balayage.frequenceMinutes).toBe(15);
    });

    it('lets the sweep query the table’s indexes (not only the base table) and tag refused objects', () => {
      const resources = verif.toJSON().Resources as Resources;
      const role = (resources[fnId(stacks.verification.sweepFunction)]!.Properties.Role as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0];
      const docs = Object.values(resources)
        .filter((r) => r.Type === 'AWS::IAM::Policy' && (r.Properties.Roles as { Ref: string }[]).some((x) => x.Ref === role))
        .map((r) => JSON.stringify(r.Properties.PolicyDocument));
      expect(docs.join()).toContain('dynamodb:Query');
      expect(docs.join()).toContain('/index/*');
      expect(docs.join()).toContain('s3:PutObjectTagging');
    });
  });

  describe('alarms and dashboard', () => {
    const alarmOn = (metricName: string) => {
      const alarms = Object.values(ops.findResources('AWS::CloudWatch::Alarm') as Resources).filter((a) => a.Properties.MetricName === metricName);
      expect(alarms, metricName).toHaveLength(1);
      return alarms[0]!.Properties;
    };

    it('alarms on API 5xx and on Lambda throttles', () => {
      expect(alarmOn('5xx')).toMatchObject({ Namespace: 'AWS/ApiGateway', Threshold: SEUILS.api5xx, Statistic: 'Sum' });
      expect(alarmOn('Throttles')).toMatchObject({ Namespace: 'AWS/Lambda', Threshold: 1 });
    });

    it('alarms on the depth of each DLQ above zero', () => {
      const dlqAlarms = Object.values(ops.findResources('AWS::CloudWatch::Alarm') as Resources)
        .filter((a) => a.Properties.MetricName === 'ApproximateNumberOfMessagesVisible');
      expect(dlqAlarms).toHaveLength(2);
      for (const a of dlqAlarms) expect(a.Properties).toMatchObject({ Namespace: 'AWS/SQS', Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
    });

    it('alarms on stuck verifications, also when the sweep stops reporting, and on failed scans', () => {
      expect(alarmOn(METRIQUES.verificationsBloquees)).toMatchObject({
        Namespace: NAMESPACE, Threshold: 1, Statistic: 'Maximum', TreatMissingData: 'breaching', Dimensions: [{ Name: 'service', Value: 'guichet' }],
      });
      expect(alarmOn(METRIQUES.analysesEchouees)).toMatchObject({ Namespace: NAMESPACE, Threshold: 1 });
    });

    it('alarms on the age of the oldest notification not yet sent (the sender’s stream iterator age)', () => {
      expect(alarmOn('IteratorAge')).toMatchObject({ Namespace: 'AWS/Lambda', Statistic: 'Maximum', Threshold: SEUILS.ageNotificationSecondes * 1000 });
    });

    it('builds one dashboard with the API, errors by code, dépôts, verifications and DLQs', () => {
      ops.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
      const [dashboard] = Object.values(ops.findResources('AWS::CloudWatch::Dashboard') as Resources);
      const body = JSON.stringify(dashboard!.Properties.DashboardBody);
      for (const text of ['5xx', METRIQUES.depots, METRIQUES.erreurs, METRIQUES.piecesInfectees, METRIQUES.verificationsBloquees, 'ApproximateNumberOfMessagesVisible']) {
        expect(body, text).toContain(text);
      }
    });
  });

  describe('WAF', () => {
    it('creates a CLOUDFRONT web ACL in us-east-1 with managed rules and per-IP rate limits', () => {
      expect(stacks.waf?.region).toBe(WAF_REGION);
      const waf = Template.fromStack(stacks.waf!);
      waf.hasResourceProperties('AWS::WAFv2::WebACL', {
        Scope: 'CLOUDFRONT',
        DefaultAction: { Allow: {} },
        Rules: Match.arrayWith([
          Match.objectLike({ Name: 'AWSManagedRulesCommonRuleSet' }),
          Match.objectLike({ Name: 'LimiteParIp', Statement: { RateBasedStatement: Match.objectLike({ AggregateKeyType: 'IP' }) } }),
          Match.objectLike({ Name: 'LimiteDocumentsAnonymes' }),
        ]),
      });
      waf.hasResourceProperties('AWS::SSM::Parameter', { Value: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] } });
    });

    it('attaches the web ACL to the distribution in front of the HTTP API when no webAclArn is given', () => {
      const web = Template.fromStack(stacks.web);
      web.hasResourceProperties('AWS::CloudFront::Distribution', {
        DistributionConfig: Match.objectLike({ WebACLId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^WebAclArn'), 'Parameter.Value'] } }),
      });
      web.hasResourceProperties('Custom::AWS', { Create: Match.stringLikeRegexp(`"region":"${WAF_REGION}"`) });
      expect(stacks.web.dependencies).toContain(stacks.waf);
    });

    it('disables the execute-api endpoint and serves the API on its domain when apiDomainName and apiCertificateArn are set', () => {
      const app = newApp({
        allowedOrigins: 'https://guichet.example.fr',
        apiDomainName: 'api.guichet.example.fr',
        apiCertificateArn: 'arn:aws:acm:eu-west-3:123456789012:certificate/abc',
        'aws:cdk:bundling-stacks': [],
      });
      const s = buildGuichet(app, readConfig(app));
      const api = Template.fromStack(s.api);
      api.hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: true });
      api.hasResourceProperties('AWS::ApiGatewayV2::DomainName', { DomainName: 'api.guichet.example.fr' });
      api.hasResourceProperties('AWS::ApiGatewayV2::ApiMapping', { ApiMappingKey: 'api' });
      Template.fromStack(s.web).hasResourceProperties('AWS::CloudFront::Distribution', {
        DistributionConfig: Match.objectLike({ Origins: Match.arrayWith([Match.objectLike({ DomainName: 'api.guichet.example.fr' })]) }),
      });
    });
  });

  describe('cdk-nag AwsSolutions', () => {
    it('reports no error nor warning on the new stacks when every finding is fixed or acknowledged', () => {
      for (const stack of [stacks.verification, stacks.operations, stacks.waf!, stacks.web, stacks.notifications]) {
        expect(nagViolations(stack, 'error'), stack.stackName).toEqual([]);
        expect(nagViolations(stack, 'warning'), stack.stackName).toEqual([]);
      }
    });
  });
});
