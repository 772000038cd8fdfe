import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Writable } from 'node:stream';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { fluxDifferes, IMPORTEURS_MIDDY } from '#infra/flux-differes';
import { BUNDLING } from '#infra/bundling';

/** A module that uses streams as middy's core does, bundled with the plugin applied to it. */
const SOURCE = `import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ReadableStream } from 'node:stream/web';
export const versTexte = async (morceaux, cible) => pipeline(Readable.from(morceaux), cible);
export const estFlux = (x) => x instanceof ReadableStream;
`;
const dossier = mkdtempSync(join(tmpdir(), 'flux-differes-'));
afterAll(() => rmSync(dossier, { recursive: true, force: true }));

describe('middy’s stream built-ins, loaded on first use', () => {
  it('applies to middy’s core only', () => {
    expect(IMPORTEURS_MIDDY.test('/p/node_modules/@middy/core/index.js')).toBe(true);
    expect(IMPORTEURS_MIDDY.test('/p/node_modules/@aws-sdk/client-s3/dist-es/index.js')).toBe(false);
    expect(IMPORTEURS_MIDDY.test('/p/shared/http/handler.ts')).toBe(false);
  });

  it('leaves no import of a stream module in the bundle, and streams, pipes and recognises web streams as before', async () => {
    const entree = join(dossier, 'comme-middy.mjs');
    writeFileSync(entree, SOURCE);
    await build({
      entryPoints: { index: entree }, outdir: join(dossier, 'sortie'), bundle: true, format: 'esm', platform: 'node',
      outExtension: { '.js': '.mjs' }, banner: { js: BUNDLING.banner }, logLevel: 'silent',
      plugins: [fluxDifferes(/comme-middy\.mjs$/)],
    });
    const sortie = join(dossier, 'sortie', 'index.mjs');
    expect(readFileSync(sortie, 'utf8')).not.toMatch(/from\s*["']node:stream/);
    const m = (await import(pathToFileURL(sortie).href)) as { versTexte: (m: string[], c: Writable) => Promise<void>; estFlux: (x: unknown) => boolean };
    let recu = '';
    await m.versTexte(['Bon', 'jour'], new Writable({ write: (c: Buffer, _e, fini) => { recu += c.toString('utf8'); fini(); } }));
    expect(recu).toBe('Bonjour');
    expect([m.estFlux(new ReadableStream()), m.estFlux({}), m.estFlux(null)]).toEqual([true, false, false]);
  });
});
