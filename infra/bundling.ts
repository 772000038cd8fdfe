import { buildSync, type BuildOptions } from 'esbuild';
import { type BundlingOptions, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';

/** ESM output still has to load the few CommonJS dependencies that call `require`. */
const REQUIRE_BANNER = "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

/**
 * How every Lambda handler is bundled, translated by `optionsEsbuild` for the function construct, the cold-start
 * benchmark and the bundle guard test, so what they measure is what is deployed.
 */
export const BUNDLING = {
  format: OutputFormat.ESM,
  target: 'node22',
  mainFields: ['module', 'main'],
  banner: REQUIRE_BANNER,
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  // Bundle the AWS SDK too: the version tested locally is the version that runs.
  externalModules: [],
} as const satisfies BundlingOptions;

/**
 * The same options as esbuild's own, read by the function construct, the cold-start benchmark and the bundle guard
 * test. Code splitting: what a handler reaches only through a dynamic import (the repositories on their first call,
 * pdf-lib and the templates, the Tracer on Lambda, jose for a bearer token) goes to chunks of its own, which Node
 * neither reads nor parses until the import runs; in a single-file bundle all of it was parsed at every cold start.
 * Build with `entryPoints: { index: <handler> }` and an `outdir`: the handler is `index.mjs`, chunks are `chunks/`.
 */
export function optionsEsbuild(): BuildOptions {
  return {
    bundle: true,
    splitting: true,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    platform: 'node',
    format: BUNDLING.format,
    target: BUNDLING.target,
    mainFields: [...BUNDLING.mainFields],
    banner: { js: BUNDLING.banner },
    minify: BUNDLING.minify,
    sourcemap: BUNDLING.sourceMap,
    sourcesContent: BUNDLING.sourcesContent,
    external: [...BUNDLING.externalModules],
  };
}

/**
 * Bundles one handler into `sortie` (its `index.mjs`, the chunks it may import and their source maps): the function
 * construct's local bundling, run at synth like NodejsFunction's (which cannot split: it writes a single `outfile`).
 */
export function bundlerHandler(entree: string, sortie: string): void {
  buildSync({ ...optionsEsbuild(), entryPoints: { index: entree }, outdir: sortie, logLevel: 'warning' });
}
