import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { construireWebSiBesoin } from './support/web';

const DIST = resolve(import.meta.dirname, '..', '..', 'web', 'dist');

function fichiers(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? fichiers(join(dir, n)) : [join(dir, n)]));
}

describe('the web bundle', () => {
  beforeAll(async () => {
    await construireWebSiBesoin();
  }, 240_000);

  it('is split by route (one lazy chunk per page) and publishes no source map', () => {
    const tous = fichiers(DIST);
    expect(tous.filter((f) => f.endsWith('.map'))).toEqual([]);
    const js = tous.filter((f) => f.endsWith('.js'));
    for (const f of js) expect(readFileSync(f, 'utf8')).not.toContain('sourceMappingURL');
    const html = readFileSync(join(DIST, 'index.html'), 'utf8');
    const entree = /<script[^>]+src="\/assets\/([^"]+\.js)"/.exec(html)?.[1];
    expect(entree).toBeTruthy();
    // The pages are chunks of their own, loaded on first visit.
    for (const page of ['catalogue', 'gestion-dossier', 'comite', 'dossier']) {
      expect(js.some((f) => new RegExp(`/${page}-[\\w-]+\\.js$`).test(f)), page).toBe(true);
    }
    // The entry holds the shell (React, router, sign-in), not the pages: well under the former 567 KB single chunk.
    expect(statSync(join(DIST, 'assets', entree!)).size).toBeLessThan(450 * 1024);
    expect(js.length).toBeGreaterThan(10);
  });
});
