import type { BuildOptions } from 'esbuild';
import { type BundlingOptions, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';

/** ESM output still has to load the few CommonJS dependencies that call `require`. */
const REQUIRE_BANNER = "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

/**
 * How every Lambda handler is bundled: read by the function construct (NodejsFunction's `bundling`) and, translated by
 * `optionsEsbuild`, by the cold-start benchmark and the bundle guard test, so what they measure is what is deployed.
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

/** The same options as esbuild's own (NodejsFunction adds `bundle` and `platform: 'node'` itself). */
export function optionsEsbuild(): BuildOptions {
  return {
    bundle: true,
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
