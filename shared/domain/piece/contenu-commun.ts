/** A refusal of the content verification: a stable code and the French reason shown to the porteur. */
export interface Refus {
  code: string;
  motif: string;
}

export const estRefus = (x: object): x is Refus => 'code' in x && 'motif' in x;

/**
 * What may follow a format's end marker (`%%EOF`, IEND, EOI, the ZIP's end record): at most 1 KiB of padding —
 * NUL or whitespace, which some writers and scanners add — and nothing else. One printable byte after the end is
 * data no reader of the format looks at, which is exactly where a polyglot hides its second format.
 */
export const MARGE_FIN_OCTETS = 1024;

const REMPLISSAGE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);

/** The refusal for bytes after `fin` (the offset just past the end marker), or null when they are padding only. */
export function donneesApresFin(octets: Uint8Array, fin: number, format: string, marqueur: string): Refus | null {
  const reste = octets.length - fin;
  if (reste <= 0) return null;
  let etranger = false;
  for (let i = fin; i < octets.length && !etranger; i++) etranger = !REMPLISSAGE.has(octets[i]!);
  if (!etranger && reste <= MARGE_FIN_OCTETS) return null;
  return {
    code: 'DONNEES_APRES_FIN',
    motif: `Le fichier ${format} contient ${reste} octet${reste > 1 ? 's' : ''} de données après sa fin (${marqueur}) : un autre contenu y est accolé. Enregistrez le document à nouveau depuis son application d’origine, puis déposez-le.`,
  };
}

/** Latin-1 view of bytes: one char per byte, for searching ASCII keywords in binary formats. */
export const latin1 = (octets: Uint8Array, debut = 0, fin = octets.length): string =>
  Buffer.from(octets.buffer, octets.byteOffset, octets.length).toString('latin1', debut, fin);
