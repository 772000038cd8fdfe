import { blocs } from '#shared/domain/texte/texte-riche';
import type { PdfLayout } from './layout';
import { INTERLIGNE, TAILLE_TEXTE, type TextStyle } from './theme';

/**
 * Draws a texte riche (`shared/domain/texte/texte-riche.ts`) in the flow: paragraphs, then lists with their
 * sub-items, with the same parser as the web app. Null or empty text draws nothing. The one way every document
 * prints an AAP's, a fiche's or a PLIE's long texts.
 */
export function texteRiche(layout: PdfLayout, texte: string | null | undefined, style: TextStyle = {}): void {
  const interligne = (style.size ?? TAILLE_TEXTE) * (style.leading ?? INTERLIGNE);
  for (const bloc of blocs(texte)) {
    // Two lines at least at the foot of a page: a paragraph or list never starts with a lone line there.
    layout.ensureSpace(2 * interligne);
    if (bloc.type === 'paragraphe') layout.paragraph(bloc.texte, { spaceAfter: 5, ...style });
    else layout.bullets(bloc.elements, { spaceAfter: 4, ...style });
  }
}

/** A heading and its texte riche; nothing at all when the text is null or empty. */
export function rubrique(layout: PdfLayout, titre: string, texte: string | null | undefined, niveau: 1 | 2 | 3 = 2): void {
  if (blocs(texte).length === 0) return;
  layout.heading(titre, niveau);
  texteRiche(layout, texte);
}
