import jpeg from 'jpeg-js';
import pngjs from 'pngjs';
import { donneesApresFin, type Refus } from './contenu-commun';

/**
 * Dimensions an image pièce may have: a scan at 600 dpi of an A3 page is 7 000 × 9 900 px (69 MP is far beyond any
 * document photo; 25 MP holds an A4 at 600 dpi and every phone's default). Checked on the header before decoding,
 * so that a small file declaring 100 000 × 100 000 px never allocates its pixels.
 */
export const COTE_MAX_PX = 20_000;
export const PIXELS_MAX = 25_000_000;

const illisible = (format: string): Refus => ({
  code: 'IMAGE_ILLISIBLE',
  motif: `L’image ${format} est corrompue ou illisible : elle ne se décode pas entièrement. Enregistrez-la à nouveau, puis déposez-la.`,
});

function dimensions(format: string, largeur: number, hauteur: number): Refus | null {
  if (largeur < 1 || hauteur < 1) return illisible(format);
  if (largeur > COTE_MAX_PX || hauteur > COTE_MAX_PX || largeur * hauteur > PIXELS_MAX) {
    return {
      code: 'IMAGE_DIMENSIONS',
      motif: `L’image ${format} mesure ${largeur} × ${hauteur} pixels : au plus ${COTE_MAX_PX} pixels de côté et ${PIXELS_MAX / 1_000_000} mégapixels. Réduisez-la ou déposez un PDF.`,
    };
  }
  return null;
}

const u32 = (b: Uint8Array, i: number) => ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0;

/** The PNG's chunk framing: IHDR first, the offset just past IEND. pngjs decodes; this only finds where the file ends. */
function structurePng(b: Uint8Array): { largeur: number; hauteur: number; fin: number } | null {
  let i = 8;
  let ihdr: { largeur: number; hauteur: number } | null = null;
  while (i + 12 <= b.length) {
    const longueur = u32(b, i);
    const type = String.fromCharCode(b[i + 4]!, b[i + 5]!, b[i + 6]!, b[i + 7]!);
    if (!/^[A-Za-z]{4}$/.test(type) || i + 12 + longueur > b.length) return null;
    if (!ihdr) {
      if (type !== 'IHDR' || longueur !== 13) return null;
      ihdr = { largeur: u32(b, i + 8), hauteur: u32(b, i + 12) };
    }
    i += 12 + longueur;
    if (type === 'IEND') return { ...ihdr, fin: i };
  }
  return null;
}

/** A PNG is accepted when its chunks end with IEND, followed by padding at most, and pngjs decodes every pixel (CRCs checked). */
export function verifierPng(octets: Uint8Array): Refus | null {
  const s = structurePng(octets);
  if (!s) return illisible('PNG');
  const refus = dimensions('PNG', s.largeur, s.hauteur) ?? donneesApresFin(octets, s.fin, 'PNG', 'IEND');
  if (refus) return refus;
  try {
    const image = pngjs.PNG.sync.read(Buffer.from(octets.buffer, octets.byteOffset, s.fin), { checkCRC: true });
    return image.width === s.largeur && image.height === s.hauteur ? null : illisible('PNG');
  } catch {
    return illisible('PNG');
  }
}

/**
 * The JPEG's marker framing: the frame's dimensions (SOF) and the offset just past EOI. Entropy-coded data after
 * SOS runs to the next marker that is neither a stuffed 0xFF00 nor a restart marker.
 */
function structureJpeg(b: Uint8Array): { largeur: number; hauteur: number; fin: number } | null {
  let i = 2;
  let sof: { largeur: number; hauteur: number } | null = null;
  while (i + 1 < b.length) {
    if (b[i] !== 0xff) return null;
    while (b[i + 1] === 0xff) i++;
    const m = b[i + 1]!;
    if (m === 0xd9) return sof ? { ...sof, fin: i + 2 } : null;
    if ((m >= 0xd0 && m <= 0xd7) || m === 0x01) {
      i += 2;
      continue;
    }
    if (i + 3 >= b.length) return null;
    const longueur = (b[i + 2]! << 8) | b[i + 3]!;
    if (longueur < 2) return null;
    if (m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc && i + 8 < b.length) {
      sof = { hauteur: (b[i + 5]! << 8) | b[i + 6]!, largeur: (b[i + 7]! << 8) | b[i + 8]! };
    }
    i += 2 + longueur;
    if (m === 0xda) {
      while (i + 1 < b.length && !(b[i] === 0xff && b[i + 1] !== 0x00 && !(b[i + 1]! >= 0xd0 && b[i + 1]! <= 0xd7))) i++;
    }
  }
  return null;
}

/** A JPEG is accepted when its markers end with EOI, followed by padding at most, and jpeg-js decodes the whole frame strictly. */
export function verifierJpeg(octets: Uint8Array): Refus | null {
  const s = structureJpeg(octets);
  if (!s) return illisible('JPEG');
  const refus = dimensions('JPEG', s.largeur, s.hauteur) ?? donneesApresFin(octets, s.fin, 'JPEG', 'EOI');
  if (refus) return refus;
  try {
    const image = jpeg.decode(octets.subarray(0, s.fin), {
      useTArray: true,
      tolerantDecoding: false,
      maxResolutionInMP: PIXELS_MAX / 1_000_000,
      maxMemoryUsageInMB: 512,
    });
    return image.width === s.largeur && image.height === s.hauteur ? null : illisible('JPEG');
  } catch {
    return illisible('JPEG');
  }
}
