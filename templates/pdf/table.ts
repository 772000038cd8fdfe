import type { PdfLayout } from './layout';
import { grille, LEADING, PAD_X, PAD_Y } from './grille';
import { baselineOffset } from './theme';
import { measure } from './text';

export interface TableColumn {
  header: string;
  /** Relative weight: widths are shared out of the content width in proportion. */
  width: number;
  align?: 'left' | 'center' | 'right';
  bold?: boolean;
}

export interface TableOptions {
  size?: number;
  /** Alternate row shading. */
  zebra?: boolean;
  spaceAfter?: number;
}

/** Where the first fragment of a row landed: for links, or text filled in later (page numbers). */
export interface RowPlacement {
  pageIndex: number;
  top: number;
  bottom: number;
}

export interface TablePlacement {
  /** Left edge of each column. */
  x: number[];
  widths: number[];
  rows: RowPlacement[];
}

/**
 * Draws a bordered table with a shaded header row. Cells wrap; a row that does not fit moves to the next page,
 * where the header is repeated; a row taller than a whole page is split line by line across pages. The plain form
 * of `grille`, which draws it.
 */
export function table(
  layout: PdfLayout,
  columns: readonly TableColumn[],
  rows: readonly (readonly string[])[],
  options: TableOptions = {},
): TablePlacement {
  return grille(layout, columns, rows, options);
}


/**
 * Writes `text` on the first line of a cell already placed by `table` (e.g. page numbers known only once the
 * whole document has flowed), with the column's alignment.
 */
export function fillCell(
  layout: PdfLayout,
  placement: TablePlacement,
  column: TableColumn,
  rowIndex: number,
  columnIndex: number,
  text: string,
  size = 9,
): void {
  const row = placement.rows[rowIndex];
  const left = placement.x[columnIndex];
  const width = placement.widths[columnIndex];
  if (!row || left === undefined || width === undefined) return;
  const font = layout.font(column.bold);
  const line = layout.clean(text);
  const free = width - 2 * PAD_X - measure(line, font, size);
  const dx = column.align === 'right' ? free : column.align === 'center' ? free / 2 : 0;
  const y = row.top - PAD_Y - baselineOffset(size, LEADING);
  layout.doc.getPage(row.pageIndex).drawText(line, { x: left + PAD_X + dx, y, size, font, color: layout.theme.texte });
}
