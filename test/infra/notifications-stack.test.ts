import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { PLACEHOLDER_FROM_EMAIL } from '#infra/config';
import { ENV } from '#infra/definitions';
import { FLUX, NotificationsStack } from '#infra/stacks/notifications-stack';
import { StatefulStack } from '#infra/stacks/stateful-stack';
import { fluxDynamo, migrationsApresDeploiement, planifications } from '#shared/http/taches';
import { actionsOf, allows, environmentOf, nagViolations, newApp } from './support';

const SENDER = 'functions/notifications/envoyer.ts';
const RAPPELS = 'functions/notifications/rappels.ts';
const RAPPELS_BILANS = 'functions/notifications/rappels-bilans.ts';

describe('NotificationsStack', () => {
  let stack: NotificationsStack;
  let template: Template;
  let stateful: Template;

  beforeAll(() => {
    const app = newApp();
    const s = new StatefulStack(app, 'Test-Stateful', { allowedOrigins: ['https://guichet.example.fr'], email: { fromEmail: PLACEHOLDER_FROM_EMAIL, fromName: 'Guichet' } });
    stack = new NotificationsStack(app, 'Test-Notifications', {
      stateful: s,
      publicUrl: 'https://guichet.example.fr',
      email: { fromEmail: 'ne-pas-repondre@guichet.example.fr', fromName: 'Guichet', sesRegion: 'eu-west-1', sesVerifiedDomain: 'guichet.example.fr' },
    });
    template = Template.fromStack(stack);
    stateful = Template.fromStack(s);
  }, 240_000);

  const fonction = (handler: string) => {
    const fns = Object.values(template.findResources('AWS::Lambda::Function')) as Array<{ Properties: Record<string, unknown> }>;
    const f = fns.filter((x) => String(x.Properties.Description).endsWith(handler) || String(x.Properties.Description).includes(handler));
    return f;
  };

  it('gives the table a NEW_IMAGE stream, exported for the sender', () => {
    stateful.hasResourceProperties('AWS::DynamoDB::Table', { StreamSpecification: { StreamViewType: 'NEW_IMAGE' } });
    stateful.hasOutput('TableStreamArn', { Export: { Name: 'Test-Stateful-TableStreamArn' } });
  });

  it('builds one function per stream handler and per scheduled task, the migrations’ and the trigger’s provider', () => {
    const fns = Object.values(template.findResources('AWS::Lambda::Function'));
    expect(fns).toHaveLength(fluxDynamo.length + planifications.length + 2);
    for (const h of [SENDER, migrationsApresDeploiement.handler]) expect(fonction(h)).toHaveLength(1);
  });

  it('runs the migrations after each deployment, synchronously (a failed migration fails the deployment), with the directory', () => {
    const [migrer] = fonction(migrationsApresDeploiement.handler);
    expect(migrer!.Properties.Timeout).toBe(migrationsApresDeploiement.timeoutMinutes * 60);
    const id = Object.entries(template.findResources('AWS::Lambda::Function')).find(([, f]) => f === migrer)![0];
    const triggers = Object.values(template.findResources('Custom::Trigger')) as Array<{ Properties: Record<string, unknown> }>;
    expect(triggers).toHaveLength(1);
    expect(triggers[0]!.Properties).toMatchObject({ InvocationType: 'RequestResponse', Timeout: String(migrationsApresDeploiement.timeoutMinutes * 60_000) });
    // The trigger invokes a version of the function: a new version (new code) runs the migrations again.
    expect(JSON.stringify(triggers[0]!.Properties.HandlerArn)).toContain(`${id.replace(/[0-9A-F]{8}$/, '')}CurrentVersion`);
    const actions = actionsOf(template, migrer!.Properties);
    expect(allows(actions, 'dynamodb:UpdateItem')).toBe(true);
    expect(allows(actions, 'cognito-idp:ListUsers')).toBe(true);
    expect(allows(actions, 'ses:SendEmail')).toBe(false);
  });

  it('feeds the sender with INSERTs of outbox items and rectificatifs only, bisecting, reporting partial failures, with a DLQ', () => {
    // One mapping per stream handler: the sender's, and the export jobs' (EXPORT# items).
    template.resourceCountIs('AWS::Lambda::EventSourceMapping', fluxDynamo.length);
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: FLUX.batchSize,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: FLUX.retryAttempts,
      MaximumRecordAgeInSeconds: FLUX.maxRecordAgeHours * 3600,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
      FilterCriteria: {
        Filters: [
          { Pattern: JSON.stringify({ eventName: ['INSERT'], dynamodb: { Keys: { pk: { S: [{ prefix: 'OUTBOX#' }] } } } }) },
          { Pattern: JSON.stringify({ eventName: ['INSERT'], dynamodb: { Keys: { pk: { S: [{ prefix: 'AAP#' }] }, sk: { S: [{ prefix: 'RECTIF#' }] } } } }) },
        ],
      },
    });
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true, MessageRetentionPeriod: FLUX.dlqRetentionDays * 86400 });
  });

  it('lets the sender send with SES from the verified identity only, and binds its settings to env vars', () => {
    const [sender] = fonction(SENDER);
    const env = environmentOf(sender!.Properties);
    expect(env[ENV.publicUrl]).toBe('https://guichet.example.fr');
    expect(env[ENV.emailFrom]).toBe('Guichet <ne-pas-repondre@guichet.example.fr>');
    expect(env[ENV.sesRegion]).toBe('eu-west-1');
    expect(env[ENV.table]).toBeDefined();
    const actions = actionsOf(template, sender!.Properties);
    expect(allows(actions, 'ses:SendEmail')).toBe(true);
    expect(allows(actions, 'ses:SendRawEmail')).toBe(false);
    expect(allows(actions, 'dynamodb:GetRecords')).toBe(true);
    const policies = JSON.stringify(template.findResources('AWS::IAM::Policy'));
    expect(policies).toContain(':ses:eu-west-1:');
    expect(policies).toContain(':identity/guichet.example.fr');
    // The reminders have no SES grant: they only write outbox items.
    const [rappels] = fonction(RAPPELS);
    expect(allows(actionsOf(template, rappels!.Properties), 'ses:SendEmail')).toBe(false);
  });

  it('runs the reminders every day at 07:00 Paris time with EventBridge Scheduler', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 7 * * ? *)',
      ScheduleExpressionTimezone: 'Europe/Paris',
      State: 'ENABLED',
      Target: { RetryPolicy: { MaximumRetryAttempts: 2 } },
    });
  });

  it('lets the bilan and payment reminders read the user pool’s directory (the OI’s admins by group), and only them', () => {
    const [bilans] = fonction(RAPPELS_BILANS);
    const actions = actionsOf(template, bilans!.Properties);
    expect(allows(actions, 'cognito-idp:ListUsersInGroup')).toBe(true);
    expect(allows(actions, 'ses:SendEmail')).toBe(false);
    expect(ENV.userPoolId in environmentOf(bilans!.Properties)).toBe(true);
    const [cloture] = fonction(RAPPELS);
    expect(allows(actionsOf(template, cloture!.Properties), 'cognito-idp:ListUsersInGroup')).toBe(false);
    expect(ENV.userPoolId in environmentOf(cloture!.Properties)).toBe(false);
  });

  it('passes cdk-nag (AwsSolutions) without unacknowledged findings', () => {
    expect(nagViolations(stack, 'error')).toEqual([]);
    expect(nagViolations(stack, 'warning')).toEqual([]);
  });
});
