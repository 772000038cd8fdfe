import type { TypeContenu } from '../../schemas/piece';
import type { Refus } from './contenu-commun';

/** The extensions a verified type may carry; the first one is appended to a name that has none. */
export const EXTENSIONS: Record<TypeContenu, readonly string[]> = {
  'application/pdf': ['pdf'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
};

/**
 * Extensions that name a file type: one of them inside a name (`releve.pdf.exe`, `facture.exe.pdf`) is a second
 * extension. Dotted words that are not file types (`rapport.v2.pdf`, `bilan.2024.pdf`) are not.
 */
const EXTENSIONS_CONNUES = new Set([
  'pdf', 'doc', 'docx', 'docm', 'dot', 'dotm', 'xls', 'xlsx', 'xlsm', 'xlsb', 'ppt', 'pptx', 'pptm', 'odt', 'ods', 'odp', 'rtf', 'txt',
  'csv', 'jpg', 'jpeg', 'jpe', 'png', 'gif', 'bmp', 'tif', 'tiff', 'heic', 'webp', 'svg', 'htm', 'html', 'xhtml', 'shtml', 'mht', 'xml',
  'js', 'mjs', 'jse', 'vbs', 'vbe', 'wsf', 'wsh', 'hta', 'ps1', 'psm1', 'bat', 'cmd', 'com', 'exe', 'scr', 'pif', 'cpl', 'msi', 'msp', 'dll',
  'jar', 'lnk', 'url', 'reg', 'sh', 'py', 'php', 'zip', 'rar', '7z', 'gz', 'tgz', 'tar', 'iso', 'img', 'vhd', 'apk', 'app', 'dmg', 'pkg',
]);

/** Stored and served names stay short enough for every file system once percent-encoded. */
export const LONGUEUR_MAX_NOM = 150;

/**
 * A file name as Guichet stores, shows and serves it: NFC; the last path segment only (`../../etc/passwd.pdf` →
 * `passwd.pdf`); no control or format characters (bidi overrides U+202A–U+202E and isolates U+2066–U+2069, marks
 * U+200E/U+200F/U+061C, zero-width characters, BOM), which could make `rib\u202Efdp.exe` read « ribexe.pdf »;
 * whitespace collapsed; no leading or trailing dots or spaces; at most {@link LONGUEUR_MAX_NOM} characters,
 * the extension kept. May return '' (nothing printable was left).
 */
export function normaliserNom(nom: string): string {
  const segments = nom.normalize('NFC').split(/[/\\]+/);
  const dernier = segments.filter((s) => s.trim() !== '').pop() ?? '';
  const propre = dernier
    .replace(/[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}]/gu, '')
    .replace(/[\p{Z}\s]+/gu, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  const car = [...propre];
  if (car.length <= LONGUEUR_MAX_NOM) return propre;
  const point = propre.lastIndexOf('.');
  const ext = point > 0 && propre.length - point <= 10 ? propre.slice(point) : '';
  return car.slice(0, LONGUEUR_MAX_NOM - [...ext].length).join('').trimEnd() + ext;
}

const LIBELLE: Record<TypeContenu, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'XLSX',
};

/**
 * The name a verified file keeps: normalised, with exactly one extension, the type's. A name without extension
 * gets the type's (harmless); a second file-type extension or an extension of another type is refused, so that
 * what the porteur sees is what the OI opens.
 */
export function examinerNom(nomDeclare: string, type: TypeContenu): { nom: string } | Refus {
  const nom = normaliserNom(nomDeclare);
  const attendues = EXTENSIONS[type];
  if (nom === '') return { code: 'NOM_FICHIER_VIDE', motif: 'Le nom du fichier ne contient aucun caractère lisible : renommez-le puis déposez-le à nouveau.' };
  const parties = nom.split('.');
  const ext = parties.length > 1 ? parties.pop()!.toLowerCase() : '';
  // No extension, or a last dotted word that is no file type (`rapport v1.2`): the type's extension is appended.
  if (!attendues.includes(ext) && !EXTENSIONS_CONNUES.has(ext)) return examinerNom(`${nom}.${attendues[0]}`, type);
  const autres = parties.slice(1).map((p) => p.trim().toLowerCase()).filter((p) => EXTENSIONS_CONNUES.has(p));
  if (autres.length) {
    return {
      code: 'DOUBLE_EXTENSION',
      motif: `Le nom « ${nom} » porte une double extension (${[...autres, ext].map((e) => `.${e}`).join(', ')}) : renommez le fichier avec la seule extension .${attendues[0]}.`,
    };
  }
  if (!attendues.includes(ext)) {
    return {
      code: 'EXTENSION_INCOHERENTE',
      motif: `L’extension « .${ext} » ne correspond pas au contenu, un fichier ${LIBELLE[type]} : renommez le fichier en .${attendues[0]}.`,
    };
  }
  return { nom };
}

/** RFC 8187 `ext-value`: UTF-8, percent-encoded beyond `attr-char`. */
const encoder5987 = (s: string) => encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** The ASCII fallback for clients that ignore `filename*`: accents dropped, anything else outside printable ASCII, quotes and `\` replaced. */
export const nomAscii = (nom: string): string =>
  nom.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e]|["\\%]/g, '_').trim() || 'fichier';

/**
 * `Content-Disposition` of every download of an upload (RFC 6266): always an attachment, never rendered inline,
 * under the normalised name, with an ASCII fallback.
 */
export function dispositionTelechargement(nom: string): string {
  const n = normaliserNom(nom) || 'fichier';
  return `attachment; filename="${nomAscii(n)}"; filename*=UTF-8''${encoder5987(n)}`;
}
