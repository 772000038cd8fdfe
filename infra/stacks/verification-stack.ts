import { Duration, Fn, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { Table } from 'aws-cdk-lib/aws-dynamodb';
import { Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { Bucket, EventType } from 'aws-cdk-lib/aws-s3';
import { LambdaDestination } from 'aws-cdk-lib/aws-s3-notifications';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { grantObjectTagging } from '#infra/constructs/bucket-grants';
import { GuichetFunction } from '#infra/constructs/guichet-function';
import { BUCKET, TABLE } from '#infra/definitions';
import { acknowledgeBucketNotifications, nagResourceName } from '#infra/nag';
import { checkPrefixes, EVENT_FUNCTION, functionId, type EvenementS3Definition } from '#infra/stacks/api-stack';
import type { StatefulStack } from '#infra/stacks/stateful-stack';
import { verificationPieces } from '#shared/http/taches';

export interface VerificationStackProps extends StackProps {
  stateful: StatefulStack;
  evenementsS3: readonly EvenementS3Definition[];
  /** @default verificationPieces of shared/http/taches.ts */
  verification?: typeof verificationPieces;
}

/** The EventBridge event GuardDuty Malware Protection for S3 publishes on the default bus for each scanned object. */
export const SCAN_RESULT_DETAIL_TYPE = 'GuardDuty Malware Protection Object Scan Result';

/** Async invocations (S3, EventBridge, Scheduler): Lambda retries twice, then the event goes to the DLQ. */
export const ASYNC = { retryAttempts: 2, maxEventAgeHours: 6, targetRetryAttempts: 4, dlqRetentionDays: 14 } as const;

/**
 * The asynchronous verification of pièces, apart from the API (whose stack nears CloudFormation's 500 resources):
 * the S3 ObjectCreated function(s) of the manifest, the GuardDuty scan-result rule and its verdict function, and the
 * sweep of pièces stuck `en_verification`. Every async path ends in one SQS dead-letter queue: the functions' async
 * invoke configuration (after Lambda's retries) and the EventBridge and Scheduler targets (when delivery fails).
 */
export class VerificationStack extends Stack {
  readonly dlq: Queue;
  /** Functions of the manifest's `evenementsS3`, by handler path. */
  readonly eventFunctions = new Map<string, GuichetFunction>();
  readonly verdictFunction: GuichetFunction;
  readonly sweepFunction: GuichetFunction;
  readonly scanResultRule: Rule;
  readonly sweepSchedule: Schedule;

  constructor(scope: Construct, id: string, props: VerificationStackProps) {
    super(scope, id, props);
    const { stateful } = props;
    const verification = props.verification ?? verificationPieces;
    this.addStackDependency(stateful);
    const table = Table.fromTableAttributes(this, 'Table', {
      tableArn: Fn.importValue(stateful.exportNames.tableArn),
      globalIndexes: TABLE.gsis.map((g) => g.indexName),
    });
    const bucket = Bucket.fromBucketAttributes(this, 'Files', { bucketArn: Fn.importValue(stateful.exportNames.bucketArn) });

    this.dlq = new Queue(this, 'VerificationsEchouees', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(ASYNC.dlqRetentionDays),
    });
    Validations.of(this.dlq).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter destination of the pièce verification (S3, EventBridge and Scheduler invocations that failed every retry); an operator redrives it, its depth is alarmed.',
    });
    const onFailure = new SqsDestination(this.dlq);
    const build = (handler: string, description: string, access: EvenementS3Definition['access']) => {
      const fn = new GuichetFunction(this, functionId(handler), {
        handler,
        description,
        access,
        table,
        bucket,
        memorySize: EVENT_FUNCTION.memorySize,
        timeout: Duration.seconds(EVENT_FUNCTION.timeoutSeconds),
      });
      fn.function.configureAsyncInvoke({ onFailure, retryAttempts: ASYNC.retryAttempts, maxEventAge: Duration.hours(ASYNC.maxEventAgeHours) });
      grantObjectTagging(bucket, fn.function, BUCKET.piecesPrefix);
      Validations.of(fn.function.role!).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${nagResourceName(this, bucket.arnForObjects(`${BUCKET.piecesPrefix}*`))}]`,
        reason: 'The verification tags refused pièces `statut=rejetee` (s3:PutObjectTagging only) under the pièces prefix, whose keys are per dossier and upload.',
      });
      return fn;
    };

    // The bucket lives in the stateful stack; its notification is added from here through CDK's BucketNotifications
    // custom resource (imported bucket: it merges with the entries it does not own, GuardDuty's EventBridge switch
    // included), so the stateful stack never references a function of this stack (no cross-stack cycle).
    checkPrefixes(props.evenementsS3);
    for (const evenement of props.evenementsS3) {
      const fn = build(evenement.handler, `S3 ObjectCreated ${evenement.prefixe}* — ${evenement.handler}`, evenement.access);
      this.eventFunctions.set(evenement.handler, fn);
      bucket.addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(fn.function), { prefix: evenement.prefixe });
    }
    if (props.evenementsS3.length > 0) acknowledgeBucketNotifications(this);

    const { analyse, balayage } = verification;
    this.verdictFunction = build(analyse.handler, `EventBridge ${SCAN_RESULT_DETAIL_TYPE} — ${analyse.description}`, analyse.access);
    this.scanResultRule = new Rule(this, 'ResultatAnalyse', {
      description: 'GuardDuty Malware Protection for S3 : résultat de l’analyse d’une pièce du bucket des fichiers',
      eventPattern: {
        source: ['aws.guardduty'],
        detailType: [SCAN_RESULT_DETAIL_TYPE],
        detail: { resourceType: ['S3_OBJECT'], s3ObjectDetails: { bucketName: [bucket.bucketName] } },
      },
      targets: [
        new LambdaFunction(this.verdictFunction.function, {
          deadLetterQueue: this.dlq,
          retryAttempts: ASYNC.targetRetryAttempts,
          maxEventAge: Duration.hours(ASYNC.maxEventAgeHours),
        }),
      ],
    });

    this.sweepFunction = build(balayage.handler, `rate(${balayage.frequenceMinutes} minutes) — ${balayage.description}`, balayage.access);
    this.sweepSchedule = new Schedule(this, 'BalayageVerifications', {
      description: balayage.description,
      schedule: ScheduleExpression.rate(Duration.minutes(balayage.frequenceMinutes)),
      target: new LambdaInvoke(this.sweepFunction.function, {
        deadLetterQueue: this.dlq,
        retryAttempts: ASYNC.retryAttempts,
        maxEventAge: Duration.hours(1),
      }),
    });
    Validations.of(this).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${nagResourceName(this, this.sweepFunction.function.functionArn)}:*]`,
      reason: 'The scheduler’s role (made by LambdaInvoke) may invoke this one function, any of its versions: CDK’s grantInvoke set.',
    });
  }
}
