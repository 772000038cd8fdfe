import type { PdfLayout } from './layout';
import { addLink } from './navigation';
import { fillCell, table, type TableColumn } from './table';
import type { Anchor } from './theme';

/** Fills in a table of contents once its targets are known (one anchor per row, in row order). */
export type RenseignerSommaire = (cibles: readonly Anchor[]) => void;

/**
 * A table of contents drawn before what it lists: the rows now (`lignes` give every column but the last), then,
 * through the returned function, each row's page number in the last column and a link from the whole row to its
 * target.
 */
export function tableSommaire(
  layout: PdfLayout,
  colonnes: readonly TableColumn[],
  lignes: readonly (readonly string[])[],
): RenseignerSommaire {
  const placement = table(layout, colonnes, lignes.map((l) => [...l, '']));
  const indexPage = colonnes.length - 1;
  const colonnePage = colonnes[indexPage];
  const gauche = placement.x[0] ?? layout.margins.left;
  const largeur = placement.widths.reduce((a, b) => a + b, 0);
  return (cibles) =>
    cibles.forEach((cible, i) => {
      const ligne = placement.rows[i];
      if (!ligne || !colonnePage) return;
      fillCell(layout, placement, colonnePage, i, indexPage, String(cible.pageIndex + 1));
      addLink(layout.doc, ligne.pageIndex, { x: gauche, y: ligne.bottom, width: largeur, height: ligne.top - ligne.bottom }, cible);
    });
}
