import type { PdfLayout } from './layout';
import { measure, truncate } from './text';

/** Page furniture: the running header and the footer, drawn outside the flow in the top and bottom margins. */

const TAILLE = 8;

/** One line of small grey text above a hairline, shortened with an ellipsis to the content width. */
export function drawRunningHeader(layout: PdfLayout, text: string): void {
  const { page, margins, regular, theme } = layout;
  const y = page.getHeight() - 36;
  const right = page.getWidth() - margins.right;
  const line = truncate(layout.clean(text).replace(/\n/g, ' '), regular, TAILLE, right - margins.left);
  page.drawText(line, { x: margins.left, y, size: TAILLE, font: regular, color: theme.discret });
  page.drawLine({
    start: { x: margins.left, y: y - 6 },
    end: { x: right, y: y - 6 },
    thickness: 0.4,
    color: theme.bordure,
  });
}

/** Footer of one page: a hairline, `left` text and « Page n / N » on the right (N known once the flow is done). */
export function drawFooter(layout: PdfLayout, pageIndex: number, left: string): void {
  const { doc, margins, regular, theme } = layout;
  const page = doc.getPage(pageIndex);
  const right = page.getWidth() - margins.right;
  const numero = layout.clean(`Page ${pageIndex + 1} / ${doc.getPageCount()}`);
  const numeroWidth = measure(numero, regular, TAILLE);
  const place = right - margins.left - numeroWidth - 16;
  const gauche = truncate(layout.clean(left).replace(/\n/g, ' '), regular, TAILLE, place);
  const y = 34;
  const color = theme.discret;
  const filet = { thickness: 0.4, color: theme.bordure };
  page.drawLine({ start: { x: margins.left, y: y + 12 }, end: { x: right, y: y + 12 }, ...filet });
  page.drawText(gauche, { x: margins.left, y, size: TAILLE, font: regular, color });
  page.drawText(numero, { x: right - numeroWidth, y, size: TAILLE, font: regular, color });
}
