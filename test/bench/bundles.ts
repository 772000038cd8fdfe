import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { routes } from '#shared/http/routes';

const RACINE = resolve(import.meta.dirname, '../..');

/** Size of each Lambda bundle, built with the esbuild options of the CDK function construct. */
export async function tailleBundles(): Promise<Record<string, number>> {
  const dossier = mkdtempSync(join(tmpdir(), 'guichet-bundles-'));
  const tailles: Record<string, number> = {};
  try {
    for (const r of routes) {
      if ('localOnly' in r && r.localOnly) continue;
      const res = await build({
        entryPoints: [join(RACINE, r.handler)],
        bundle: true,
        platform: 'node',
        target: 'node22',
        format: 'esm',
        minify: true,
        outfile: join(dossier, `${r.handler.replace(/[/.]/g, '_')}.mjs`),
        mainFields: ['module', 'main'],
        banner: { js: "import{createRequire}from'module';const require=createRequire(import.meta.url);" },
        logLevel: 'silent',
        metafile: true,
      });
      tailles[`${r.method} ${r.path}`] = Object.values(res.metafile.outputs).reduce((a, o) => a + o.bytes, 0);
    }
  } finally {
    rmSync(dossier, { recursive: true, force: true });
  }
  return tailles;
}
