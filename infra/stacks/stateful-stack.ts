import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { AnyPrincipal, Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { HttpMethods, type Bucket } from 'aws-cdk-lib/aws-s3';
import type { UserPool, UserPoolClient, UserPoolDomain } from 'aws-cdk-lib/aws-cognito';
import type { Construct } from 'constructs';
import type { EmailConfig } from '#infra/config';
import { BUCKET, TABLE } from '#infra/definitions';
import { accessLogsBucket, privateBucket } from '#infra/constructs/buckets';
import { Identity } from '#infra/constructs/identity';
import { MalwareProtection } from '#infra/constructs/malware-protection';

export interface StatefulStackProps extends StackProps {
  /** Browser origins allowed to upload (presigned POST) and download (presigned GET) pièces. */
  allowedOrigins: readonly string[];
  cognitoDomainPrefix?: string;
  /** SES sender of the user pool's e-mails. */
  email: EmailConfig;
}

/**
 * Pièces and documents must be kept long after a programme closes (FSE archiving obligations): overwritten or deleted
 * versions are kept ten years. Rejected pièces (tag `statut=rejetee`) are the exception, see the lifecycle rules.
 */
export const NONCURRENT_VERSION_DAYS = 3650;

/**
 * What must survive a redeployment: the single table, the files bucket and the user pool. Everything is RETAINed and
 * nothing has a fixed physical name, so the stack can be deployed several times in one account.
 */
export class StatefulStack extends Stack {
  readonly table: Table;
  readonly bucket: Bucket;
  readonly userPool: UserPool;
  readonly userPoolClient: UserPoolClient;
  /** Managed login domain, when `cognitoDomainPrefix` is set. */
  readonly userPoolDomain?: UserPoolDomain;
  /** GuardDuty Malware Protection for S3 on the files bucket (pièces prefix). */
  readonly malwareProtection: MalwareProtection;
  /**
   * Export names of the ARNs the api stack grants on. Explicit (not CDK's automatic cross-stack references, whose
   * names carry a hash) so that the IAM findings naming them are deterministic and can be acknowledged one by one.
   */
  readonly exportNames: {
    tableArn: string;
    /** The table's stream (NEW_IMAGE): the notifications sender reads the outbox items from it. */
    tableStreamArn: string;
    bucketArn: string;
    /** `https://cognito-idp.<region>.<urlSuffix>/<poolId>`: issuer of the tokens the API and the SPA accept. */
    oidcIssuer: string;
    /** The SPA client id: the `aud` of its ID tokens. */
    userPoolClientId: string;
    /** The pool's ARN: functions reading its directory (`access.annuaire`) are granted ListUsers on it. */
    userPoolArn: string;
    /** `https://<prefix>.auth.<region>.amazoncognito.com`, when a managed login domain exists. */
    loginBaseUrl?: string;
    /** The secret holding the platform's sealing certificate (JSON `{ certificatPem, clePem }`). */
    certificatArn: string;
    /** The secret CloudFront adds to the requests it forwards to the API (header `x-guichet-origine`). */
    secretOrigineArn: string;
  };
  /** The platform's sealing certificate, filled in by the operator (a certificate cannot be issued by CloudFormation). */
  readonly certificat: Secret;
  /**
   * A random value only CloudFront and the API functions know: CloudFront sends it with every request it forwards,
   * and the functions refuse a request without it, so the default execute-api endpoint cannot be used to go around
   * the web ACL when the API has no custom domain (shared/http/origine.ts).
   */
  readonly secretOrigine: Secret;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);

    this.table = new Table(this, 'Table', {
      partitionKey: { name: TABLE.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.AWS_MANAGED,
      timeToLiveAttribute: TABLE.ttlAttribute,
      stream: StreamViewType[TABLE.streamViewType],
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const gsi of TABLE.gsis) {
      this.table.addGlobalSecondaryIndex({
        indexName: gsi.indexName,
        partitionKey: { name: gsi.partitionKey, type: AttributeType.STRING },
        sortKey: { name: gsi.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      });
    }

    const logs = accessLogsBucket(this, 'AccessLogs');
    this.bucket = privateBucket(this, 'Files', {
      versioned: true,
      // Object Lock is enabled with no default retention, so drafts and rejected uploads stay deletable. Archived
      // pièces get COMPLIANCE retention object by object: the archiving step calls PutObjectRetention (Mode COMPLIANCE,
      // RetainUntilDate from the FSE archiving rules) on each version of the dossier, with the dedicated
      // grantObjectLock grant (constructs/bucket-grants.ts); no route, readwrite ones included, can lock an object.
      // Lifecycle rules never remove a version while it is locked.
      objectLockEnabled: true,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'files/',
      // Browsers upload with the presigned POST (multipart form, POST) and download with the presigned GET (GET/HEAD).
      cors: [
        {
          allowedOrigins: [...props.allowedOrigins],
          allowedMethods: BUCKET.cors.allowedMethods.map((m) => HttpMethods[m]),
          allowedHeaders: [...BUCKET.cors.allowedHeaders],
          exposedHeaders: [...BUCKET.cors.exposedHeaders],
          maxAge: BUCKET.cors.maxAgeSeconds,
        },
      ],
      lifecycleRules: [
        {
          id: 'abort-incomplete-multipart',
          abortIncompleteMultipartUploadAfter: Duration.days(BUCKET.abandonedUploadDays),
        },
        { id: 'expire-noncurrent-versions', noncurrentVersionExpiration: Duration.days(NONCURRENT_VERSION_DAYS) },
        {
          // Rejected pièces (tagged by the application when the verification refuses them) are not part of the
          // dossier: the current version expires after 30 days (delete marker) and the bytes go one day later.
          id: 'expire-rejected-pieces',
          prefix: BUCKET.piecesPrefix,
          tagFilters: { [BUCKET.rejectedTag.key]: BUCKET.rejectedTag.value },
          expiration: Duration.days(BUCKET.rejectedExpirationDays),
          noncurrentVersionExpiration: Duration.days(1),
        },
        {
          // Export files hold dossiers' personal data and serve one download: gone a week after they were written.
          id: 'expire-exports',
          prefix: BUCKET.exportsPrefix,
          expiration: Duration.days(BUCKET.exportsExpirationDays),
          noncurrentVersionExpiration: Duration.days(1),
        },
        {
          // Cached renders (render once, serve by a short-lived link): re-rendered on the next request once expired.
          id: 'expire-documents',
          prefix: BUCKET.documentsPrefix,
          expiration: Duration.days(BUCKET.documentsExpirationDays),
          noncurrentVersionExpiration: Duration.days(1),
        },
      ],
      // No `eventBridgeEnabled` and no notification here: the bucket's notification configuration is shared by
      // GuardDuty (which turns EventBridge delivery on through its role) and the api stack (ObjectCreated → the
      // verification function, through CDK's BucketNotifications custom resource, which keeps foreign entries).
      // A NotificationConfiguration declared on this resource would overwrite both on the next bucket update.
    });
    // A verified pièce is immutable: S3 lets any role with s3:PutObject (and any presigned POST it signs) overwrite a
    // key, so writes and deletions under the verified prefix are denied to every principal but the verification's
    // role, tagged by grantVerifiedCopy. Downloads serve only that prefix, at the version the verification recorded.
    this.bucket.addToResourcePolicy(
      new PolicyStatement({
        sid: 'DenyVerifiedOverwrites',
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: ['s3:PutObject', 's3:DeleteObject', 's3:DeleteObjectVersion'],
        resources: [this.bucket.arnForObjects(`${BUCKET.verifiedPrefix}*`)],
        conditions: { StringNotEquals: { [`aws:PrincipalTag/${BUCKET.verifiedWriterTag.key}`]: BUCKET.verifiedWriterTag.value } },
      }),
    );
    this.malwareProtection = new MalwareProtection(this, 'MalwareProtection', {
      bucket: this.bucket,
      prefixes: [BUCKET.piecesPrefix],
    });

    const identity = new Identity(this, 'Identity', {
      allowedOrigins: props.allowedOrigins,
      domainPrefix: props.cognitoDomainPrefix,
      email: props.email,
    });
    this.userPool = identity.userPool;
    this.userPoolClient = identity.client;
    this.userPoolDomain = identity.domain;

    this.certificat = new Secret(this, 'CertificatCachet', {
      description: 'Guichet : certificat de cachet de la plateforme, JSON { certificatPem, clePem } (PEM), renseigné par l’exploitant',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.certificat).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'An X.509 certificate and its key are renewed when the certificate expires (issued by a CA, installed by the operator), not rotated by a Lambda.',
    });

    this.secretOrigine = new Secret(this, 'SecretOrigine', {
      description: 'Guichet : valeur ajoutée par CloudFront aux requêtes qu’il transmet à l’API (en-tête x-guichet-origine)',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    Validations.of(this.secretOrigine).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'Read at deployment into the distribution’s origin header and the API functions’ environment, which must change together: it is rotated by replacing the secret and redeploying, not by a rotation Lambda.',
    });

    this.exportNames = {
      tableArn: this.share('TableArn', this.table.tableArn),
      tableStreamArn: this.share('TableStreamArn', this.table.tableStreamArn!),
      bucketArn: this.share('BucketArn', this.bucket.bucketArn),
      oidcIssuer: this.share('OidcIssuer', identity.issuer),
      userPoolClientId: this.share('UserPoolClientId', this.userPoolClient.userPoolClientId),
      userPoolArn: this.share('UserPoolArn', this.userPool.userPoolArn),
      certificatArn: this.share('CertificatArn', this.certificat.secretArn),
      secretOrigineArn: this.share('SecretOrigineArn', this.secretOrigine.secretArn),
      ...(identity.domain ? { loginBaseUrl: this.share('LoginBaseUrl', identity.domain.baseUrl()) } : {}),
    };
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'BucketName', { value: this.bucket.bucketName });
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
  }

  private share(id: string, value: string): string {
    const exportName = `${this.stackName}-${id}`;
    new CfnOutput(this, id, { value, exportName });
    return exportName;
  }
}
