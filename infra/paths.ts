import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: handler paths in the route manifest are relative to it. */
export const PROJECT_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

export const fromRoot = (...segments: string[]): string => resolve(PROJECT_ROOT, ...segments);

/** The built SPA (`npm run build:web`), or undefined when it has not been built: synth must still work without it. */
export function builtWebAssets(path = fromRoot('web', 'dist')): string | undefined {
  return existsSync(resolve(path, 'index.html')) ? path : undefined;
}
