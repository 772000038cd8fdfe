import type { PDFFont } from 'pdf-lib';
import type { PdfLayout } from './layout';
import type { RowPlacement, TableColumn, TableOptions, TablePlacement } from './table';
import { baselineOffset } from './theme';
import { measure, wrap } from './text';

/**
 * A variant of `table` for documents that need typographic contrast inside a table: a column may be set in another
 * font and size (e.g. Courier for hashes), and a row may be bold and shaded (subtotals, totals). Same geometry,
 * borders, header repetition and page-splitting rules as `table`; every line of a row keeps the table's line pitch,
 * so rows stay aligned whatever the font of each column.
 */

export interface GrilleColumn extends TableColumn {
  /** Font of the body cells of this column (the header keeps the bold font); default: the layout's font. */
  font?: PDFFont;
  /** Font size of the body cells of this column; default: the table's size. Must not exceed it. */
  size?: number;
}

export interface GrilleRow {
  cells: readonly string[];
  /** Bold text (columns with their own `font` keep it). */
  bold?: boolean;
  /** Pale accent background, for totals. */
  shade?: boolean;
}

export interface GrilleOptions extends TableOptions {
  /** Start the table on a new page rather than split it, when it fits whole on a fresh page. */
  keepTogether?: boolean;
}

export const LEADING = 1.3;
export const PAD_X = 5;
export const PAD_Y = 4;

const asRow = (row: readonly string[] | GrilleRow): GrilleRow => ('cells' in row ? row : { cells: row });

export function grille(
  layout: PdfLayout,
  columns: readonly GrilleColumn[],
  rows: readonly (readonly string[] | GrilleRow)[],
  options: GrilleOptions = {},
): TablePlacement {
  const size = options.size ?? 9;
  const lineHeight = size * LEADING;
  const total = columns.reduce((sum, c) => sum + c.width, 0);
  const widths = columns.map((c) => (c.width / total) * layout.contentWidth);
  const x = widths.map((_, i) => layout.left + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const textWidth = (i: number) => (widths[i] ?? 0) - 2 * PAD_X;
  const sizeOf = (i: number) => Math.min(columns[i]?.size ?? size, size);
  const fontOf = (i: number, row: GrilleRow): PDFFont => columns[i]?.font ?? layout.font(row.bold || columns[i]?.bold);

  const header = columns.map((c, i) => wrap(layout.clean(c.header), layout.bold, size, textWidth(i)));
  const headerLines = Math.max(...header.map((l) => l.length));
  const headerHeight = headerLines * lineHeight + 2 * PAD_Y;

  const drawCells = (
    cells: readonly string[][],
    from: number,
    count: number,
    style: { header?: boolean; row?: GrilleRow; zebra?: boolean },
  ) => {
    const { page, theme } = layout;
    const height = count * lineHeight + 2 * PAD_Y;
    const bottom = layout.y - height;
    const fill = style.header ? theme.accent : style.row?.shade || style.zebra ? theme.accentPale : undefined;
    if (fill) page.drawRectangle({ x: layout.left, y: bottom, width: layout.contentWidth, height, color: fill });
    cells.forEach((lines, i) => {
      const column = columns[i];
      const font = style.header || !style.row ? layout.bold : fontOf(i, style.row);
      const cellSize = style.header ? size : sizeOf(i);
      const color = style.header ? theme.blanc : theme.texte;
      lines.slice(from, from + count).forEach((line, j) => {
        const free = textWidth(i) - measure(line, font, cellSize);
        const dx = column?.align === 'right' ? free : column?.align === 'center' ? free / 2 : 0;
        // Centre a smaller font in the table's line box: same middle, its own baseline offset.
        const lineTop = layout.y - PAD_Y - j * lineHeight - (lineHeight - cellSize * LEADING) / 2;
        const baseline = lineTop - baselineOffset(cellSize, LEADING);
        page.drawText(line, { x: (x[i] ?? 0) + PAD_X + dx, y: baseline, size: cellSize, font, color });
      });
      const border = { borderColor: theme.bordure, borderWidth: 0.5 };
      page.drawRectangle({ x: x[i] ?? 0, y: bottom, width: widths[i] ?? 0, height, ...border });
    });
    layout.y = bottom;
  };
  const drawHeader = () => drawCells(header, 0, headerLines, { header: true });
  const freshPageLines = () => Math.floor((layout.top - layout.bottom - headerHeight - 2 * PAD_Y) / lineHeight);

  if (freshPageLines() < 1) throw new RangeError('En-tête de tableau plus haut que la page.');
  const placements: RowPlacement[] = [];
  const prepared = rows.map((raw) => {
    const row = asRow(raw);
    const cells = columns.map((_, i) => wrap(layout.clean(row.cells[i] ?? ''), fontOf(i, row), sizeOf(i), textWidth(i)));
    return { row, cells, lineCount: Math.max(1, ...cells.map((l) => l.length)) };
  });
  const wholeHeight = headerHeight + prepared.reduce((h, p) => h + p.lineCount * lineHeight + 2 * PAD_Y, 0);
  if (options.keepTogether && wholeHeight <= layout.top - layout.bottom) layout.ensureSpace(wholeHeight);
  layout.ensureSpace(headerHeight + 2 * lineHeight + 2 * PAD_Y);
  drawHeader();
  prepared.forEach(({ row, cells, lineCount }, r) => {
    let from = 0;
    while (from < lineCount) {
      const fits = Math.floor((layout.y - layout.bottom - 2 * PAD_Y) / lineHeight);
      const remaining = lineCount - from;
      if (fits < remaining && (fits < Math.min(3, remaining) || (from === 0 && remaining <= freshPageLines()))) {
        layout.newPage();
        drawHeader();
        continue;
      }
      const count = Math.min(fits, remaining);
      const top = layout.y;
      drawCells(cells, from, count, { row, zebra: options.zebra === true && r % 2 === 1 });
      if (from === 0) placements.push({ pageIndex: layout.pageIndex, top, bottom: layout.y });
      from += count;
    }
  });
  layout.space(options.spaceAfter ?? 8);
  return { x, widths, rows: placements };
}
