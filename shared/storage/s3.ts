/**
 * The private bucket: key scheme, presigned POST (uploads go straight to S3, never through Lambda) and short-lived
 * presigned GET. The server fixes key, exact length, content type and expiry of every upload.
 *
 * | object             | key                                                   |
 * |--------------------|-------------------------------------------------------|
 * | pièce              | dossiers/<dossierId>/pieces/<pieceId>/<version>       |
 * | message attachment | dossiers/<dossierId>/messages/<pieceJointeId>/<version> |
 * | cached render      | documents/<kind>/<entityId>/<sha256>.pdf (documents.ts) |
 * | convention PDF     | conventions/<dossierId>/v<numero>/[scelle-]<sha256>.pdf |
 * | verified copy      | verifie/<upload key>                                  |
 * | participant import | dossiers/<dossierId>/imports/<importId>/fichier.csv   |
 * | its error report   | dossiers/<dossierId>/imports/<importId>/rapport.csv   |
 *
 * Each upload (pièce or attachment) has its own key, and its presigned POST expires in minutes, but nothing stops a
 * replay of the POST within that time (and s3rver enforces no policy at all): the upload key stays writable. So the
 * verification writes the bytes it verified to `verifie/<upload key>`, a prefix no presigned POST ever names (and on
 * AWS a bucket policy denies writes there to anyone but the verification function), and downloads serve only that
 * copy — at its recorded version id on AWS.
 */
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { bucketName, config } from '../config';
import { sansJournalSdk, tracerClient } from '../http/tracage';

let client: S3Client | undefined;

export function s3(): S3Client {
  if (!client) {
    const c = config();
    const local = c.GUICHET_S3_ENDPOINT;
    client = tracerClient(sansJournalSdk(new S3Client({
      region: c.AWS_REGION,
      ...(local
        ? {
            endpoint: local,
            forcePathStyle: true,
            credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
          }
        : {}),
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    })));
  }
  return client;
}

export const clePiece = (dossierId: string, pieceId: string, version = 1) => `dossiers/${dossierId}/pieces/${pieceId}/${version}`;

/** The dossier and pièce a key belongs to, or null for any other key. */
export function lireClePiece(cle: string): { dossierId: string; pieceId: string } | null {
  const m = /^dossiers\/([A-Za-z0-9]{1,64})\/pieces\/([A-Za-z0-9]{1,64})\/\d+$/.exec(cle);
  return m ? { dossierId: m[1]!, pieceId: m[2]! } : null;
}

export const clePieceJointe = (dossierId: string, pieceJointeId: string) => `dossiers/${dossierId}/messages/${pieceJointeId}/1`;

/** The dossier and attachment a key belongs to (same bucket prefix as pièces: one S3 event, one verification). */
export function lireClePieceJointe(cle: string): { dossierId: string; pieceJointeId: string } | null {
  const m = /^dossiers\/([A-Za-z0-9]{1,64})\/messages\/([A-Za-z0-9]{1,64})\/\d+$/.exec(cle);
  return m ? { dossierId: m[1]!, pieceJointeId: m[2]! } : null;
}

/** Where verified bytes are kept (infra/definitions.ts `BUCKET.verifiedPrefix`, not imported: no infra code at runtime). */
const PREFIXE_VERIFIE = 'verifie/';

/** The key of the verified copy of an upload. */
export const cleVerifiee = (cle: string) => `${PREFIXE_VERIFIE}${cle}`;

/**
 * Writes the bytes the verification checked under the verified prefix, with their SHA-256 as metadata: what downloads
 * serve, whatever is written to the upload key afterwards. Its version id on a versioned bucket (AWS), null otherwise.
 */
export async function conserverVerifie(bucket: string, cle: string, octets: Uint8Array, sha256: string): Promise<{ cle: string; version: string | null }> {
  const cible = cleVerifiee(cle);
  const r = await s3().send(new PutObjectCommand({ Bucket: bucket, Key: cible, Body: octets, ContentLength: octets.length, Metadata: { sha256 } }));
  return { cle: cible, version: r.VersionId ?? null };
}

/** A replayed upload must be caught within this time; the browser posts right after asking. */
const EXPIRATION_UPLOAD_S = 10 * 60;

/** A presigned POST for an upload key only: never the verified prefix nor any other key of the bucket. */
export async function urlUpload(cle: string, taille: number, typeContenu: string, maintenant: Date) {
  if (!lireClePiece(cle) && !lireClePieceJointe(cle)) throw new Error(`Clé d’envoi refusée : ${cle}`);
  const { url, fields } = await createPresignedPost(s3(), {
    Bucket: bucketName(),
    Key: cle,
    Conditions: [
      ['content-length-range', taille, taille],
      ['eq', '$Content-Type', typeContenu],
      ['eq', '$key', cle],
    ],
    Fields: { 'Content-Type': typeContenu },
    Expires: EXPIRATION_UPLOAD_S,
  });
  return { url, fields, expireLe: new Date(maintenant.getTime() + EXPIRATION_UPLOAD_S * 1000).toISOString() };
}

