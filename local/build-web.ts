import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const RACINE = resolve(import.meta.dirname, '..');

function plusRecent(dossier: string): number {
  let max = 0;
  for (const e of readdirSync(dossier, { withFileTypes: true })) {
    const p = join(dossier, e.name);
    max = Math.max(max, e.isDirectory() ? plusRecent(p) : statSync(p).mtimeMs);
  }
  return max;
}

/** Builds web/dist with Vite when it is missing or older than the sources it is built from. */
export async function construireWebSiBesoin(): Promise<void> {
  const index = join(RACINE, 'web', 'dist', 'index.html');
  const sources = Math.max(plusRecent(join(RACINE, 'web', 'src')), statSync(join(RACINE, 'web', 'index.html')).mtimeMs);
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  const { build } = await import('vite');
  await build({ configFile: join(RACINE, 'web', 'vite.config.ts'), logLevel: 'warn' });
}
