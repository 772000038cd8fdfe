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

/**
 * The coloured banner that opens the first page of an OI document: the OI on one small line, the document's title,
 * and optionally one bold line under it (the PV's session). The flow resumes 22 pt under the banner.
 */
export function drawBandeau(layout: PdfLayout, p: { oi: { sigle: string; nom: string }; titre: string; tailleTitre?: number; sousTitre?: string; hauteur?: number }): void {
  const { page, theme } = layout;
  const hauteur = p.hauteur ?? 84;
  page.drawRectangle({ x: 0, y: page.getHeight() - hauteur, width: page.getWidth(), height: hauteur, color: theme.accent });
  layout.y = page.getHeight() - 22;
  const oi = truncate(layout.clean(`${p.oi.sigle} \u2014 ${p.oi.nom}`), layout.regular, 9.5, layout.contentWidth);
  layout.paragraph(oi, { size: 9.5, color: theme.blanc, spaceAfter: 3 });
  layout.paragraph(p.titre, { bold: true, size: p.tailleTitre ?? 24, leading: 1.2, color: theme.blanc, spaceAfter: p.sousTitre ? 2 : 0 });
  if (p.sousTitre) layout.paragraph(truncate(layout.clean(p.sousTitre), layout.bold, 11.5, layout.contentWidth), { bold: true, size: 11.5, color: theme.blanc });
  layout.y = page.getHeight() - hauteur - 22;
}

/** « RÉFÉRENCE DU DOSSIER » and the reference in large accent type, as the receipt and the report open. */
export function drawReferenceDossier(layout: PdfLayout, reference: string): void {
  layout.paragraph('RÉFÉRENCE DU DOSSIER', { bold: true, size: 9, color: layout.theme.discret, spaceAfter: 1 });
  layout.paragraph(reference, { bold: true, size: 17, leading: 1.25, color: layout.theme.accent, spaceAfter: 8 });
}