/** A participant CSV sent for an import job, and the job's error report (the pièce verification ignores both). */
export const cleImport = (dossierId: string, importId: string) => `dossiers/${dossierId}/imports/${importId}/fichier.csv`;
export const cleRapportImport = (dossierId: string, importId: string) => `dossiers/${dossierId}/imports/${importId}/rapport.csv`;

export function lireCleImport(cle: string): { dossierId: string; importId: string } | null {
  const m = /^dossiers\/([A-Za-z0-9_-]{1,64})\/imports\/([0-9A-HJKMNP-TV-Z]{26})\/fichier\.csv$/.exec(cle);
  return m ? { dossierId: m[1]!, importId: m[2]! } : null;
}

/**
 * A presigned POST for a participant CSV: any size up to `max` (the file is the browser's, its size not announced
 * ahead), its key only. s3rver enforces no policy: the job checks the object's size itself.
 */
export async function urlEnvoiImport(cle: string, max: number, maintenant: Date) {
  if (!lireCleImport(cle)) throw new Error(`Clé d’import refusée : ${cle}`);
  const { url, fields } = await createPresignedPost(s3(), {
    Bucket: bucketName(),
    Key: cle,
    Conditions: [['content-length-range', 1, max], ['eq', '$key', cle]],
    Fields: { 'Content-Type': 'text/csv' },
    Expires: EXPIRATION_UPLOAD_S,
  });
  return { url, fields, expireLe: new Date(maintenant.getTime() + EXPIRATION_UPLOAD_S * 1000).toISOString() };
}

/** Whether an object exists under `cle`. */
export async function objetExiste(cle: string): Promise<boolean> {
  try {
    await s3().send(new HeadObjectCommand({ Bucket: bucketName(), Key: cle }));
    return true;
  } catch (e) {
    if ((e as { name?: string }).name === 'NotFound' || (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return false;
    throw e;
  }
}

/** Writes an import's error report (UTF-8 CSV). */
export async function ecrireRapportImport(cle: string, texte: string): Promise<void> {
  if (!/^dossiers\/[A-Za-z0-9_-]{1,64}\/imports\/[0-9A-HJKMNP-TV-Z]{26}\/rapport\.csv$/.test(cle)) throw new Error(`Clé de rapport refusée : ${cle}`);
  const octets = Buffer.from(texte, 'utf8');
  await s3().send(new PutObjectCommand({ Bucket: bucketName(), Key: cle, Body: octets, ContentLength: octets.length, ContentType: 'text/csv; charset=utf-8' }));
}

/**
 * A presigned GET valid 5 minutes, of the verified copy (and its version when the bucket keeps versions). S3 answers with the `response-content-disposition` and `response-content-type`
 * signed into the URL: always an attachment under the normalised name, typed as the verified (decoded) type.
 */
export async function urlTelechargement(cle: string, disposition: string, typeContenu: string, version?: string | null): Promise<string> {
  return getSignedUrl(
    s3(),
    new GetObjectCommand({
      Bucket: bucketName(),
      Key: cle,
      ...(version ? { VersionId: version } : {}),
      ResponseContentDisposition: disposition,
      ResponseContentType: typeContenu,
    }),
    { expiresIn: 300 },
  );
}

/** Reads a whole object, refusing past `max` bytes (the verification never trusts the declared size). */
export async function lireObjet(bucket: string, cle: string, max: number): Promise<Uint8Array | 'trop_gros'> {
  const r = await s3().send(new GetObjectCommand({ Bucket: bucket, Key: cle }));
  // A body left unread keeps its connection open (and a server waiting on it): dropped when refused.
  const abandonner = () => (r.Body as { destroy?: () => void } | undefined)?.destroy?.();
  if ((r.ContentLength ?? 0) > max) {
    abandonner();
    return 'trop_gros';
  }
  const morceaux: Buffer[] = [];
  let total = 0;
  const corps = r.Body;
  if (!corps || !(Symbol.asyncIterator in corps)) return new Uint8Array();
  for await (const m of corps as AsyncIterable<Uint8Array>) {
    total += m.length;
    if (total > max) {
      abandonner();
      return 'trop_gros';
    }
    morceaux.push(Buffer.from(m));
  }
  return new Uint8Array(Buffer.concat(morceaux));
}

/**
 * Writes a generated document under a key named by its content's hash (a convention's PDF): the same key always holds
 * the same bytes, so a retried write changes nothing.
 */
export async function ecrireDocument(cle: string, octets: Uint8Array, typeContenu = 'application/pdf'): Promise<void> {
  if (!/^conventions\/[A-Za-z0-9_-]+\/v\d+\/(scelle-)?[0-9a-f]{64}\.pdf$/.test(cle)) throw new Error(`Clé de document refusée : ${cle}`);
  await s3().send(new PutObjectCommand({ Bucket: bucketName(), Key: cle, Body: octets, ContentLength: octets.length, ContentType: typeContenu }));
}
