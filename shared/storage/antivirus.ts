/**
 * The antivirus port's two implementations (shared/domain/piece/analyse.ts). On AWS, GuardDuty Malware Protection
 * for S3 tags each scanned object `GuardDutyMalwareScanStatus`: the status is that tag (GetObjectTagging). Locally
 * there is no GuardDuty (s3rver): the object is read and checked for the EICAR test signature, which is what every
 * scanner must flag, so tests can exercise the infected path. The local runtime is recognised by its S3 endpoint.
 */
import { GetObjectTaggingCommand, HeadObjectCommand, PutObjectTaggingCommand, type Tag } from '@aws-sdk/client-s3';
import type { Antivirus } from '../domain/piece/analyse';
import { config } from '../config';
import { lireObjet, s3 } from './s3';

/** Same values as infra/definitions.ts BUCKET (no infra import in the runtime bundle). */
const TAG_ANALYSE = 'GuardDutyMalwareScanStatus';
const TAG_REJET = { Key: 'statut', Value: 'rejetee' } as const;
const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';
const LECTURE_MAX = 60 * 1024 * 1024;

async function etiquettes(bucket: string, cle: string): Promise<Tag[]> {
  return (await s3().send(new GetObjectTaggingCommand({ Bucket: bucket, Key: cle }))).TagSet ?? [];
}

async function marquerRejete(bucket: string, cle: string): Promise<void> {
  // PutObjectTagging replaces the whole set: keep GuardDuty's tag next to ours.
  const autres = (await etiquettes(bucket, cle)).filter((t) => t.Key !== TAG_REJET.Key);
  await s3().send(new PutObjectTaggingCommand({ Bucket: bucket, Key: cle, Tagging: { TagSet: [...autres, { ...TAG_REJET }] } }));
}

async function present(bucket: string, cle: string): Promise<boolean> {
  try {
    await s3().send(new HeadObjectCommand({ Bucket: bucket, Key: cle }));
    return true;
  } catch (e) {
    const nom = e instanceof Error ? e.name : '';
    if (nom === 'NotFound' || nom === 'NoSuchKey') return false;
    throw e;
  }
}

export const antivirusGuardDuty: Antivirus = {
  statut: async (bucket, cle) => (await etiquettes(bucket, cle)).find((t) => t.Key === TAG_ANALYSE)?.Value ?? null,
  marquerRejete,
  present,
};

export const antivirusLocal: Antivirus = {
  async statut(bucket, cle) {
    const octets = await lireObjet(bucket, cle, LECTURE_MAX);
    if (octets === 'trop_gros') return 'UNSUPPORTED';
    return Buffer.from(octets.buffer, octets.byteOffset, octets.length).includes(EICAR, 0, 'latin1') ? 'THREATS_FOUND' : 'NO_THREATS_FOUND';
  },
  marquerRejete,
  present,
};

/** GuardDuty's tag on AWS; the signature check where the bucket is the local s3rver. */
export const antivirus = (): Antivirus => (config().GUICHET_S3_ENDPOINT ? antivirusLocal : antivirusGuardDuty);
