import { expect } from 'vitest';
import type { ExtractedPage } from './pdf-text';

/** The left and right margins of every Guichet document (templates/pdf/theme). */
export const MARGE = 56;

/** Every text item lies inside the left and right margins and between the top and bottom edges (20 pt). */
export function expectInsideMargins(pages: ExtractedPage[]): void {
  for (const [n, page] of pages.entries()) {
    for (const item of page.items) {
      const where = `page ${n + 1}: « ${item.str} »`;
      expect(item.x, where).toBeGreaterThanOrEqual(MARGE - 0.01);
      expect(item.x + item.width, where).toBeLessThanOrEqual(page.width - MARGE + 0.5);
      expect(item.y, where).toBeGreaterThan(20);
      expect(item.y, where).toBeLessThan(page.height - 20);
    }
  }
}
