import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, type BucketProps } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

/** How long access logs (S3 server access logs, CloudFront logs) are kept: security investigations, not analytics. */
export const ACCESS_LOG_DAYS = 180;

/**
 * The settings every Guichet bucket shares: private, SSE-S3, TLS 1.2+ only, ACLs disabled, kept when the stack goes.
 * SSE-S3 rather than KMS: CloudFront OAC and S3 server access logs work with it without key policies.
 */
export function privateBucket(scope: Construct, id: string, props: BucketProps = {}): Bucket {
  return new Bucket(scope, id, {
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    encryption: BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
    removalPolicy: RemovalPolicy.RETAIN,
    ...props,
  });
}

/**
 * A bucket receiving access logs. CloudFront standard logging (legacy) writes with ACLs, hence `acls` for the web
 * stack's log bucket.
 */
export function accessLogsBucket(scope: Construct, id: string, options: { acls?: boolean } = {}): Bucket {
  const bucket = privateBucket(scope, id, {
    objectOwnership: options.acls ? ObjectOwnership.BUCKET_OWNER_PREFERRED : ObjectOwnership.BUCKET_OWNER_ENFORCED,
    lifecycleRules: [
      { id: 'expire-access-logs', expiration: Duration.days(ACCESS_LOG_DAYS) },
      { id: 'abort-incomplete-multipart', abortIncompleteMultipartUploadAfter: Duration.days(1) },
    ],
  });
  Validations.of(bucket).acknowledge({
    id: 'AwsSolutions-S1',
    reason: 'This bucket is the access-log destination itself; logging it into itself would loop and into another bucket would only move the problem.',
  });
  return bucket;
}
