import { strFromU8, unzipSync } from 'fflate';
import type { TypeContenu } from '../../schemas/piece';
import { donneesApresFin, type Refus } from './contenu-commun';

type TypeOffice = Extract<TypeContenu, `application/vnd.openxmlformats-officedocument.${string}`>;

/** What makes an OOXML package the declared kind: its main part and that part's content type. */
const PAQUETS: Record<TypeOffice, { format: string; partie: string; typePartie: string }> = {
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    format: 'DOCX', partie: 'word/document.xml', typePartie: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
  },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
    format: 'XLSX', partie: 'xl/workbook.xml', typePartie: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
  },
};

/** The parts read are small XML; a bigger one declared is a decompression bomb, not a document. */
const PARTIE_MAX_OCTETS = 20 * 1024 * 1024;

/** The end of central directory record: where it starts and where the archive ends (its comment included). */
function finZip(b: Uint8Array): number | null {
  for (let e = b.length - 22; e >= 0 && b.length - e <= 22 + 0xffff; e--) {
    if (b[e] === 0x50 && b[e + 1] === 0x4b && b[e + 2] === 0x05 && b[e + 3] === 0x06) return e + 22 + (b[e + 20]! | (b[e + 21]! << 8));
  }
  return null;
}

/**
 * A DOCX or XLSX is accepted when it opens as a ZIP (fflate, central directory), nothing but padding follows the
 * archive, `[Content_Types].xml` declares the declared kind's main part and that part is present; macros
 * (`vbaProject.bin`, macro-enabled content types) and entries escaping the package (`..`, absolute) are refused.
 */
export function verifierOffice(octets: Uint8Array, type: TypeOffice): Refus | null {
  const p = PAQUETS[type];
  const illisible: Refus = {
    code: 'ZIP_ILLISIBLE',
    motif: `Le fichier ${p.format} n’est pas une archive valide : il ne s’ouvre pas. Enregistrez-le à nouveau depuis votre traitement de texte ou tableur, puis déposez-le.`,
  };
  const fin = finZip(octets);
  if (fin === null || fin > octets.length) return illisible;
  const apres = donneesApresFin(octets, fin, p.format, 'fin de l’archive');
  if (apres) return apres;
  const noms: string[] = [];
  let trop = false;
  let parties: Record<string, Uint8Array>;
  try {
    parties = unzipSync(octets, {
      filter: (f) => {
        noms.push(f.name);
        const lue = f.name === '[Content_Types].xml' || f.name === p.partie;
        if (lue && f.originalSize > PARTIE_MAX_OCTETS) trop = true;
        return lue && !trop;
      },
    });
  } catch {
    return illisible;
  }
  if (trop) return illisible;
  if (noms.some((n) => n.startsWith('/') || n.includes('\\') || n.split('/').includes('..'))) {
    return { code: 'ZIP_CHEMIN_INVALIDE', motif: `Le fichier ${p.format} contient des éléments hors de son dossier (chemins « .. » ou absolus) : il n’est pas accepté.` };
  }
  const typesContenu = parties['[Content_Types].xml'];
  if (!typesContenu) return { code: 'OFFICE_INCOMPLET', motif: `Le fichier ${p.format} n’a pas de [Content_Types].xml : ce n’est pas un document Office valide.` };
  const declares = strFromU8(typesContenu);
  if (noms.some((n) => /(^|\/)vbaProject\.bin$/i.test(n)) || /macroEnabled/i.test(declares)) {
    return { code: 'OFFICE_MACROS', motif: `Le fichier ${p.format} contient des macros : enregistrez-le sans macros (format ${p.format} ordinaire), puis déposez-le.` };
  }
  if (!parties[p.partie] || !declares.includes(p.typePartie)) {
    return { code: 'OFFICE_INCOMPLET', motif: `Le fichier n’est pas un document ${p.format} : sa partie principale (${p.partie}) manque ou n’est pas déclarée.` };
  }
  return null;
}
