/**
 * middy's core imports `node:stream`, `node:stream/promises` and `node:stream/web` at its top, for response streaming
 * (`streamifyResponse`), which no Guichet handler uses (http() never sets it). Node loads those built-ins on import:
 * about 6 ms of every cold start where nothing else needs streams (`GET /health`). This plugin gives middy stand-ins
 * that load the real modules on their first use only: `Readable.from` and `pipeline` call through to them, and
 * `instanceof ReadableStream` asks the global class (itself loaded on first access). Behaviour is unchanged; only the
 * moment the built-ins load moves, to a streamed response that never comes.
 */
import type { Plugin } from 'esbuild';

/** The modules whose stream imports are deferred: middy's core. */
export const IMPORTEURS_MIDDY = /[\\/]node_modules[\\/]@middy[\\/]core[\\/]/;

const STAND_INS: Record<string, string> = {
  'node:stream': `export const Readable = { from: (...a) => require('node:stream').Readable.from(...a) };`,
  'node:stream/promises': `export const pipeline = (...a) => require('node:stream/promises').pipeline(...a);`,
  'node:stream/web': `export class ReadableStream { static [Symbol.hasInstance](x) { return x instanceof globalThis.ReadableStream; } }`,
};

export const fluxDifferes = (importeurs: RegExp = IMPORTEURS_MIDDY): Plugin => ({
  name: 'flux-differes',
  setup(build) {
    build.onResolve({ filter: /^node:stream(\/promises|\/web)?$/ }, (args) =>
      importeurs.test(args.importer) ? { path: args.path, namespace: 'flux-differes' } : undefined);
    build.onLoad({ filter: /.*/, namespace: 'flux-differes' }, (args) => ({ contents: STAND_INS[args.path]!, loader: 'js' }));
  },
});
