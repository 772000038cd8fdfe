import type { PDFFont } from 'pdf-lib';

/**
 * Text preparation for the PDF standard fonts. Helvetica speaks WinAnsi (cp1252): it has é è à ç ô œ « » ’ — –
 * € and U+00A0, but pdf-lib throws on anything else. Every string drawn goes through `sanitize` first.
 */

const NBSP = '\u00a0';

/** Characters outside WinAnsi that have a faithful WinAnsi spelling. */
const REMPLACEMENTS: Record<string, string> = {
  '\u202f': NBSP, // narrow no-break space (Intl fr-FR group separator)
  '\u2007': NBSP, // figure space
  '\u2060': '', // word joiner
  '\u200b': '', // zero-width space
  '\u200c': '',
  '\u200d': '', // zero-width joiner (emoji sequences)
  '\ufeff': '',
  '\u00ad': '', // soft hyphen: invisible unless at a break, and we do not hyphenate
  '\u2010': '-',
  '\u2011': '-', // non-breaking hyphen
  '\u2012': '\u2013',
  '\u2015': '\u2014',
  '\u2212': '-', // minus sign
  '\u2032': "'",
  '\u2033': '"',
  '\u2264': '<=',
  '\u2265': '>=',
  '\u2260': '!=',
  '\u2248': '~',
  '\u2192': '->',
  '\u2190': '<-',
  '\u21d2': '=>',
  '\u2794': '->',
  '\u25cf': '\u2022',
  '\u25aa': '\u2022',
  '\u25e6': '\u2022',
  '\u2043': '-',
  '\u2713': 'v',
  '\u2714': 'v',
  '\ufb01': 'fi',
  '\ufb02': 'fl',
  '\u2116': 'N\u00b0',
};

const ESPACES_SECABLES = /[\u2000-\u2006\u2008-\u200a\u205f\u3000]/;
const SELECTEURS_VARIANTE = /[\ufe00-\ufe0f]/;
const CONTROLES = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * Makes `text` drawable with a WinAnsi font: known characters are mapped (U+202F → U+00A0, ≥ → >=, ‑ → -),
 * accented letters outside the set lose their accent (ș → s), anything else becomes '?'. Line breaks are kept as
 * '\n' (for `wrap`), tabs and other control characters become spaces.
 */
export function sanitize(text: string, characterSet: ReadonlySet<number>): string {
  let out = '';
  for (const ch of text.replace(/\r\n?/g, '\n').normalize('NFC')) {
    const cp = ch.codePointAt(0) ?? 0x3f;
    if (ch === '\n' || (characterSet.has(cp) && !CONTROLES.test(ch))) {
      out += ch;
      continue;
    }
    const remplacement = REMPLACEMENTS[ch];
    if (remplacement !== undefined) out += remplacement;
    else if (ESPACES_SECABLES.test(ch) || CONTROLES.test(ch)) out += ' ';
    else if (SELECTEURS_VARIANTE.test(ch) || (cp >= 0x0300 && cp <= 0x036f)) continue;
    else out += sansAccent(ch, characterSet);
  }
  return out;
}

function sansAccent(ch: string, characterSet: ReadonlySet<number>): string {
  const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  if (base !== ch && base.length > 0 && [...base].every((c) => characterSet.has(c.codePointAt(0) ?? 0))) return base;
  return '?';
}

const largeurs = new WeakMap<PDFFont, Map<string, number>>();

/**
 * Width of `text` at `size` as it will be drawn. pdf-lib's `widthOfTextAtSize` subtracts kerning that `drawText`
 * never applies, so it under-measures ("AV"); summing per-character advances matches what is painted.
 */
export function measure(text: string, font: PDFFont, size: number): number {
  let cache = largeurs.get(font);
  if (!cache) {
    cache = new Map();
    largeurs.set(font, cache);
  }
  let total = 0;
  for (const ch of text) {
    let w = cache.get(ch);
    if (w === undefined) {
      w = font.widthOfTextAtSize(ch, 1000);
      cache.set(ch, w);
    }
    total += w;
  }
  return (total * size) / 1000;
}

/**
 * Greedy line breaking on ordinary spaces (never on U+00A0). A word wider than the line is cut between characters.
 * `text` must already be sanitized; each '\n' starts a new line. Returns at least one (possibly empty) line.
 */
export function wrap(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  for (const paragraphe of text.split('\n')) {
    const words = paragraphe.split(' ').filter((w) => w.length > 0);
    let line = '';
    for (const word of words) {
      const candidate = line ? `${line} ${word}` : word;
      if (measure(candidate, font, size) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = '';
      let reste = word;
      while (measure(reste, font, size) > maxWidth) {
        const coupe = longestPrefix(reste, font, size, maxWidth);
        lines.push(reste.slice(0, coupe));
        reste = reste.slice(coupe);
      }
      line = reste;
    }
    lines.push(line);
  }
  return lines;
}

/** Length (in UTF-16 units, never splitting a pair) of the longest prefix that fits; at least one character. */
function longestPrefix(word: string, font: PDFFont, size: number, maxWidth: number): number {
  let length = 0;
  let width = 0;
  for (const ch of word) {
    width += measure(ch, font, size);
    if (width > maxWidth && length > 0) break;
    length += ch.length;
  }
  return length;
}

/** Shortens `text` with an ellipsis so it fits in `maxWidth` (for running headers and table-of-contents cells). */
export function truncate(text: string, font: PDFFont, size: number, maxWidth: number): string {
  if (measure(text, font, size) <= maxWidth) return text;
  const chars = [...text];
  const avecPoints = (n: number) => `${chars.slice(0, n).join('').trimEnd()}\u2026`;
  let [bas, haut] = [0, chars.length];
  while (bas < haut) {
    const milieu = Math.ceil((bas + haut) / 2);
    if (measure(avecPoints(milieu), font, size) <= maxWidth) bas = milieu;
    else haut = milieu - 1;
  }
  return avecPoints(bas);
}
