import { TYPES_CONTENU, type TypeContenu } from '../../schemas/piece';
import { estRefus, latin1, type Refus } from './contenu-commun';
import { examinerNom } from './nom-fichier';

type Famille = 'application/pdf' | 'image/jpeg' | 'image/png' | 'zip';

/** Which decoder to try, from the magic number (never from the name or the declared type). The decoder has the last word. */
export function famille(octets: Uint8Array): Famille | 'inconnu' {
  const tete = latin1(octets, 0, Math.min(octets.length, 8));
  if (tete.startsWith('%PDF-')) return 'application/pdf';
  if (tete.startsWith('\xff\xd8\xff')) return 'image/jpeg';
  if (tete === '\x89PNG\r\n\x1a\n') return 'image/png';
  if (tete.startsWith('PK\x03\x04')) return 'zip';
  return 'inconnu';
}

const famillesDe = (t: TypeContenu): Famille => (t.startsWith('application/vnd.openxmlformats') ? 'zip' : (t as Famille));

/** The verdict on content and name: the name to keep, or the refusal with its stable code and French reason. */
export type VerdictContenu = { nomFichier: string } | Refus;

/**
 * Verifies an upload by decoding it, not by sniffing it: a pure function of the bytes, the declared name and the
 * declared type (no storage, no clock), so that whatever stores or re-verifies a pièce asks the same question.
 * The name is normalised and must carry the type's one extension; the bytes must decode fully as the declared type
 * (PDF parsed without active content, attachments or appended data; images decoded to the last pixel; DOCX/XLSX
 * opened as packages) with nothing but padding after the format's end.
 */
export async function verifierContenu(octets: Uint8Array, nomDeclare: string, typeDeclare: TypeContenu): Promise<VerdictContenu> {
  const nom = examinerNom(nomDeclare, typeDeclare);
  if (estRefus(nom)) return nom;
  const lue = famille(octets);
  if (lue !== famillesDe(typeDeclare)) {
    const quoi = lue === 'inconnu' ? 'un format non reconnu' : lue === 'zip' ? 'une archive ZIP' : `un fichier ${TYPES_CONTENU[lue]}`;
    return { code: 'TYPE_INCOHERENT', motif: `Le contenu du fichier est ${quoi}, alors qu’un fichier ${TYPES_CONTENU[typeDeclare]} était annoncé.` };
  }
  // Decoders (pdf-lib, pngjs, jpeg-js, fflate) load on first use: the routes that share this module's importers
  // (messagerie, pièces) must not evaluate them at cold start.
  const refus =
    typeDeclare === 'application/pdf' ? await (await import('./contenu-pdf')).verifierPdf(octets)
    : typeDeclare === 'image/png' ? (await import('./contenu-image')).verifierPng(octets)
    : typeDeclare === 'image/jpeg' ? (await import('./contenu-image')).verifierJpeg(octets)
    : (await import('./contenu-zip')).verifierOffice(octets, typeDeclare);
  return refus ?? { nomFichier: nom.nom };
}
