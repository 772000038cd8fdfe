/**
 * The malware verdict as it runs on AWS, against the real local bucket: GuardDuty's result is the object's
 * `GuardDutyMalwareScanStatus` tag (written here as GuardDuty would), read through the production port. Bytes that
 * passed the content checks are copied to the verified prefix only once the scan is clean: never while it is pending,
 * never when it found a threat; a refused object keeps GuardDuty's tag beside ours (`statut=rejetee`, the lifecycle
 * rule's filter). The keys live under a prefix no bucket notification watches, so no local verification races it.
 */
import { GetObjectTaggingCommand, PutObjectCommand, PutObjectTaggingCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Guichet } from '#local/server';
import type { Piece } from '#shared/schemas/piece';
import { examiner } from '#shared/domain/piece/use-cases';
import { antivirusGuardDuty } from '#shared/storage/antivirus';
import { cleVerifiee, conserverVerifie, lireObjet, objetExiste, s3 } from '#shared/storage/s3';
import { demarrerGuichet } from './helpers';
import { pdfValide, sha256 } from './pieces-helpers';

let g: Guichet;
beforeAll(async () => {
  g = await demarrerGuichet();
});
afterAll(async () => g?.stop());

let n = 0;
/** A PDF stored under its own key, tagged by « GuardDuty » when `statut` is given, and the pièce that announced it. */
async function deposer(statut: string | null): Promise<Piece> {
  const octets = await pdfValide(`Pièce analysée ${++n}`);
  const cle = `essais-analyse/${Date.now()}-${n}/piece.pdf`;
  await s3().send(new PutObjectCommand({ Bucket: g.bucketName, Key: cle, Body: octets, ContentType: 'application/pdf' }));
  if (statut) {
    await s3().send(new PutObjectTaggingCommand({ Bucket: g.bucketName, Key: cle, Tagging: { TagSet: [{ Key: 'GuardDutyMalwareScanStatus', Value: statut }] } }));
  }
  return {
    id: `P${n}`, dossierId: 'D', typePiece: 'RIB', nomFichier: 'rib.pdf', typeContenu: 'application/pdf', taille: octets.length, sha256: sha256(octets),
    cle, etat: 'en_verification', creeLe: '2026-12-03T08:00:00.000Z', deposeParId: 'u', motifRejet: null, verifieLe: null,
  } as unknown as Piece;
}
const ctx = () => ({ stockage: { lireObjet, conserverVerifie }, antivirus: antivirusGuardDuty, maintenant: new Date() });
const etiquettes = async (cle: string) => (await s3().send(new GetObjectTaggingCommand({ Bucket: g.bucketName, Key: cle }))).TagSet ?? [];

describe('the GuardDuty verdict read from the object’s tag', () => {
  it('keeps a pièce in verification while the scan has not tagged the object, and copies nothing', async () => {
    const p = await deposer(null);
    expect(await examiner(ctx(), g.bucketName, p, 1 << 20)).toBeNull();
    expect(await objetExiste(cleVerifiee(p.cle))).toBe(false);
  });

  it('rejects an object GuardDuty found infected, with its French reason, and never copies its bytes to the verified prefix', async () => {
    const p = await deposer('THREATS_FOUND');
    const r = await examiner(ctx(), g.bucketName, p, 1 << 20);
    expect(r).toMatchObject({ etat: 'rejetee', codeRejet: 'FICHIER_INFECTE', motifRejet: 'Fichier infecté (analyse antivirus)', cleVerifiee: null });
    expect(await objetExiste(cleVerifiee(p.cle))).toBe(false);
    await antivirusGuardDuty.marquerRejete(g.bucketName, p.cle);
    expect(await etiquettes(p.cle)).toEqual(expect.arrayContaining([
      { Key: 'GuardDutyMalwareScanStatus', Value: 'THREATS_FOUND' },
      { Key: 'statut', Value: 'rejetee' },
    ]));
  });

  it('takes the status an EventBridge event brought over the tag, and validates a clean object with its verified copy', async () => {
    const p = await deposer(null);
    const r = await examiner(ctx(), g.bucketName, p, 1 << 20, 'NO_THREATS_FOUND');
    expect(r).toMatchObject({ etat: 'valide', cleVerifiee: cleVerifiee(p.cle) });
    expect(sha256((await lireObjet(g.bucketName, cleVerifiee(p.cle), 1 << 20)) as Uint8Array)).toBe(p.sha256);
  });

  it('refuses an object the scan could not read (UNSUPPORTED) rather than letting it through', async () => {
    const p = await deposer('UNSUPPORTED');
    expect(await examiner(ctx(), g.bucketName, p, 1 << 20)).toMatchObject({ etat: 'rejetee', cleVerifiee: null });
    expect(await objetExiste(cleVerifiee(p.cle))).toBe(false);
  });
});
