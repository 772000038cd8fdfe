import { PDFDocument, StandardFonts, type PDFFont } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { measure, sanitize, truncate, wrap } from '#templates/pdf/text';

let font: PDFFont;
let charset: Set<number>;

beforeAll(async () => {
  const doc = await PDFDocument.create();
  font = await doc.embedFont(StandardFonts.Helvetica);
  charset = new Set(font.getCharacterSet());
});

describe('sanitize', () => {
  it('keeps French typography unchanged when every character is in WinAnsi', () => {
    const francais = 'Élève à l’œuvre : « ça coûte 12\u00a0345,67\u00a0€ » — fin – début…';
    expect(sanitize(francais, charset)).toBe(francais);
    expect(() => font.encodeText(francais)).not.toThrow();
  });

  it('maps spaces, dashes and comparison signs when they have a WinAnsi spelling', () => {
    expect(sanitize('12\u202f345 \u2265 10\u2009; a\u2011b \u2264 c \u2212 d', charset)).toBe('12\u00a0345 >= 10 ; a-b <= c - d');
  });

  it('replaces unknown characters with ? when they cannot be encoded', () => {
    expect(sanitize('fusée 🚀 ok 👍🏽 中', charset)).toBe('fusée ? ok ?? ?');
    expect(sanitize('❤️', charset)).toBe('?');
  });

  it('drops the accent when a letter is missing from WinAnsi but its base letter is not', () => {
    expect(sanitize('Ştefan Łukasz e\u0301', charset)).toBe('Stefan ?ukasz é');
  });

  it('keeps line breaks and turns other control characters into spaces when they occur', () => {
    expect(sanitize('a\r\nb\tc\u0007d', charset)).toBe('a\nb c d');
  });

  it('always returns encodable text when given arbitrary code points', () => {
    const all = Array.from({ length: 0x3000 }, (_, i) => (i >= 0xd800 && i <= 0xdfff ? '' : String.fromCodePoint(i)));
    expect(() => font.encodeText(sanitize(all.join(''), charset).replace(/\n/g, ''))).not.toThrow();
  });
});

describe('wrap', () => {
  const texte = 'Capacité à mettre en œuvre les moyens humains et administratifs nécessaires à la bonne gestion de l’aide FSE';

  it('keeps every line within the width when text is longer than a line', () => {
    const lines = wrap(texte, font, 10, 150);
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect(measure(line, font, 10)).toBeLessThanOrEqual(150);
    expect(lines.join(' ')).toBe(texte);
  });

  it('never breaks at a no-break space when an amount is near the end of a line', () => {
    const lines = wrap('Montant total demandé au titre du FSE : 12\u00a0345,67\u00a0€', font, 10, 190);
    expect(lines.some((l) => l.endsWith('12\u00a0345,67\u00a0€'))).toBe(true);
  });

  it('cuts a word between characters when it is wider than the line', () => {
    const lines = wrap(`court ${'x'.repeat(200)} fin`, font, 10, 100);
    for (const line of lines) expect(measure(line, font, 10)).toBeLessThanOrEqual(100);
    expect(lines.join('')).toContain('x'.repeat(20));
  });

  it('starts a new line at each line break when text has several paragraphs', () => {
    expect(wrap('un\ndeux\n\ntrois', font, 10, 500)).toEqual(['un', 'deux', '', 'trois']);
  });
});

describe('measure', () => {
  it('measures the painted width without kerning when a pair is kerned', () => {
    expect(measure('AV', font, 10)).toBeCloseTo(measure('A', font, 10) + measure('V', font, 10));
    expect(measure('AV', font, 10)).toBeGreaterThan(font.widthOfTextAtSize('AV', 10));
  });
});

describe('truncate', () => {
  it('adds an ellipsis and fits the width when the text is too long', () => {
    const court = truncate('Appel à projets 2021 — PON FSE 2014-2020, axe prioritaire 3', font, 8, 80);
    expect(court.endsWith('…')).toBe(true);
    expect(measure(court, font, 8)).toBeLessThanOrEqual(80);
    expect(truncate('court', font, 8, 80)).toBe('court');
  });
});
