import type { PDFFont } from 'pdf-lib';
import type { PdfLayout } from './layout';
import { baselineOffset } from './theme';
import { measure, wrap } from './text';

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

const LEADING = 1.3;
const PAD_X = 5;
const PAD_Y = 4;

/**
 * Draws a bordered table with a shaded header row. Cells wrap; a row that does not fit moves to the next page,
 * where the header is repeated; a row taller than a whole page is split line by line across pages.
 */
export function table(
  layout: PdfLayout,
  columns: readonly TableColumn[],
  rows: readonly (readonly string[])[],
  options: TableOptions = {},
): TablePlacement {
  const size = options.size ?? 9;
  const lineHeight = size * LEADING;
  const total = columns.reduce((sum, c) => sum + c.width, 0);
  const widths = columns.map((c) => (c.width / total) * layout.contentWidth);
  const x = widths.map((_, i) => layout.left + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const textWidth = (i: number) => (widths[i] ?? 0) - 2 * PAD_X;

  const header = columns.map((c, i) => wrap(layout.clean(c.header), layout.bold, size, textWidth(i)));
  const headerHeight = Math.max(...header.map((l) => l.length)) * lineHeight + 2 * PAD_Y;
  const fontOf = (i: number): PDFFont => layout.font(columns[i]?.bold);

  const drawCells = (cells: readonly string[][], from: number, count: number, fill?: 'header' | 'zebra') => {
    const { page, theme } = layout;
    const height = count * lineHeight + 2 * PAD_Y;
    const bottom = layout.y - height;
    if (fill) {
      const color = fill === 'header' ? theme.accent : theme.accentPale;
      page.drawRectangle({ x: layout.left, y: bottom, width: layout.contentWidth, height, color });
    }
    cells.forEach((lines, i) => {
      const column = columns[i];
      const font = fill === 'header' ? layout.bold : fontOf(i);
      const color = fill === 'header' ? theme.blanc : theme.texte;
      lines.slice(from, from + count).forEach((line, j) => {
        const free = textWidth(i) - measure(line, font, size);
        const dx = column?.align === 'right' ? free : column?.align === 'center' ? free / 2 : 0;
        const baseline = layout.y - PAD_Y - j * lineHeight - baselineOffset(size, LEADING);
        page.drawText(line, { x: (x[i] ?? 0) + PAD_X + dx, y: baseline, size, font, color });
      });
      const border = { borderColor: theme.bordure, borderWidth: 0.5 };
      page.drawRectangle({ x: x[i] ?? 0, y: bottom, width: widths[i] ?? 0, height, ...border });
    });
    layout.y = bottom;
  };
  const drawHeader = () => drawCells(header, 0, Math.max(...header.map((l) => l.length)), 'header');
  const freshPageLines = () => Math.floor((layout.top - layout.bottom - headerHeight - 2 * PAD_Y) / lineHeight);

  if (freshPageLines() < 1) throw new RangeError('En-tête de tableau plus haut que la page.');
  const placements: RowPlacement[] = [];
  layout.ensureSpace(headerHeight + 2 * lineHeight + 2 * PAD_Y);
  drawHeader();
  rows.forEach((row, r) => {
    const cells = columns.map((_, i) => wrap(layout.clean(row[i] ?? ''), fontOf(i), size, textWidth(i)));
    const lineCount = Math.max(1, ...cells.map((l) => l.length));
    let from = 0;
    while (from < lineCount) {
      const fits = Math.floor((layout.y - layout.bottom - 2 * PAD_Y) / lineHeight);
      const remaining = lineCount - from;
      // Move the (rest of the) row to a fresh page when it would fit there whole, or when fewer than three of its
      // lines fit here (a split row never leaves a one-line stub at the foot of a page).
      if (fits < remaining && (fits < Math.min(3, remaining) || (from === 0 && remaining <= freshPageLines()))) {
        layout.newPage();
        drawHeader();
        continue;
      }
      const count = Math.min(fits, remaining);
      const top = layout.y;
      drawCells(cells, from, count, options.zebra && r % 2 === 1 ? 'zebra' : undefined);
      if (from === 0) placements.push({ pageIndex: layout.pageIndex, top, bottom: layout.y });
      from += count;
    }
  });
  layout.space(options.spaceAfter ?? 8);
  return { x, widths, rows: placements };
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
