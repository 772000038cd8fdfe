import { Duration, Fn, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Table } from 'aws-cdk-lib/aws-dynamodb';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { TimeZone } from 'aws-cdk-lib';
import { InvocationType, Trigger } from 'aws-cdk-lib/triggers';
import type { Construct } from 'constructs';
import type { EmailConfig } from '#infra/config';
import { GuichetFunction } from '#infra/constructs/guichet-function';
import { ENV, TABLE } from '#infra/definitions';
import type { StatefulStack } from '#infra/stacks/stateful-stack';
import { functionId } from '#infra/stacks/api-stack';
import { nagResourceName } from '#infra/nag';
import { evenementsDe, fluxDynamo, migrationsApresDeploiement, planifications } from '#shared/http/taches';

export interface NotificationsStackProps extends StackProps {
  stateful: StatefulStack;
  /** The SPA's public origin: e-mails link to its pages. */
  publicUrl: string;
  email: EmailConfig;
  /** @default the `fluxDynamo` and `planifications` of shared/http/taches.ts */
  flux?: typeof fluxDynamo;
  planifications?: typeof planifications;
}

/** Stream retries: bisect the batch on error, up to this many attempts per record, then the record goes to the DLQ. */
export const FLUX = { batchSize: 10, retryAttempts: 5, maxRecordAgeHours: 24, dlqRetentionDays: 14 } as const;

/**
 * E-mail notifications: the sender, fed by the table's stream filtered to the INSERTs of outbox items (bisect on
 * error, partial batch failures, an SQS DLQ for the records that exhaust their retries), allowed to send with SES v2
 * from the verified identity only; the daily reminders, run by EventBridge Scheduler at 07:00 Paris time.
 */
export class NotificationsStack extends Stack {
  readonly functions = new Map<string, GuichetFunction>();
  readonly dlq: Queue;

