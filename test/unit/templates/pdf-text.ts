import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface TextItem {
  str: string;
  x: number;
  y: number;
  width: number;
}

export interface ExtractedPage {
  width: number;
  height: number;
  items: TextItem[];
  /** The page's text items joined by spaces, every run of whitespace (U+00A0 included) collapsed to one space. */
  text: string;
}

/** Extracts the positioned, non-blank text items of every page with pdfjs, as a PDF reader would see them. */
export async function extractPages(bytes: Uint8Array): Promise<ExtractedPage[]> {
  // pdfjs takes ownership of (detaches) the buffer it is given: hand it a copy.
  const doc = await getDocument({ data: bytes.slice(), verbosity: 0, isEvalSupported: false }).promise;
  const pages: ExtractedPage[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const [, , width, height] = page.view;
    const content = await page.getTextContent();
    const items: TextItem[] = [];
    for (const item of content.items) {
      if (!('str' in item) || item.str.trim().length === 0) continue;
      items.push({ str: item.str, x: item.transform[4], y: item.transform[5], width: item.width });
    }
    pages.push({ width: width ?? 0, height: height ?? 0, items, text: normalize(items.map((i) => i.str).join(' ')) });
  }
  await doc.destroy();
  return pages;
}

export const normalize = (text: string): string => text.replace(/\s+/g, ' ').trim();

/**
 * The text of `pages` without their running header and footer (drawn in the top and bottom margins), so that a
 * passage reads whole across a page break.
 */
export function corps(pages: readonly ExtractedPage[]): string {
  const lignes = pages.flatMap((p) => p.items.filter((i) => i.y > 48 && i.y < p.height - 48).map((i) => i.str));
  return normalize(lignes.join(' '));
}
