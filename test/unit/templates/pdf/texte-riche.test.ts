import { describe, expect, it } from 'vitest';
import { PdfLayout } from '#templates/pdf/layout';
import { rubrique, texteRiche } from '#templates/pdf/texte-riche';
import { extractPages } from '../pdf-text';

const meta = { title: 'Texte riche', author: 'Guichet', createdAt: new Date('2024-03-05T09:30:00Z') };

async function rendre(dessin: (layout: PdfLayout) => void) {
  const layout = await PdfLayout.create(meta);
  dessin(layout);
  return extractPages(await layout.finish('Texte riche'));
}

describe('texteRiche', () => {
  it('draws paragraphs, bulleted items and their indented sub-items in order when the text has all three', async () => {
    const texte = 'Premier paragraphe.\n\nModalités :\n\n- Un\n  - Un bis\n  - Un ter\n- Deux\n\nDernier paragraphe.';
    const [page] = await rendre((layout) => texteRiche(layout, texte));
    const items = page?.items ?? [];
    expect(page?.text).toContain('Premier paragraphe. Modalités : • Un – Un bis – Un ter • Deux Dernier paragraphe.');
    // pdfjs reads a dash and its sub-item as one run: both start one hanging indent to the right of the item's bullet.
    const x = (debut: string) => items.find((i) => i.str.startsWith(debut))?.x ?? Number.NaN;
    expect(x('– Un bis')).toBeCloseTo(x('•') + 12, 1);
    expect(x('– Un ter')).toBe(x('– Un bis'));
    expect(x('Un')).toBe(x('Deux'));
    expect(x('Premier')).toBeLessThan(x('•'));
  });

  it('draws nothing, not even its heading, when the text is null or blank', async () => {
    const [page] = await rendre((layout) => {
      texteRiche(layout, null);
      rubrique(layout, 'Contexte', '  \n\n ');
      rubrique(layout, 'Objectifs', null);
    });
    expect(page?.items.map((i) => i.str)).toEqual(['Texte riche', 'Page 1 / 1']);
  });
});
