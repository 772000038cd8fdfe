import { Tags } from 'aws-cdk-lib';
import { Grant, type IGrantable, type IRole } from 'aws-cdk-lib/aws-iam';
import { BucketGrants, type IBucket } from 'aws-cdk-lib/aws-s3';
import { BUCKET } from '#infra/definitions';

/**
 * What `readwrite` adds to `read` on the files bucket: write objects (presigned POST, generated documents), tag them
 * (`statut=rejetee`), put delete markers and abort uploads. Deliberately not CDK's `grantReadWrite`/`grantPut`,
 * whose sets include s3:PutObjectRetention and s3:PutObjectLegalHold (and `s3:DeleteObject*`, which would let a
 * route erase object versions, i.e. the history kept for the FSE archiving obligations).
 */
export const OBJECT_WRITE_ACTIONS = [
  's3:PutObject',
  's3:PutObjectTagging',
  's3:PutObjectVersionTagging',
  's3:DeleteObject',
  's3:AbortMultipartUpload',
] as const;

/** Object Lock actions: only the dedicated archiving grant below may call them. */
export const OBJECT_LOCK_ACTIONS = [
  's3:PutObjectRetention',
  's3:PutObjectLegalHold',
  's3:GetObjectRetention',
  's3:GetObjectLegalHold',
] as const;

/** The `readwrite` object grant (see OBJECT_WRITE_ACTIONS); reads are granted separately with `grantRead`. */
export function grantObjectWrite(bucket: IBucket, grantee: IGrantable): Grant {
  return BucketGrants.fromBucket(bucket).actionsOnObjectKeys(grantee, '*', ...OBJECT_WRITE_ACTIONS);
}

/**
 * The dedicated archiving grant. The bucket has Object Lock enabled without a default retention; when a dossier is
 * archived, the archiving step puts COMPLIANCE retention on each of its object versions (PutObjectRetention with
 * `Mode: COMPLIANCE` and a `RetainUntilDate` set by the FSE archiving rules), or a legal hold. Give this grant to
 * that step's function only: no route, not even a `readwrite` one, can lock (or extend the lock of) an object.
 */
/**
 * The verification's copy of the bytes it verified, under the verified prefix: s3:PutObject there only, and the tag
 * the bucket policy requires of whoever writes there (stateful stack), so no other role — not even a `readwrite` one
 * whose presigned POST could name any key — can overwrite a verified copy.
 */
export function grantVerifiedCopy(bucket: IBucket, role: IRole): Grant {
  Tags.of(role).add(BUCKET.verifiedWriterTag.key, BUCKET.verifiedWriterTag.value);
  return BucketGrants.fromBucket(bucket).actionsOnObjectKeys(role, `${BUCKET.verifiedPrefix}*`, 's3:PutObject');
}

/**
 * The cache of generated documents (render once): read and write objects under the documents prefix, nothing else.
 * s3:GetObject also covers HeadObject and the presigned GETs the function signs for its readers. s3:ListBucket on the
 * bucket itself (key names, no content): without it S3 answers a missing key with 403 instead of 404, and a first
 * request could not tell « not rendered yet » from a refusal. A condition on `s3:prefix` would not do: the check S3
 * makes for a GetObject carries no prefix.
 */
export function grantDocumentCache(bucket: IBucket, grantee: IGrantable): Grant {
  Grant.addToPrincipal({ grantee, actions: ['s3:ListBucket'], resourceArns: [bucket.bucketArn] });
  return BucketGrants.fromBucket(bucket).actionsOnObjectKeys(grantee, `${BUCKET.documentsPrefix}*`, 's3:GetObject', 's3:PutObject');
}

export function grantObjectLock(bucket: IBucket, grantee: IGrantable, keyPattern = '*'): Grant {
  return BucketGrants.fromBucket(bucket).actionsOnObjectKeys(grantee, keyPattern, ...OBJECT_LOCK_ACTIONS);
}

/**
 * What the pièce verification writes besides the table: the `statut=rejetee` tag on refused objects under `prefix`
 * (the lifecycle rule expires them). PutObjectTagging replaces the tag set, so the function re-writes GuardDuty's tag
 * with it; no object write, delete or Object Lock action.
 */
export function grantObjectTagging(bucket: IBucket, grantee: IGrantable, prefix: string): Grant {
  return BucketGrants.fromBucket(bucket).actionsOnObjectKeys(grantee, `${prefix}*`, 's3:PutObjectTagging');
}
