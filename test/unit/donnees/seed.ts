/** The source of AAP-AGAPE-2021 (`data/sources/aap-agape-2021.txt`, seed 002) read line by line, for fidelity checks. */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const RACINE = resolve(import.meta.dirname, '..', '..', '..');
export const LIGNES = readFileSync(join(RACINE, 'data', 'sources', 'aap-agape-2021.txt'), 'utf8').split('\n');

/** Line n (1-based, as `sed -n` counts). */
export const ligne = (n: number): string => LIGNES[n - 1] ?? '';

/** A bullet at the start of a line: a dash, a glyph, or the letter « o » standing alone (second-level bullets). */
const PUCE = /^\s*(?:(?:[-•\u2022\u2212\u25aa\u25ab\u25cf\u2610\u00a7\uf000-\uf8ff]|o(?=\s))\s*)+(?=\S)/u;
/** Page furniture the PDF-to-text left in the flow: a URL printed alone in a margin. */
const MARGE = /^https?:\/\/\S+$/;
const espaces = (s: string) => s.replace(/[\s\u00a0\u202f]+/g, ' ').trim();

/** Text compared word for word: bullets and spacing out, typographic apostrophes folded. */
export const normaliser = (s: string): string => espaces(s.replace(/[’‘]/g, "'"));

/**
 * Lines `debut`..`fin` as one text, in the three ways a word cut at a line end may have been rejoined: with a space,
 * keeping the hyphen (« socio-professionnelle ») or dropping it (« accompagnement »).
 */
export function plage(debut: number, fin: number, lignes: readonly string[] = LIGNES): string[] {
  const nettes = lignes.slice(debut - 1, fin).map((l) => l.replace(PUCE, '').trim()).filter((l) => l !== '');
  const joindre = (lignes: string[], coupure: (avant: string, apres: string) => string) =>
    normaliser(lignes.reduce((acc, l) => (acc === '' ? l : acc.endsWith('-') ? coupure(acc, l) : `${acc} ${l}`), ''));
  // A URL alone on a line is a margin note in some ranges (Technowest) and a list item in others (the dépôt's sites).
  return [nettes, nettes.filter((l) => !MARGE.test(l))].flatMap((lignes) => [
    joindre(lignes, (a, b) => `${a} ${b}`),
    joindre(lignes, (a, b) => `${a}${b}`),
    joindre(lignes, (a, b) => `${a.slice(0, -1)}${b}`),
  ]);
}

/** Whether `fragment` stands word for word in lines `debut`..`fin`. */
export const dansPlage = (fragment: string, debut: number, fin: number, lignes: readonly string[] = LIGNES): boolean => {
  const f = normaliser(fragment);
  return plage(debut, fin, lignes).some((t) => t.includes(f));
};

/**
 * Another source kept in `data/sources/`, line by line: `corrections` are the typos our text fixes (line → [as printed,
 * as we write it]), `horsTexte` the lines of page furniture (a footnote cutting a sentence) left out of the flow, and
 * the bullets « · » and « ◦ » read as the others.
 */
export function autreSource(fichier: string, options: { corrections?: Record<number, [string, string]>; horsTexte?: number[] } = {}): string[] {
  return readFileSync(join(RACINE, 'data', 'sources', fichier), 'utf8').split('\n').map((l, i) => {
    if (options.horsTexte?.includes(i + 1)) return '';
    const c = options.corrections?.[i + 1];
    return (c ? l.replace(c[0], c[1]) : l).replace(/^(\s*)[\u00b7\u25e6]/u, '$1•');
  });
}
