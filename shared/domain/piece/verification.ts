import { createHash } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { TYPES_CONTENU, type Piece, type TypeContenu } from '../../schemas/piece';

/** The EICAR anti-virus test string: every scanner must flag it; our local scanning seam does too. */
const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

/** What the bytes really are, from their magic numbers (never from the name or the declared type). */
export function typeReel(octets: Uint8Array): TypeContenu | 'inconnu' {
  const b = Buffer.from(octets.buffer, octets.byteOffset, Math.min(octets.length, 8192));
  if (b.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (b.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    const tout = Buffer.from(octets.buffer, octets.byteOffset, octets.length).toString('latin1');
    if (tout.includes('word/document.xml')) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    if (tout.includes('xl/workbook.xml')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  }
  return 'inconnu';
}

/** The scanning seam: locally a signature check (EICAR); on AWS, GuardDuty Malware Protection tags the object too. */
export function contientMalware(octets: Uint8Array): boolean {
  return Buffer.from(octets.buffer, octets.byteOffset, octets.length).includes(EICAR, 0, 'latin1');
}

export interface Verdict {
  etat: 'valide' | 'rejetee';
  motif: string | null;
  sha256: string;
}

const rejet = (motif: string, sha256: string): Verdict => ({ etat: 'rejetee', motif, sha256 });

/**
 * Checks an uploaded file against what the porteur declared and what the checklist allows. The storage enforces
 * nothing locally (and the presigned POST's limits are a first line only on AWS): every limit is enforced here.
 */
export async function verifier(piece: Piece, octets: Uint8Array, tailleMaxOctets: number): Promise<Verdict> {
  const sha256 = createHash('sha256').update(octets).digest('hex');
  if (octets.length === 0) return rejet('Le fichier est vide.', sha256);
  if (octets.length > tailleMaxOctets) {
    return rejet(`Le fichier dépasse la taille maximale (${Math.floor(tailleMaxOctets / 1024 / 1024)} Mo).`, sha256);
  }
  if (octets.length !== piece.taille) {
    return rejet(`La taille reçue (${octets.length} octets) ne correspond pas à la taille annoncée (${piece.taille} octets).`, sha256);
  }
  if (contientMalware(octets)) return rejet('Un logiciel malveillant a été détecté dans ce fichier : il a été écarté.', sha256);
  const reel = typeReel(octets);
  if (reel !== piece.typeContenu) {
    const lu = reel === 'inconnu' ? 'un format non reconnu' : `un fichier ${TYPES_CONTENU[reel]}`;
    return rejet(`Le contenu du fichier est ${lu}, alors qu’un fichier ${TYPES_CONTENU[piece.typeContenu]} était annoncé.`, sha256);
  }
  if (sha256 !== piece.sha256) {
    return rejet('L’empreinte SHA-256 du fichier reçu ne correspond pas à celle calculée avant l’envoi : le fichier a été altéré ou tronqué.', sha256);
  }
  if (reel === 'application/pdf') {
    try {
      const doc = await PDFDocument.load(octets, { updateMetadata: false });
      if (doc.getPageCount() === 0) return rejet('Le PDF ne contient aucune page.', sha256);
    } catch (e) {
      const chiffre = e instanceof Error && /encrypt/i.test(e.message);
      return rejet(chiffre ? 'Le PDF est chiffré ou protégé par mot de passe : déposez une version non protégée.' : 'Le PDF est corrompu ou illisible.', sha256);
    }
  }
  return { etat: 'valide', motif: null, sha256 };
}
