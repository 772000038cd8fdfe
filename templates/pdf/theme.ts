import { rgb, type RGB } from 'pdf-lib';

/** Shared vocabulary of the PDF layout engine: palette, text styles, page geometry, anchors. */

export interface Theme {
  accent: RGB;
  accentPale: RGB;
  texte: RGB;
  discret: RGB;
  bordure: RGB;
  blanc: RGB;
}

/** Sober institutional palette: one deep blue accent, greys for everything secondary. */
export const THEME: Theme = {
  accent: rgb(0.11, 0.23, 0.42),
  accentPale: rgb(0.91, 0.93, 0.97),
  texte: rgb(0.1, 0.11, 0.13),
  discret: rgb(0.38, 0.4, 0.45),
  bordure: rgb(0.7, 0.73, 0.78),
  blanc: rgb(1, 1, 1),
};

export interface DocumentMeta {
  title: string;
  author: string;
  subject?: string;
  keywords?: string[];
  /** Creation and modification date: fixed by the caller so the same input always gives the same bytes. */
  createdAt: Date;
}

export interface TextStyle {
  bold?: boolean;
  size?: number;
  color?: RGB;
  /** Extra left indent, added to the layout's current indent. */
  indent?: number;
  align?: 'left' | 'center' | 'right';
  /** Line height as a multiple of the font size. */
  leading?: number;
  spaceAfter?: number;
}

/** A position in the document, for links, bookmarks and text filled in after the flow (page numbers). */
export interface Anchor {
  pageIndex: number;
  y: number;
}

export const TAILLE_TEXTE = 10;
export const INTERLIGNE = 1.35;
export const MARGES = Object.freeze({ top: 64, right: 56, bottom: 60, left: 56 });

/** Distance from the top of a line box to the baseline that centres Helvetica's glyphs in it. */
export function baselineOffset(size: number, leading = INTERLIGNE): number {
  return (size * leading) / 2 + size * 0.2555;
}
