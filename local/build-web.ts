import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const RACINE = resolve(import.meta.dirname, '..');

function plusRecent(chemin: string): number {
  if (!existsSync(chemin)) return 0;
  const s = statSync(chemin);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(chemin).map((n) => plusRecent(join(chemin, n))));
}

/**
 * Builds web/dist with Vite when index.html is missing or older than what the bundle is made of: the web sources
 * and config, and the pure `shared/` modules the app imports (schemas, formatting, financial rules).
 */
export async function construireWebSiBesoin(): Promise<void> {
  const index = join(RACINE, 'web', 'dist', 'index.html');
  const sources = Math.max(
    plusRecent(join(RACINE, 'web', 'src')),
    plusRecent(join(RACINE, 'web', 'index.html')),
    plusRecent(join(RACINE, 'web', 'vite.config.ts')),
    plusRecent(join(RACINE, 'shared')),
  );
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  const { build } = await import('vite');
  // Under vitest NODE_ENV is "test", which would bundle React's development build into web/dist.
  const avant = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(RACINE, 'web', 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
  } finally {
    process.env.NODE_ENV = avant;
  }
}
