import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundler as bundlerHandler, optionsEsbuild } from '#infra/bundling';
import { fromRoot } from '#infra/paths';
import { routes, type RouteDefinition } from '#shared/http/routes';

/**
 * Cold start, guarded by what is bundled rather than by a timing: JSON routes carry neither pdf-lib nor the PDF
 * templates nor zod's foreign locales (`import { z } from 'zod'` anywhere drags them all in), and stay under a size
 * bound; PDF routes reach their template only through a dynamic import; `GET /health` starts without zod or jose, and
 * wherever zod runs at start-up its French messages are set. Figures: `npm run bench -- bundles`.
 */
/**
 * Handler → bound on the minified JS read at import (`index.mjs` and the chunks it imports statically), about 10 %
 * above its size once the repositories moved behind their first call into chunks of their own (single-file bundles
 * were 0.68–0.75 MB; before pdf-lib and zod's locales went, 1.05–1.09 MB, and 1.82 MB for the messagerie).
 */
const JSON_REPRESENTATIFS: Record<string, number> = {
  'functions/aaps/list-aaps.ts': 470_000,
  'functions/dossiers/get-dossier.ts': 470_000,
  'functions/messagerie/create-message.ts': 470_000,
};
const REPOSITORY = /^shared\/repositories\/[\w-]+-repository\.ts$/;
/** Only the OpenAPI document needs every route's contract; the others bundle their own route's. */
const MANIFESTE = 'shared/http/routes.ts';
/**
 * The Tracer (and the X-Ray SDK under it) is evaluated only where tracing is on: reached by a dynamic import only, from
 * the module the SDK clients import; a route that calls neither DynamoDB nor S3 does not bundle it at all.
 */
const TRACER = /node_modules\/@aws-lambda-powertools\/tracer\//;
const TRACAGE = 'shared/http/tracage.ts';
const PDF = /node_modules\/(pdf-lib|@pdf-lib|pako)\/|^templates\//;
/**
 * Libraries only a few requests use (documents, signatures, workbooks, bank files): reached by a dynamic import only,
 * so a route evaluates them on the request that needs them, never at import.
 */
const LOURDES = /node_modules\/(pdf-lib|@pdf-lib|pako|exceljs|node-forge|@signpdf\/[^/]+|sepa)\/|^templates\//;
/** French is configured, English is zod's default; any other locale means a namespace-defeating import. */
const LOCALE_ETRANGERE = /node_modules\/zod\/v4\/locales\/(?!(fr|en|index)\.js$)/;
/** zod, and the module that sets its messages in French (the wrapper no longer imports it: see `evalueesAuDemarrage`). */
const ZOD = /node_modules\/zod\//;
const FRANCAIS = 'shared/schemas/francais.ts';
const JOSE = /node_modules\/jose\//;
const SANTE = 'functions/systeme/get-health.ts';

/** `modules`: with code in any output; `chargees`: with code in what the handler's import reads (see sortiesAuDemarrage). */
type Bundle = { meta: Metafile; octets: number; modules: string[]; chargees: string[]; avecCode: Set<string> };
const bundles = new Map<string, Promise<Bundle>>();
/** Each handler is built once for all the checks of this file. */
const bundler = (handler: string): Promise<Bundle> => {
  if (!bundles.has(handler)) bundles.set(handler, construire(handler));
  return bundles.get(handler)!;
};

