import { spawnSync } from 'node:child_process';
import { build, type BuildOptions } from 'esbuild';
import { type BundlingOptions, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { fromRoot, PROJECT_ROOT } from '#infra/paths';
import { fluxDifferes } from '#infra/flux-differes';
import { pureteDesSchemas } from '#infra/purete';

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
 * Schemas and route contracts are tree-shaken (infra/purete.ts): a handler builds its own route's schemas and those its
 * code reads, not its whole area's; middy's streaming built-ins load on use (infra/flux-differes.ts). The plugins need
 * esbuild's asynchronous API.
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
    plugins: [pureteDesSchemas(), fluxDifferes()],
  };
}

/** Bundles one handler into `sortie`: its `index.mjs`, the chunks it may import and their source maps. */
export async function bundler(entree: string, sortie: string): Promise<void> {
  await build({ ...optionsEsbuild(), entryPoints: { index: entree }, outdir: sortie, logLevel: 'warning' });
}

/**
 * `bundler`, synchronously: the function construct's local bundling, run at synth like NodejsFunction's (which cannot
 * split: it writes a single `outfile`). CDK's local bundling is synchronous and esbuild's plugins are not, so the build
 * runs in a child process (infra/bundler-cli.ts), as NodejsFunction runs esbuild's own.
 */
export function bundlerHandler(entree: string, sortie: string): void {
  const r = spawnSync(process.execPath, ['--import', 'tsx', fromRoot('infra/bundler-cli.ts'), entree, sortie], { cwd: PROJECT_ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`Échec de l’empaquetage de ${entree} (code ${r.status ?? r.signal}).`);
}
