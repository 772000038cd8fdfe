import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonique, cleDocument, empreinteBundle, lireCleDocument } from '#shared/storage/documents';

describe('the identity of a cached render', () => {
  it('tells apart every two inputs a template could print differently', () => {
    const formes = [
      { a: 1, b: 2 }, { b: 2, a: 1 }, { a: 1, b: 2, c: undefined }, { a: '1', b: 2 }, { a: 1, b: [2] },
      { a: new Date('2026-01-01T00:00:00Z'), b: 2 }, { a: '2026-01-01T00:00:00.000Z', b: 2 }, { a: -0, b: 2 }, { a: 0, b: 2 },
      { a: Number.NaN, b: 2 }, { a: null, b: 2 }, { a: new Uint8Array([1]), b: 2 }, { a: [1], b: 2 },
    ];
    expect(new Set(formes.map(canonique)).size).toBe(formes.length);
    expect(canonique({ x: [1, 'é', { y: true }] })).toBe(canonique(JSON.parse(JSON.stringify({ x: [1, 'é', { y: true }] }))));
  });

  it('refuses what it cannot serialise exactly: the document is then rendered without cache', () => {
    expect(() => canonique({ a: new Map([[1, 2]]) })).toThrow(/sans forme canonique : Map/);
    expect(() => canonique({ f: () => 1 })).toThrow(/sans forme canonique/);
  });

  it('gives a new key for new inputs, the same key for the same inputs, under documents/<kind>/<entity>/', () => {
    const v1 = cleDocument('aap', 'AAP1', { aap: { version: 1 } });
    expect(v1).toMatch(/^documents\/aap\/AAP1\/[0-9a-f]{64}\.pdf$/);
    expect(cleDocument('aap', 'AAP1', { aap: { version: 1 } })).toBe(v1);
    expect(cleDocument('aap', 'AAP1', { aap: { version: 2 } })).not.toBe(v1);
    expect(cleDocument('accuse-depot', 'AAP1', { aap: { version: 1 } })).not.toBe(v1);
    expect(lireCleDocument(v1)).toEqual({ type: 'aap', id: 'AAP1' });
    expect(lireCleDocument('dossiers/X/pieces/Y/1')).toBeNull();
    expect(cleDocument('rapport-csf', 'a/../b é', {})).toMatch(/^documents\/rapport-csf\/a____b_e_\/[0-9a-f]{64}\.pdf$/);
  });
});

describe('the identity of the code that renders (on Lambda)', () => {
  it('hashes the whole bundle, chunks included, whichever of its files asks, and changes with any of them', () => {
    const racine = mkdtempSync(join(tmpdir(), 'guichet-bundle-'));
    try {
      mkdirSync(join(racine, 'chunks'));
      const ecrire = (f: string, texte: string) => writeFileSync(join(racine, f), texte);
      ecrire('index.mjs', 'import "./chunks/documents-A.mjs";');
      ecrire('chunks/documents-A.mjs', 'export const cle = 1;');
      ecrire('chunks/template-B.mjs', 'export const titre = "Appel à projets";');
      ecrire('index.mjs.map', '{}');
      const depuisIndex = empreinteBundle(join(racine, 'index.mjs'));
      // documents.ts sits in a chunk: the hash must still cover the template's chunk beside it and the entry above.
      expect(empreinteBundle(join(racine, 'chunks', 'documents-A.mjs'))).toBe(depuisIndex);
      ecrire('index.mjs.map', '{"version":3}');
      expect(empreinteBundle(join(racine, 'index.mjs'))).toBe(depuisIndex);
      ecrire('chunks/template-B.mjs', 'export const titre = "Appel a projets";');
      const apresTemplate = empreinteBundle(join(racine, 'index.mjs'));
      expect(apresTemplate).not.toBe(depuisIndex);
      // The same bytes moved from one file to the next are another bundle.
      ecrire('chunks/documents-A.mjs', 'export const cle = 1;export');
      ecrire('chunks/template-B.mjs', ' const titre = "Appel a projets";');
      expect(empreinteBundle(join(racine, 'index.mjs'))).not.toBe(apresTemplate);
    } finally {
      rmSync(racine, { recursive: true, force: true });
    }
  });
});

