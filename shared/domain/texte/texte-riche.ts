/**
 * « Texte riche » as the AAP stores it: plain text where a blank line separates paragraphs and lines starting with
 * "- " (or "  - " one level down) are list items. Kept as a string so that an OI writes it in a textarea, diffs stay
 * readable in rectificatifs, and the web app and the PDF render the same blocks from one parser.
 */
export type Bloc =
  | { type: 'paragraphe'; texte: string }
  | { type: 'liste'; elements: ElementListe[] };

export interface ElementListe {
  texte: string;
  sousElements: string[];
}

const PUCE = /^( {0,1})- (.*)$/;
const SOUS_PUCE = /^ {2,}- (.*)$/;

/** The blocks of a texte riche, in order; empty input gives no block. */
export function blocs(texte: string | null | undefined): Bloc[] {
  if (!texte) return [];
  const resultat: Bloc[] = [];
  for (const morceau of texte.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/)) {
    const lignes = morceau.split('\n').filter((l) => l.trim() !== '');
    let paragraphe: string[] = [];
    let elements: ElementListe[] = [];
    const fermer = () => {
      if (paragraphe.length) resultat.push({ type: 'paragraphe', texte: paragraphe.join(' ') });
      if (elements.length) resultat.push({ type: 'liste', elements });
      paragraphe = [];
      elements = [];
    };
    for (const ligne of lignes) {
      const sous = SOUS_PUCE.exec(ligne);
      const puce = sous ? null : PUCE.exec(ligne);
      const dernier = elements.at(-1);
      if (sous && dernier) dernier.sousElements.push(sous[1]!.trim());
      else if (puce || sous) {
        if (paragraphe.length) fermer();
        elements.push({ texte: (puce ? puce[2]! : sous![1]!).trim(), sousElements: [] });
      } else {
        if (elements.length) fermer();
        paragraphe.push(ligne.trim());
      }
    }
    fermer();
  }
  return resultat;
}

/** Every sentence-bearing piece of a texte riche (paragraphs, items, sub-items), for searches and fidelity checks. */
export function fragments(texte: string | null | undefined): string[] {
  return blocs(texte).flatMap((b) =>
    b.type === 'paragraphe' ? [b.texte] : b.elements.flatMap((e) => [e.texte, ...e.sousElements]),
  );
}