async function construire(handler: string): Promise<Bundle> {
  const res = await build({
    ...optionsEsbuild(),
    sourcemap: false,
    entryPoints: { index: fromRoot(handler) },
    outdir: fromRoot('.bundle-test', handler),
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const sorties = Object.values(res.metafile.outputs);
  // Modules that put code in the output, any chunk (a parsed, fully tree-shaken module is listed with 0 bytes).
  const modules = sorties.flatMap((o) => Object.entries(o.inputs).filter(([, i]) => i.bytesInOutput > 0).map(([f]) => f));
  const demarrage = sortiesAuDemarrage(res.metafile);
  const chargees = demarrage.flatMap((o) => Object.entries(res.metafile.outputs[o]!.inputs).filter(([, i]) => i.bytesInOutput > 0).map(([f]) => f));
  return { meta: res.metafile, octets: demarrage.reduce((a, f) => a + res.metafile.outputs[f]!.bytes, 0), modules, chargees, avecCode: new Set(modules) };
}

/**
 * What Node reads and parses when the handler is imported: `index.mjs` and the chunks it imports statically. Every
 * other chunk is the target of a dynamic import, read on the call that runs it — or never: esbuild also writes a chunk
 * for a dynamic import in code it tree-shook (pdf-lib behind the pièces' verification, in a messagerie route's output).
 */
function sortiesAuDemarrage(meta: Metafile): string[] {
  const entree = Object.keys(meta.outputs).find((f) => f.endsWith('/index.mjs'))!;
  const vus = new Set([entree]);
  for (const f of vus) for (const i of meta.outputs[f]!.imports) if (i.kind === 'import-statement' && !i.external) vus.add(i.path);
  return [...vus];
}

/** The modules evaluated when `entree` is imported: those reached from it through static imports only. */
function atteintesStatiquement(meta: Metafile, entree: string): string[] {
  const vus = new Set([entree]);
  for (const f of vus) for (const i of meta.inputs[f]?.imports ?? []) if (i.kind !== 'dynamic-import') vus.add(i.path);
  return [...vus];
}

/**
 * The modules that put code in the bundle and run when `entree` is imported: reached through static imports only, and
 * only from modules whose code was kept (a module tree-shaken away imports nothing at run time).
 */
function evalueesAuDemarrage(meta: Metafile, avecCode: Set<string>, entree: string): string[] {
  const vus = new Set([entree]);
  for (const f of vus) {
    if (f !== entree && !avecCode.has(f)) continue;
    for (const i of meta.inputs[f]?.imports ?? []) if (i.kind !== 'dynamic-import') vus.add(i.path);
  }
  return [...vus].filter((f) => avecCode.has(f));
}

describe('handler bundles', () => {
  it.each(Object.entries(JSON_REPRESENTATIFS))('leaves pdf-lib and templates out of what %s reads at import, foreign zod locales out of it all', async (handler, max) => {
    const { octets, modules, chargees } = await bundler(handler);
    expect(chargees.filter((f) => PDF.test(f))).toEqual([]);
    expect(modules.filter((f) => LOCALE_ETRANGERE.test(f))).toEqual([]);
    // The repositories and their schemas load on the first call to each (shared/repositories/depots.ts); the client's
    // module does load with the handler.
    expect(chargees.filter((f) => REPOSITORY.test(f))).toEqual([]);
    expect(chargees).toContain('shared/repositories/clients.ts');
    expect(octets).toBeLessThanOrEqual(max);
  });

  it('bundles the whole manifest only into the OpenAPI document, and loads the Tracer and heavy libraries only dynamically', async () => {
    for (const r of routes) {
      const { meta, modules } = await bundler(r.handler);
      if (r.path !== '/openapi.json') expect(modules, r.handler).not.toContain(MANIFESTE);
      const statiques = (motif: RegExp) => Object.entries(meta.inputs).flatMap(([de, i]) =>
        i.imports.filter((x) => x.kind !== 'dynamic-import' && motif.test(x.path) && !motif.test(de)).map((x) => `${de} → ${x.path}`),
      );
      expect(statiques(TRACER), r.handler).toEqual([]);
      const statiquement = atteintesStatiquement(meta, r.handler);
      // Its handler segment is set up before the handler is built: the module is evaluated with the handler's imports.
      const acces: RouteDefinition['access'] = r.access;
      if (acces.table || acces.bucket) expect(statiquement, r.handler).toContain(TRACAGE);
      else expect(Object.keys(meta.inputs).filter((f) => TRACER.test(f) || f === TRACAGE), r.handler).toEqual([]);
      expect(statiquement.filter((f) => LOURDES.test(f)), r.handler).toEqual([]);
    }
  });

  it('starts GET /health without Node’s stream modules (middy’s streaming imports load on use), and the bundle answers', async () => {
    const { meta } = await bundler(SANTE);
    const builtins = sortiesAuDemarrage(meta).flatMap((o) => meta.outputs[o]!.imports.filter((i) => i.external && i.kind === 'import-statement').map((i) => i.path));
    expect(builtins.filter((b) => b.startsWith('node:stream'))).toEqual([]);
    expect(builtins).toContain('node:crypto');
    // The bundle as deployed, imported and called: middy runs its chain without the modules it no longer loads.
    const sortie = mkdtempSync(join(tmpdir(), 'sante-'));
    try {
      await bundlerHandler(fromRoot(SANTE), sortie);
      const { handler } = (await import(pathToFileURL(join(sortie, 'index.mjs')).href)) as { handler: (e: unknown, c: unknown) => Promise<{ statusCode: number; body: string }> };
      const evenement = { version: '2.0', routeKey: 'GET /health', rawPath: '/health', rawQueryString: '', headers: {}, isBase64Encoded: false, requestContext: { requestId: 'r', http: { method: 'GET', path: '/health' } } };
      const r = await handler(evenement, { functionName: 'sante', awsRequestId: 'r', getRemainingTimeInMillis: () => 10_000 });
      expect([r.statusCode, JSON.parse(r.body).statut]).toEqual([200, 'ok']);
    } finally {
      rmSync(sortie, { recursive: true, force: true });
    }
  });

  it('starts GET /health without zod, and with jose only behind the dynamic import of a bearer token’s check', async () => {
    const { meta, modules, avecCode } = await bundler(SANTE);
    expect(modules.filter((f) => ZOD.test(f))).toEqual([]);
    expect(evalueesAuDemarrage(meta, avecCode, SANTE).filter((f) => JOSE.test(f))).toEqual([]);
  });

  it('sets zod’s French messages wherever zod runs at start-up (the wrapper no longer imports zod itself)', async () => {
    for (const r of routes) {
      const { meta, avecCode } = await bundler(r.handler);
      const demarrage = evalueesAuDemarrage(meta, avecCode, r.handler);
      if (demarrage.some((f) => ZOD.test(f))) expect(demarrage, r.handler).toContain(FRANCAIS);
    }
  });

  it('imports each PDF route’s template dynamically, never statically', async () => {
    const pdf = routes.filter((r) => 'output' in r && r.output === 'pdf');
    expect(pdf.length).toBeGreaterThan(0);
    for (const r of pdf) {
      const { meta } = await bundler(r.handler);
      const statiques = Object.entries(meta.inputs).flatMap(([de, i]) =>
        i.imports.filter((x) => x.kind !== 'dynamic-import' && PDF.test(x.path) && !PDF.test(de)).map((x) => `${de} → ${x.path}`),
      );
      expect(statiques, r.handler).toEqual([]);
    }
  });
});

/**
 * Per-route schemas (infra/purete.ts): a handler's bundle keeps its own route's entry and the schemas its code reaches,
 * not the other routes of its area nor their schemas. Read in a build left readable (names kept), as deployed otherwise.
 */
describe('per-route contracts', () => {
  it('keeps in PUT /dossiers/{id} its own entry and draft schema, not its area’s other routes nor their input schemas', async () => {
    const res = await build({
      ...optionsEsbuild(),
      minify: false,
      sourcemap: false,
      entryPoints: { index: fromRoot('functions/dossiers/update-dossier.ts') },
      outdir: fromRoot('.bundle-test', 'par-route'),
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const texte = res.outputFiles.filter((f) => f.path.endsWith('.mjs')).map((f) => f.text).join('\n');
    const declare = (nom: string) => new RegExp(`\\bvar ${nom}\\d* = `).test(texte);
    expect(declare('routeUpdateDossier')).toBe(true);
    expect(declare('ContenuDossier')).toBe(true);
    // Other routes of the same area (the list, the creation, the journal, the exports) and the creation's body.
    for (const autre of ['routeListDossiers', 'routeCreateDossier', 'routeListEvenements', 'routePostExport', 'routesDossiers', 'DemandeDossier']) {
      expect(declare(autre), autre).toBe(false);
    }
    // Nor, at start-up, the export schemas: the export routes have their own module (a repository's chunk that needs
    // them brings them on its first call only).
    const auDemarrage = sortiesAuDemarrage(res.metafile).flatMap((o) => Object.entries(res.metafile.outputs[o]!.inputs).filter(([, i]) => i.bytesInOutput > 0).map(([f]) => f));
    expect(auDemarrage).toContain('shared/schemas/dossier.ts');
    expect(auDemarrage).not.toContain('shared/schemas/export.ts');
  });
});
