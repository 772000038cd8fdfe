/**
 * Storage definitions shared by the CDK stateful stack and the embedded local runtime, so that both build the same
 * table and bucket. No aws-cdk-lib import here: local/ must not load CDK.
 */
export const TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  ttlAttribute: 'expiresAt',
  gsis: [
    { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  ],
} as const;

export const BUCKET = {
  /** Browsers upload straight to the bucket (presigned POST) and download presigned GETs. */
  cors: {
    allowedMethods: ['GET', 'POST', 'HEAD'] as const,
    allowedHeaders: ['*'],
    exposedHeaders: ['ETag'],
    maxAgeSeconds: 3000,
  },
  /** Uploads never confirmed are removed after this many days. */
  abandonedUploadDays: 7,
} as const;

/** Environment variable names bound to the grants in CDK and set by the local runtime. */
export const ENV = {
  table: 'TABLE_NAME',
  bucket: 'BUCKET_NAME',
} as const;