  constructor(scope: Construct, id: string, props: NotificationsStackProps) {
    super(scope, id, props);
    const { stateful } = props;
    this.addStackDependency(stateful);
    const table = Table.fromTableAttributes(this, 'Table', {
      tableArn: Fn.importValue(stateful.exportNames.tableArn),
      tableStreamArn: Fn.importValue(stateful.exportNames.tableStreamArn),
      globalIndexes: TABLE.gsis.map((g) => g.indexName),
    });
    const identite = props.email.sesVerifiedDomain ?? props.email.fromEmail;
    const sesRegion = props.email.sesRegion ?? this.region;
    const environnement = {
      [ENV.publicUrl]: props.publicUrl,
      [ENV.emailFrom]: `${props.email.fromName} <${props.email.fromEmail}>`,
      [ENV.sesRegion]: sesRegion,
    };

    this.dlq = new Queue(this, 'EnvoisEchoues', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(FLUX.dlqRetentionDays),
    });
    Validations.of(this.dlq).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter destination of the notifications stream (records whose e-mail failed every retry) and of the scheduled reminders (runs that failed every retry); nothing consumes it automatically, its depth is alarmed.',
    });

    // The export jobs write their files to the bucket; the participant import jobs read theirs and write a report.
    const bucket = Bucket.fromBucketAttributes(this, 'Files', { bucketArn: Fn.importValue(stateful.exportNames.bucketArn) });
    for (const f of props.flux ?? fluxDynamo) {
      const fn = new GuichetFunction(this, functionId(f.handler), {
        handler: f.handler,
        description: `DynamoDB Stream ${f.filtres.map((x) => `${x.pk}*${x.sk ? `/${x.sk}*` : ''}`).join(', ')} (${evenementsDe(f).join(', ')}) — ${f.handler}`,
        access: f.access,
        table,
        ...('bucket' in f.access ? { bucket } : {}),
        environment: environnement,
        timeout: Duration.seconds('timeoutSecondes' in f ? f.timeoutSecondes : 30),
        ...('timeoutSecondes' in f ? { memorySize: 'memoireMo' in f ? f.memoireMo : 1024 } : {}),
      });
      if (f.envoiCourriel) {
        fn.function.addToRolePolicy(new PolicyStatement({
          actions: ['ses:SendEmail'],
          resources: [`arn:${this.partition}:ses:${sesRegion}:${this.account}:identity/${identite}`],
        }));
      }
      fn.function.addEventSource(new DynamoEventSource(table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: FLUX.batchSize,
        bisectBatchOnError: true,
        retryAttempts: FLUX.retryAttempts,
        maxRecordAge: Duration.hours(FLUX.maxRecordAgeHours),
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(this.dlq),
        // Filters are ORed: each one an INSERT (or the events the handler names) whose keys begin with its prefixes.
        filters: f.filtres.map((x) => FilterCriteria.filter({
          eventName: evenementsDe(f).length === 1 ? FilterRule.isEqual(evenementsDe(f)[0]!) : FilterRule.or(...evenementsDe(f)),
          dynamodb: { Keys: { pk: { S: FilterRule.beginsWith(x.pk) }, ...(x.sk ? { sk: { S: FilterRule.beginsWith(x.sk) } } : {}) } },
        })),
      }));
      Validations.of(fn.function.role!).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'dynamodb:ListStreams (added by the DynamoDB event source) does not support resource-level permissions; X-Ray neither.',
      });
      this.functions.set(f.handler, fn);
    }

    for (const p of props.planifications ?? planifications) {
      const fn = new GuichetFunction(this, functionId(p.handler), {
        handler: p.handler,
        description: `${p.expression} ${p.fuseau} — ${p.handler} : ${p.description}`,
        access: p.access,
        table,
        ...('annuaire' in p.access ? { userPoolArn: Fn.importValue(stateful.exportNames.userPoolArn) } : {}),
        timeout: Duration.minutes(5),
      });
      const [, minute, heure] = /^cron\((\S+) (\S+) /.exec(p.expression) ?? [];
      new Schedule(this, `${functionId(p.handler)}Planning`, {
        description: p.description,
        schedule: ScheduleExpression.cron({ minute: minute ?? '0', hour: heure ?? '7', timeZone: TimeZone.of(p.fuseau) }),
        target: new LambdaInvoke(fn.function, { retryAttempts: 2, maxEventAge: Duration.hours(6), deadLetterQueue: this.dlq }),
      });
      // Scheduler invokes asynchronously: a run that fails Lambda's own retries lands in the same DLQ.
      fn.function.configureAsyncInvoke({ onFailure: new SqsDestination(this.dlq), retryAttempts: 2 });
      Validations.of(this).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${nagResourceName(this, fn.function.functionArn)}:*]`,
        reason: 'The scheduler’s role (made by LambdaInvoke) may invoke this one function, any of its versions: CDK’s grantInvoke set.',
      });
      this.functions.set(p.handler, fn);
    }

    // The stored items' migrations, run synchronously by CloudFormation once the function is in place: a deployment
    // whose migration fails fails (and is rolled back) instead of leaving items the new code cannot find. Run again
    // whenever the function's code changes, i.e. with each release (the bundle holds the migrations).
    const m = migrationsApresDeploiement;
    const migrer = new GuichetFunction(this, functionId(m.handler), {
      handler: m.handler,
      description: `Après chaque déploiement — ${m.handler} : ${m.description}`,
      access: m.access,
      table,
      userPoolArn: Fn.importValue(stateful.exportNames.userPoolArn),
      timeout: Duration.minutes(m.timeoutMinutes),
    });
    new Trigger(this, 'MigrationsApresDeploiement', {
      handler: migrer.function,
      invocationType: InvocationType.REQUEST_RESPONSE,
      timeout: Duration.minutes(m.timeoutMinutes),
      executeOnHandlerChange: true,
    });
    this.functions.set(m.handler, migrer);
  }
}
