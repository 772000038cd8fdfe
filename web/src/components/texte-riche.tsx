import type { ReactNode } from 'react';
import { blocs } from '#shared/domain/texte/texte-riche';

/**
 * A « texte riche » (paragraphs, "- " lists, "  - " sub-lists) as React elements, from the parser the PDF uses too:
 * text is only ever rendered as text, never as HTML.
 */
export function TexteRiche({ texte, vide = null }: { texte: string | null | undefined; vide?: ReactNode }) {
  const liste = blocs(texte);
  if (liste.length === 0) return vide === null ? null : <p className="discret">{vide}</p>;
  return (
    <div className="texte-riche">
      {liste.map((b, i) =>
        b.type === 'paragraphe' ? (
          <p key={i}>{b.texte}</p>
        ) : (
          <ul key={i} className="liste">
            {b.elements.map((e, j) => (
              <li key={j}>
                {e.texte}
                {e.sousElements.length > 0 && (
                  <ul className="liste sous-liste">
                    {e.sousElements.map((s, k) => (
                      <li key={k}>{s}</li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        ),
      )}
    </div>
  );
}

/** The syntax of a texte riche in one line, under every textarea that takes one. */
export const SYNTAXE_TEXTE_RICHE =
  'Une ligne vide sépare deux paragraphes ; « - » en début de ligne fait une liste, « \u00a0\u00a0- » (deux espaces) un sous-élément.';

/** true when a texte riche has something to show (a field left null or blank has not). */
export const aDuTexte = (texte: string | null | undefined): boolean => blocs(texte).length > 0;
