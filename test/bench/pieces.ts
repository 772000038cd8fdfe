import { createHash } from 'node:crypto';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Guichet } from '#local/server';
import { verifier } from '#shared/domain/piece/verification';
import type { Piece } from '#shared/schemas/piece';
import { mesurer, stats } from './stats';

/** A ~10 MB PDF: pages of text plus a large embedded stream, as a scanned document would be. */
async function pdfDixMo(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const police = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < 20; i++) doc.addPage([595, 842]).drawText(`Page ${i + 1} — pièce justificative`, { x: 50, y: 780, size: 12, font: police });
  // Incompressible (xorshift) bytes, so the file really weighs 10 MB once deflated.
  const bruit = new Uint8Array(10 * 1024 * 1024);
  let x = 2463534242;
  for (let i = 0; i < bruit.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bruit[i] = x & 0xff;
  }
  // An unreferenced raw stream: attachments (/EmbeddedFiles) are refused by the verification.
  doc.context.register(doc.context.stream(bruit));
  doc.setCreationDate(new Date(0));
  doc.setModificationDate(new Date(0));
  return doc.save();
}

/** Verification of a 10 MB PDF (hash, magic bytes, full parse), and upload-URL issuance through the local API (an
 * administrative pièce: the fiches' evidence of realisation is not asked at the dépôt). */
export async function benchPieces(g: Guichet, jeton: string, dossierId: string, n: number) {
  const octets = await pdfDixMo();
  const piece: Piece = {
    id: 'bench', dossierId: 'bench', typePiece: 'STATUTS', nomFichier: 'statuts.pdf', taille: octets.length,
    typeContenu: 'application/pdf', sha256: createHash('sha256').update(octets).digest('hex'), etat: 'en_verification',
    motifRejet: null, cle: 'dossiers/bench/pieces/bench/1', creeLe: '', creePar: '', verifieLe: null, remplaceeLe: null,
  };
  const verification = stats(await mesurer(10, async () => {
    const v = await verifier(piece, octets, 50 * 1024 * 1024);
    if (v.etat !== 'valide') throw new Error(v.motif ?? 'rejet');
  }, 2));
  const emission = stats(await mesurer(n, async () => {
    const r = await fetch(`${g.url}/api/dossiers/${dossierId}/pieces`, {
      method: 'POST',
      headers: { authorization: `Bearer ${jeton}`, 'content-type': 'application/json' },
      body: JSON.stringify({ typePiece: 'STATUTS', nomFichier: 'statuts.pdf', taille: 1000, typeContenu: 'application/pdf', sha256: 'a'.repeat(64) }),
    });
    if (r.status !== 201) throw new Error(`POST pieces → ${r.status}`);
    await r.arrayBuffer();
  }));
  return { verificationPdf10Mo: { ...verification, octets: octets.length }, emissionUrlUpload: emission };
}
