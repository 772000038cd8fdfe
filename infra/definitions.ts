/**
 * Storage definitions shared by the CDK stateful stack and the embedded local runtime, so that both build the same
 * table and bucket. No aws-cdk-lib import here: local/ must not load CDK.
 */
export const TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  ttlAttribute: 'expiresAt',
  /** The stream the notifications sender reads (outbox items written with each state change). */
  streamViewType: 'NEW_IMAGE',
  gsis: [
    { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    // Deposited dossiers by OI and statut (dossier-repository). DynamoDB adds one GSI per table update: add no other in
    // the same deployment.
    { indexName: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
    // Deposited dossiers by AAP and PLIE (dossier-repository `indexListe`): the OI's list filtered by PLIE, alone or
    // with a statut, in PLIE order. Not an overload of gsi1–gsi3: a dossier item already has a key in each (its
    // organisation; its AAP in fiche order, which a fiche filter needs; its OI and statut), and one sort key cannot
    // start with both the fiche and the PLIE. Deployed after gsi3, on its own (one GSI per table update).
    { indexName: 'gsi4', partitionKey: 'gsi4pk', sortKey: 'gsi4sk' },
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
  /**
   * Multipart uploads never completed are aborted after this many days. Browsers upload with a single presigned POST
   * (no multipart), so a sent upload is a whole object, which the verification handler then checks.
   */
  abandonedUploadDays: 7,
  /** Where pièces live (`dossiers/<dossierId>/pieces/<pieceId>/<version>`): the prefix GuardDuty scans. */
  piecesPrefix: 'dossiers/',
  /**
   * Object tag marking a rejected pièce; a lifecycle rule removes tagged objects after `rejectedExpirationDays`.
   * The application sets it (PutObjectTagging) when the verification rejects a file.
   */
  rejectedTag: { key: 'statut', value: 'rejetee' },
  rejectedExpirationDays: 30,
  /**
   * Where the verification keeps the bytes it verified (`verifie/<upload key>`): downloads serve only these, so a
   * replayed presigned POST, which can only name its own upload key, changes nothing served. A bucket policy denies
   * writes under it to every principal but a role carrying `verifiedWriterTag` (the verification function's).
   */
  verifiedPrefix: 'verifie/',
  verifiedWriterTag: { key: 'guichet:ecrit-verifie', value: 'oui' },
  /**
   * Where export jobs write their files (`exports/<oi>/<jobId>.<ext>`, shared/exports/job-export.ts): lists of dossiers
   * with personal data, downloaded once by a short-lived link; a lifecycle rule removes them after `exportsExpirationDays`.
   */
  exportsPrefix: 'exports/',
  exportsExpirationDays: 7,
  /**
   * Where generated documents are cached (`documents/<kind>/<entity>/<sha256 of code and inputs>.pdf`,
   * shared/storage/documents.ts): a render can always be made again, so a lifecycle rule removes them after
   * `documentsExpirationDays`; routes with `access.documents` may read and write under this prefix only.
   */
  documentsPrefix: 'documents/',
  documentsExpirationDays: 30,
  /** The tag GuardDuty Malware Protection for S3 writes on every scanned object, and its clean value. */
  malwareScanTag: { key: 'GuardDutyMalwareScanStatus', clean: 'NO_THREATS_FOUND' },
} as const;

/** Environment variable names bound to the grants in CDK and set by the local runtime. */
export const ENV = {
  table: 'TABLE_NAME',
  bucket: 'BUCKET_NAME',
  /** The OpenID issuer whose tokens the API accepts (Cognito user pool on AWS, the local provider on one machine). */
  oidcIssuer: 'GUICHET_OIDC_ISSUER',
  /** The SPA's client id: the `aud` of the ID tokens the API accepts. */
  oidcAudience: 'GUICHET_OIDC_AUDIENCE',
  /** The user pool whose directory composes comités (functions with `access.annuaire`). */
  userPoolId: 'GUICHET_USER_POOL_ID',
  /** The app's public origin, for the links of e-mails. */
  publicUrl: 'GUICHET_PUBLIC_URL',
  /** The notifications' sender address (a verified SES identity). */
  emailFrom: 'GUICHET_EMAIL_FROM',
  /** The SES region of that identity (the function's own region when absent). */
  sesRegion: 'GUICHET_SES_REGION',
  /** The secret holding the platform's sealing certificate (functions with `access.certificat`). */
  certificat: 'CERTIFICAT_SECRET_ID',
  /** The value CloudFront adds to the requests it forwards to the API (header ORIGIN_HEADER): shared/http/origine.ts. */
  secretOrigine: 'GUICHET_SECRET_ORIGINE',
} as const;

/**
 * Path of the SPA page that receives the authorization code (PKCE): registered with the Cognito app client on AWS and
 * with the local OpenID provider's client in `npm start`.
 */
export const AUTH_CALLBACK_PATH = '/auth/callback';
