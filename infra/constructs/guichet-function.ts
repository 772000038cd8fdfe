import { AssetHashType, DockerImage, Duration, Fn, Stack, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, Function as LambdaFunction, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { bundlerHandler } from '#infra/bundling';
import { grantDocumentCache, grantObjectWrite, grantVerifiedCopy } from '#infra/constructs/bucket-grants';
import { BUCKET, ENV } from '#infra/definitions';
import { nagResourceName } from '#infra/nag';
import { fromRoot, PROJECT_ROOT } from '#infra/paths';
import type { Access } from '#shared/http/routes';

export interface GuichetFunctionProps {
  /** Handler module relative to the project root; it exports `handler`. */
  handler: string;
  description: string;
  /** `verifie`: writes the verified copies of uploads (see grantVerifiedCopy); the pièce verification only. */
  access: { table?: Access; bucket?: Access; annuaire?: 'read'; certificat?: 'read'; verifie?: 'write'; documents?: 'cache' };
  table?: ITable;
  /** ARN of the user pool, for `access.annuaire` (ListUsers on that pool only; its id goes to GUICHET_USER_POOL_ID). */
  userPoolArn?: string;
  /** ARN of the platform's sealing certificate secret, for `access.certificat` (its ARN goes to CERTIFICAT_SECRET_ID). */
  certificatArn?: string;
  bucket?: IBucket;
  /** @default 512 */
  memorySize?: number;
  /** @default 10 seconds */
  timeout?: Duration;
  environment?: Record<string, string>;
  /** @default three months */
  logRetention?: RetentionDays;
}

/**
 * The one way Guichet builds a Lambda function: Node.js 22 on Graviton, X-Ray, its own log group with a retention, a
 * role that may only write to that log group, and least-privilege grants derived from the route's `access`, each
 * bound to the environment variable the code reads (a function without table access gets no TABLE_NAME).
 */
export class GuichetFunction extends Construct {
  readonly function: LambdaFunction;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: GuichetFunctionProps) {
    super(scope, id);
    for (const shared of [props.table, props.bucket]) {
      // Automatic cross-stack references are rewritten at synth, after the cdk-nag acknowledgments below are computed.
      if (shared && Stack.of(shared) !== Stack.of(this)) {
        throw new Error(`${props.handler}: import ${shared.node.path} into ${Stack.of(this).stackName} (Fn.importValue) before granting on it.`);
      }
    }

    this.logGroup = new LogGroup(this, 'Logs', { retention: props.logRetention ?? RetentionDays.THREE_MONTHS });
    // A dedicated role instead of AWSLambdaBasicExecutionRole: writes to its own log group only.
    const role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    this.logGroup.grantWrite(role);

    const entree = fromRoot(props.handler);
    this.function = new LambdaFunction(this, 'Function', {
      // Bundled at synth by esbuild with code splitting (infra/bundling.ts), like NodejsFunction but into a directory:
      // `index.mjs` and the chunks it imports dynamically. The asset's hash is the output's, as NodejsFunction's.
      code: Code.fromAsset(PROJECT_ROOT, {
        assetHashType: AssetHashType.OUTPUT,
        bundling: {
          // Never pulled: the local bundling below always succeeds (esbuild is a dependency of the project).
          image: DockerImage.fromRegistry('public.ecr.aws/sam/build-nodejs22.x'),
          local: {
            tryBundle(sortie) {
              bundlerHandler(entree, sortie);
              return true;
            },
          },
        },
      }),
      handler: 'index.handler',
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      tracing: Tracing.ACTIVE,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      description: props.description.slice(0, 256),
      role,
      logGroup: this.logGroup,
      // No `--enable-source-maps`: Node would read and parse the bundle's map at every cold start (about 10 ms on a
      // dossier route). The map still ships next to the bundle (BUNDLING.sourceMap) to decode a logged stack offline.
      environment: {
        POWERTOOLS_SERVICE_NAME: 'guichet',
        ...props.environment,
      },
    });

    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords do not support resource-level permissions.',
    });
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'Node.js 22 is the runtime the project is built and tested for (DESIGN.md §7); moving to a newer runtime is a deliberate upgrade.',
    });

    const { table, bucket } = props.access;
    if (table) {
      if (!props.table) throw new Error(`${props.handler}: table access "${table}" but no table given.`);
      if (table === 'readwrite') props.table.grantReadWriteData(this.function);
      else props.table.grantReadData(this.function);
      this.function.addEnvironment(ENV.table, props.table.tableName);
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${nagResourceName(this, props.table.tableArn)}/index/*]`,
        reason: 'Access patterns query the GSIs (gsi1, gsi2) of this one table; the grant covers that table’s indexes only.',
      });
    }
    if (bucket) {
      if (!props.bucket) throw new Error(`${props.handler}: bucket access "${bucket}" but no bucket given.`);
      props.bucket.grantRead(this.function);
      // Not grantReadWrite: its put set includes s3:PutObjectRetention/PutObjectLegalHold (see bucket-grants.ts).
      if (bucket === 'readwrite') grantObjectWrite(props.bucket, this.function);
      this.function.addEnvironment(ENV.bucket, props.bucket.bucketName);
      const reason =
        'Pièces and documents are objects of this one bucket under keys built per dossier and document (dossiers/<id>/pieces/..., documents/...); the action wildcards are CDK’s grantRead set, which includes object versions and tags (the GuardDuty scan status tag).';
      const actions = ['s3:GetObject*', 's3:GetBucket*', 's3:List*'];
      Validations.of(role).acknowledge(
        { id: `AwsSolutions-IAM5[Resource::${nagResourceName(this, props.bucket.bucketArn)}/*]`, reason },
        ...actions.map((a) => ({ id: `AwsSolutions-IAM5[Action::${a}]`, reason })),
      );
    }
    if (props.access.documents) {
      if (!props.bucket) throw new Error(`${props.handler}: document cache but no bucket given.`);
      // Render once (shared/storage/documents.ts): GetObject (HeadObject, presigned GETs) and PutObject under the
      // documents prefix only; nothing else of the bucket (no pièce, no verified copy), no delete, no tagging.
      grantDocumentCache(props.bucket, this.function);
      if (!bucket) this.function.addEnvironment(ENV.bucket, props.bucket.bucketName);
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${nagResourceName(this, props.bucket.arnForObjects(`${BUCKET.documentsPrefix}*`))}]`,
        reason: 'Generated documents are cached under the documents prefix, one key per kind, entity and content hash (s3:GetObject and s3:PutObject only).',
      });
    }
    if (props.access.verifie) {
      if (!props.bucket) throw new Error(`${props.handler}: verified copies but no bucket given.`);
      grantVerifiedCopy(props.bucket, role);
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${nagResourceName(this, props.bucket.arnForObjects(`${BUCKET.verifiedPrefix}*`))}]`,
        reason: 'The verification writes the copy of each verified upload under the verified prefix (s3:PutObject only); keys are per dossier and upload.',
      });
    }
    if (props.access.annuaire) {
      if (!props.userPoolArn) throw new Error(`${props.handler}: directory access but no user pool given.`);
      // ListUsers: who holds an address (comités); ListUsersInGroup: an OI's accounts in a role (the daily reminders).
      role.addToPrincipalPolicy(new PolicyStatement({ actions: ['cognito-idp:ListUsers', 'cognito-idp:ListUsersInGroup'], resources: [props.userPoolArn] }));
      // arn:aws:cognito-idp:<region>:<account>:userpool/<poolId>
      this.function.addEnvironment(ENV.userPoolId, Fn.select(1, Fn.split('/', props.userPoolArn)));
    }
    if (props.access.certificat) {
      if (!props.certificatArn) throw new Error(`${props.handler}: certificate access but no secret given.`);
      role.addToPrincipalPolicy(new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [props.certificatArn] }));
      this.function.addEnvironment(ENV.certificat, props.certificatArn);
    }
  }
}
