import { createHash } from 'node:crypto';
import type { Piece } from '../../schemas/piece';
import { estRefus } from './contenu-commun';
import { verifierContenu } from './contenu';

/** The EICAR anti-virus test string: every scanner must flag it; our local scanning seam does too. */
const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

/** The scanning seam: locally a signature check (EICAR); on AWS, GuardDuty Malware Protection tags the object too. */
export function contientMalware(octets: Uint8Array): boolean {
  return Buffer.from(octets.buffer, octets.byteOffset, octets.length).includes(EICAR, 0, 'latin1');
}

export interface Verdict {
  etat: 'valide' | 'rejetee';
  /** The French reason shown to the porteur, and its stable code; null when valid. */
  motif: string | null;
  code: string | null;
  sha256: string;
  /** The normalised name the pièce keeps (stored, shown, served). */
  nomFichier: string;
}

/**
 * Checks an uploaded file against what the porteur declared and what the checklist allows. The storage enforces
 * nothing locally (and the presigned POST's limits are a first line only on AWS): every limit is enforced here,
 * then the content and the name are verified by decoding ({@link verifierContenu}).
 */
export async function verifier(piece: Piece, octets: Uint8Array, tailleMaxOctets: number): Promise<Verdict> {
  const sha256 = createHash('sha256').update(octets).digest('hex');
  const rejet = (code: string, motif: string): Verdict => ({ etat: 'rejetee', code, motif, sha256, nomFichier: piece.nomFichier });
  if (octets.length === 0) return rejet('FICHIER_VIDE', 'Le fichier est vide.');
  if (octets.length > tailleMaxOctets) {
    return rejet('FICHIER_TROP_GROS', `Le fichier dépasse la taille maximale (${Math.floor(tailleMaxOctets / 1024 / 1024)} Mo).`);
  }
  if (octets.length !== piece.taille) {
    return rejet('TAILLE_INCOHERENTE', `La taille reçue (${octets.length} octets) ne correspond pas à la taille annoncée (${piece.taille} octets).`);
  }
  if (contientMalware(octets)) return rejet('MALWARE', 'Un logiciel malveillant a été détecté dans ce fichier : il a été écarté.');
  if (sha256 !== piece.sha256) {
    return rejet('EMPREINTE_INCOHERENTE', 'L’empreinte SHA-256 du fichier reçu ne correspond pas à celle calculée avant l’envoi : le fichier a été altéré ou tronqué.');
  }
  const contenu = await verifierContenu(octets, piece.nomFichier, piece.typeContenu);
  if (estRefus(contenu)) return rejet(contenu.code, contenu.motif);
  return { etat: 'valide', code: null, motif: null, sha256, nomFichier: contenu.nomFichier };
}
