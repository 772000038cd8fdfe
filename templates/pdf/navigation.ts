import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNull, PDFNumber, type PDFDocument } from 'pdf-lib';
import type { Anchor } from './theme';

/**
 * Document navigation pdf-lib has no high-level API for: bookmarks (the outline panel) and internal links. Both
 * are plain dictionaries pointing at an explicit destination (page, top y).
 */

export interface Bookmark {
  title: string;
  target: Anchor;
}

function destination(doc: PDFDocument, target: Anchor): PDFArray {
  const dest = PDFArray.withContext(doc.context);
  dest.push(doc.getPage(target.pageIndex).ref);
  dest.push(PDFName.of('XYZ'));
  dest.push(PDFNull);
  dest.push(PDFNumber.of(Math.round(target.y + 8)));
  dest.push(PDFNull);
  return dest;
}

/** Adds a flat outline (one entry per bookmark, in order) and asks viewers to open the bookmarks panel. */
export function addOutline(doc: PDFDocument, bookmarks: readonly Bookmark[]): void {
  const { context } = doc;
  const outlineRef = context.nextRef();
  const items = bookmarks.map((bookmark) => ({ bookmark, ref: context.nextRef() }));
  items.forEach(({ bookmark, ref }, i) => {
    const item = PDFDict.withContext(context);
    // Bookmark titles are text strings (UTF-16), not WinAnsi: accents and ’ need no sanitizing here.
    item.set(PDFName.of('Title'), PDFHexString.fromText(bookmark.title));
    item.set(PDFName.of('Parent'), outlineRef);
    item.set(PDFName.of('Dest'), destination(doc, bookmark.target));
    const prev = items[i - 1];
    const next = items[i + 1];
    if (prev) item.set(PDFName.of('Prev'), prev.ref);
    if (next) item.set(PDFName.of('Next'), next.ref);
    context.assign(ref, item);
  });
  const first = items[0];
  const last = items.at(-1);
  if (!first || !last) return;
  const outline = PDFDict.withContext(context);
  outline.set(PDFName.of('Type'), PDFName.of('Outlines'));
  outline.set(PDFName.of('First'), first.ref);
  outline.set(PDFName.of('Last'), last.ref);
  outline.set(PDFName.of('Count'), PDFNumber.of(items.length));
  context.assign(outlineRef, outline);
  doc.catalog.set(PDFName.of('Outlines'), outlineRef);
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Makes `rect` on page `pageIndex` a borderless link to `target`. */
export function addLink(doc: PDFDocument, pageIndex: number, rect: Rect, target: Anchor): void {
  const { context } = doc;
  const annot = context.obj({
    Type: 'Annot',
    Subtype: 'Link',
    Rect: [rect.x, rect.y, rect.x + rect.width, rect.y + rect.height],
    Border: [0, 0, 0],
  });
  annot.set(PDFName.of('Dest'), destination(doc, target));
  doc.getPage(pageIndex).node.addAnnot(context.register(annot));
}
