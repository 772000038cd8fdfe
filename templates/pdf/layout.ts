import { PageSizes, PDFDocument, StandardFonts, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import { drawFooter, drawRunningHeader } from './furniture';
import { measure, sanitize, wrap } from './text';
import {
  baselineOffset,
  INTERLIGNE,
  MARGES,
  TAILLE_TEXTE,
  THEME,
  type Anchor,
  type DocumentMeta,
  type TextStyle,
  type Theme,
} from './theme';

/**
 * A small flow-layout engine over pdf-lib, shared by every generated document (AAP, receipts, minutes): a cursor
 * that moves down the page, wrapped paragraphs that continue on the next page, headings kept with what follows,
 * running header, and footers drawn once the page count is known. Coordinates are PDF points, origin bottom-left.
 */

/** A list item with its sub-items (the shape of a texte riche's list elements). */
export interface ElementPuce {
  texte: string;
  sousElements?: readonly string[];
}

/** Hanging indent of a list item: the bullet sits in it. */
const RETRAIT_PUCE = 12;

export class PdfLayout {
  page!: PDFPage;
  /** Top of the next line box. */
  y = 0;
  /** Current left indent, in points from the left margin. */
  indent = 0;
  /** Drawn at the top of every page added from now on; null for none. */
  runningHeader: string | null = null;
  readonly margins = MARGES;

  private constructor(
    readonly doc: PDFDocument,
    readonly regular: PDFFont,
    readonly bold: PDFFont,
    readonly theme: Theme,
    private readonly characterSet: ReadonlySet<number>,
  ) {}

  /** A new document with its first page (without running header) ready at the top. */
  static async create(meta: DocumentMeta, theme: Theme = THEME): Promise<PdfLayout> {
    if (Number.isNaN(meta.createdAt.getTime())) throw new RangeError('Date de génération invalide.');
    const doc = await PDFDocument.create({ updateMetadata: false });
    doc.setTitle(meta.title, { showInWindowTitleBar: true });
    doc.setAuthor(meta.author);
    if (meta.subject) doc.setSubject(meta.subject);
    if (meta.keywords) doc.setKeywords(meta.keywords);
    doc.setProducer('Guichet (pdf-lib)');
    doc.setCreator('Guichet');
    doc.setLanguage('fr-FR');
    doc.setCreationDate(meta.createdAt);
    doc.setModificationDate(meta.createdAt);
    const regular = await doc.embedFont(StandardFonts.Helvetica);
    const bold = await doc.embedFont(StandardFonts.HelveticaBold);
    const layout = new PdfLayout(doc, regular, bold, theme, new Set(regular.getCharacterSet()));
    layout.newPage();
    return layout;
  }

  get width(): number {
    return this.page.getWidth();
  }
  get left(): number {
    return this.margins.left + this.indent;
  }
  get right(): number {
    return this.width - this.margins.right;
  }
  get contentWidth(): number {
    return this.right - this.left;
  }
  get top(): number {
    return this.page.getHeight() - this.margins.top;
  }
  get bottom(): number {
    return this.margins.bottom;
  }
  get pageIndex(): number {
    return this.doc.getPageCount() - 1;
  }
  get atPageTop(): boolean {
    return this.y >= this.top;
  }

  font(bold = false): PDFFont {
    return bold ? this.bold : this.regular;
  }

  /** Makes any string drawable with the standard fonts (see `sanitize`). */
  clean(text: string): string {
    return sanitize(text, this.characterSet);
  }

  anchor(): Anchor {
    return { pageIndex: this.pageIndex, y: this.y };
  }

  newPage(): PDFPage {
    this.page = this.doc.addPage(PageSizes.A4);
    this.y = this.top;
    if (this.runningHeader) drawRunningHeader(this, this.runningHeader);
    return this.page;
  }

  /** Starts a new page unless `height` points still fit above the bottom margin; true when a page was added. */
  ensureSpace(height: number): boolean {
    if (this.y - height >= this.bottom || this.atPageTop) return false;
    this.newPage();
    return true;
  }

  space(height: number): void {
    if (!this.atPageTop) this.y = Math.max(this.y - height, this.bottom);
  }

  /** Draws one already-clean line with its top at the cursor; no wrapping, no page break. */
  drawLine(line: string, x: number, style: TextStyle = {}, width = this.contentWidth): void {
    const size = style.size ?? TAILLE_TEXTE;
    const font = this.font(style.bold);
    const libre = width - measure(line, font, size);
    const dx = style.align === 'right' ? libre : style.align === 'center' ? libre / 2 : 0;
    const y = this.y - baselineOffset(size, style.leading);
    this.page.drawText(line, { x: x + dx, y, size, font, color: style.color ?? this.theme.texte });
  }

  /** A wrapped paragraph that flows onto new pages; '\n' in `text` forces a line break. */
  paragraph(text: string, style: TextStyle = {}): void {
    const size = style.size ?? TAILLE_TEXTE;
    const lineHeight = size * (style.leading ?? INTERLIGNE);
    const x = this.left + (style.indent ?? 0);
    const width = this.right - x;
    for (const line of wrap(this.clean(text), this.font(style.bold), size, width)) {
      this.ensureSpace(lineHeight);
      this.drawLine(line, x, style, width);
      this.y -= lineHeight;
    }
    this.space(style.spaceAfter ?? 0);
  }

  /** Section title, kept on the same page as at least `keepWithNext` points of what follows. */
  heading(text: string, level: 1 | 2 | 3 = 2, keepWithNext = 40): void {
    const size = level === 1 ? 15 : level === 2 ? 12 : 10.5;
    const lineHeight = size * 1.3;
    this.space(level === 1 ? 16 : level === 2 ? 12 : 8);
    const lines = wrap(this.clean(text), this.bold, size, this.contentWidth);
    this.ensureSpace(lines.length * lineHeight + keepWithNext);
    this.paragraph(text, { bold: true, size, leading: 1.3, color: level === 3 ? this.theme.texte : this.theme.accent });
    if (level === 1) this.rule(this.theme.accent, 1, 2, 6);
    else this.space(level === 2 ? 4 : 2);
  }

  /**
   * A bulleted list with hanging indent; an item may carry sub-items, set one step further in with a dash. Items
   * flow across pages line by line.
   */
  bullets(items: readonly (string | ElementPuce)[], style: TextStyle = {}): void {
    const x = this.left + (style.indent ?? 0);
    for (const item of items) {
      const { texte, sousElements = [] } = typeof item === 'string' ? { texte: item } : item;
      this.puce(texte, x, '\u2022', style);
      for (const sous of sousElements) {
        this.space(1);
        this.puce(sous, x + RETRAIT_PUCE, '\u2013', style);
      }
      this.space(2.5);
    }
    this.space(style.spaceAfter ?? 2);
  }

  private puce(texte: string, x: number, marque: string, style: TextStyle): void {
    const size = style.size ?? TAILLE_TEXTE;
    const lineHeight = size * (style.leading ?? INTERLIGNE);
    const width = this.right - x - RETRAIT_PUCE;
    wrap(this.clean(texte), this.font(style.bold), size, width).forEach((line, i) => {
      this.ensureSpace(lineHeight);
      if (i === 0) this.drawLine(marque, x + 2, { ...style, color: this.theme.accent });
      this.drawLine(line, x + RETRAIT_PUCE, style, width);
      this.y -= lineHeight;
    });
  }

  /** A label / value row (label in a column on the left); the value wraps and may continue on the next page. */
  field(label: string, value: string, labelWidth = 128, style: TextStyle = {}): void {
    const size = style.size ?? TAILLE_TEXTE;
    const lineHeight = size * INTERLIGNE;
    const labelSize = size - 0.5;
    const labels = wrap(this.clean(label), this.bold, labelSize, labelWidth - 10);
    const values = wrap(this.clean(value || '\u2014'), this.font(style.bold), size, this.contentWidth - labelWidth);
    this.ensureSpace(Math.min(labels.length, 3) * lineHeight);
    for (let i = 0; i < Math.max(labels.length, values.length); i++) {
      this.ensureSpace(lineHeight);
      const labelLine = labels[i];
      if (labelLine) {
        // Same baseline as the value, though the label is set a half-point smaller.
        const y = this.y - baselineOffset(size);
        this.page.drawText(labelLine, { x: this.left, y, size: labelSize, font: this.bold, color: this.theme.discret });
      }
      const valueLine = values[i];
      if (valueLine) this.drawLine(valueLine, this.left + labelWidth, style, this.contentWidth - labelWidth);
      this.y -= lineHeight;
    }
    this.space(style.spaceAfter ?? 3);
  }

  rule(color: RGB = this.theme.bordure, thickness = 0.5, before = 4, after = 6): void {
    this.space(before);
    this.ensureSpace(thickness + after);
    this.page.drawLine({
      start: { x: this.left, y: this.y },
      end: { x: this.right, y: this.y },
      thickness,
      color,
    });
    this.space(after);
  }

  /**
   * Runs `content` indented, with an accent bar in the left gutter from start to end, on every page it spans:
   * the print equivalent of a highlighted box. Starts on a new page unless `minHeight` points fit.
   */
  callout(content: () => void, minHeight = 60, color: RGB = this.theme.accent): void {
    this.ensureSpace(minHeight);
    this.indent += 14;
    const start = this.anchor();
    try {
      content();
    } finally {
      this.indent -= 14;
    }
    const end = this.anchor();
    for (let p = start.pageIndex; p <= end.pageIndex; p++) {
      const page = this.doc.getPage(p);
      const top = p === start.pageIndex ? start.y : page.getHeight() - this.margins.top;
      const bottom = p === end.pageIndex ? end.y : this.margins.bottom;
      const x = this.left + 3;
      page.drawLine({ start: { x, y: top }, end: { x, y: bottom }, thickness: 3, color });
    }
  }

  /** Draws the footer on every page and serializes the document. */
  async finish(footerLeft: string): Promise<Uint8Array> {
    for (let i = 0; i < this.doc.getPageCount(); i++) drawFooter(this, i, footerLeft);
    return this.doc.save({ useObjectStreams: true });
  }
}
