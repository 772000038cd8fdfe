/**
 * Cold start: each Lambda handler bundled exactly as deployed (infra/bundling.ts: code splitting, `index.mjs` and its
 * chunks), the size of what its import reads and the time to import it in a fresh Node process, both as a ratio to a
 * floor bundle built and measured in the same run: a module that only creates the DynamoDB document client (what
 * almost every route needs anyway; the handlers make theirs while loading too, as on Lambda). JSON routes aim at
 * ≤ 1.5× the floor's import time; routes answering a PDF (pdf-lib loaded on their request path, not at import) are
 * reported apart. `GET /health` reads no table: it is set against a second floor, an empty module plus the app's
 * logger (aim ≤ 1.2×).
 *
 * Each import is timed twice: wall time (`importMs`, the targets' measure) and the CPU time the process spent on it
 * (`cpuMs`, steadier when other work shares the machine); ratios are given for both. The repositories (and the zod
 * schemas they parse with) load on a handler's first call to each (shared/repositories/depots.ts): `…AvecDepots` is
 * the import followed by every repository chunk the handler can load, a bound on what its first request adds.
 *
 * Where the import time went (CPU profiles of a dossier route, by adding modules to the floor one at a time, by
 * stubbing one library at a time and by counting the zod schemas built at import): parsing (about 0.04 ms per kB of
 * what is read, which code splitting now limits to what the import evaluates), zod itself (~105 kB, ~+6 ms with its
 * first schema), the schemas built while the route's modules load — about 15–20 µs each: 1 388 for PUT /dossiers/{id}
 * when every repository loaded with the handler, 691 now (its contract's) —, then the logger, Metrics, middy and the
 * rest of the wrapper (1–2 ms each). The Tracer and the X-Ray SDK (~110 kB) are a chunk loaded on Lambda only, jose a
 * chunk loaded with the first bearer token; `GET /health` bundles no zod at all.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { optionsEsbuild } from '#infra/bundling';
import { routes } from '#shared/http/routes';

const RACINE = resolve(import.meta.dirname, '../..');
const PLANCHER = `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
export const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));`;
/** The second floor, for `GET /health`: an empty module but for the logger every handler writes with. */
const PLANCHER_JOURNAL = `export { logger } from '#shared/http/logger';`;
const SANTE = 'GET /health';
/** What a handler reads when its module loads (config, clients); Powertools stays off as it does outside Lambda. */
const ENV_IMPORT = {
  PATH: process.env.PATH ?? '',
  AWS_REGION: 'eu-west-3',
  TABLE_NAME: 'guichet',
  BUCKET_NAME: 'guichet-fichiers',
  POWERTOOLS_METRICS_DISABLED: 'true',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  // As on Lambda: the handler makes its DynamoDB client while its module loads, as the floor does (repositories/clients.ts).
  AWS_LAMBDA_FUNCTION_NAME: 'guichet-bench',
};
/** Prints the import's wall time and the CPU time the process spent on it (less sensitive to a busy machine). */
const SONDE =
  'const c = process.cpuUsage(); const t = performance.now(); for (const m of process.argv.slice(1)) await import(m); const d = process.cpuUsage(c); ' +
  'process.stdout.write(JSON.stringify([performance.now() - t, (d.user + d.system) / 1000]));';

/** A handler as deployed: its `index.mjs`, what that reads at import, and the repositories' chunks (see below). */
interface Bundle {
  fichier: string;
  /** `index.mjs` and the chunks it imports statically: what a cold start reads and parses. */
  octets: number;
  /** Every chunk written, dynamic-import targets included (most are never loaded: see test/infra/bundles.test.ts). */
  octetsTotal: number;
  /** The repositories' chunks, which the handler loads on its first call to each (shared/repositories/depots.ts). */
  depots: string[];
}

async function bundle(dossier: string, nom: string, entree: { fichier: string } | { source: string }): Promise<Bundle> {
  const outdir = join(dossier, nom.replace(/[^A-Za-z0-9]+/g, '_'));
  const res = await build({
    ...optionsEsbuild(),
    ...('fichier' in entree
      ? { entryPoints: { index: join(RACINE, entree.fichier) } }
      : { stdin: { contents: entree.source, resolveDir: RACINE, loader: 'ts' }, entryNames: 'index' }),
    outdir,
    metafile: true,
    logLevel: 'silent',
  });
  const sorties = res.metafile.outputs;
  const js = Object.keys(sorties).filter((f) => f.endsWith('.mjs'));
  const index = js.find((f) => f.endsWith('/index.mjs'))!;
  const statiques = new Set([index]);
  for (const f of statiques) for (const i of sorties[f]!.imports) if (i.kind === 'import-statement' && !i.external) statiques.add(i.path);
  const somme = (fs: Iterable<string>) => [...fs].reduce((a, f) => a + sorties[f]!.bytes, 0);
  return {
    fichier: resolve(RACINE, index),
    octets: somme(statiques),
    octetsTotal: somme(js),
    depots: js.filter((f) => /\/chunks\/[\w-]+-repository-\w+\.mjs$/.test(f)).map((f) => resolve(RACINE, f)),
  };
}

/**
 * Milliseconds to import the module once, in a new Node process (nothing cached but the OS's file cache): wall, CPU.
 * With `puis`, the modules imported right after it, in the same measure.
 */
function importer(fichier: string, puis: string[] = []): [number, number] {
  return JSON.parse(String(execFileSync(process.execPath, ['--input-type=module', '-e', SONDE, ...[fichier, ...puis].map((f) => pathToFileURL(f).href)], { env: ENV_IMPORT })));
}

const mediane = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const arrondi = (x: number, p = 100) => Math.round(x * p) / p;
const etendue = (xs: number[]) => ({ min: arrondi(Math.min(...xs)), mediane: arrondi(mediane(xs)), max: arrondi(Math.max(...xs)) });

export interface DemarrageRoute {
  type: 'json' | 'pdf';
  octets: number;
  importMs: number;
  ratioTaille: number;
  ratioImport: number;
  /** The same with the CPU time of the import instead of its wall time. */
  cpuMs: number;
  ratioCpu: number;
  /** Every chunk written, those never loaded included. */
  octetsTotal: number;
  /** Import, then every repository chunk it can load (each on its first call): an upper bound of the first request's loading. */
  ratioImportAvecDepots?: number;
  ratioCpuAvecDepots?: number;
}

/**
 * Builds the floor and every deployed route's handler, then imports each `n` times in turn (floor included in every
 * round, so drift on the machine hits all alike) and keeps medians.
 */
export async function demarrageAFroid(n = Number(process.env.BENCH_IMPORTS ?? 15)) {
  const dossier = mkdtempSync(join(tmpdir(), 'guichet-bundles-'));
  /** The machine's load averages (1, 5, 15 min) when the run starts and ends: wall times stretch with them. */
  const chargeDebut = loadavg().map((x) => arrondi(x));
  try {
    const plancher = await bundle(dossier, 'plancher', { source: PLANCHER });
    const plancherJournal = await bundle(dossier, 'plancher-journal', { source: PLANCHER_JOURNAL });
    const deployees = routes.filter((r) => !('localOnly' in r && r.localOnly));
    const bundles = new Map<string, Bundle & { type: 'json' | 'pdf' }>();
    for (const r of deployees) {
      const type = 'output' in r && r.output === 'pdf' ? 'pdf' : 'json';
      bundles.set(`${r.method} ${r.path}`, { ...(await bundle(dossier, r.handler, { fichier: r.handler })), type });
    }
    const cles = ['plancher', 'plancher-journal', ...bundles.keys()];
    const temps = new Map(cles.map((k): [string, number[]] => [k, []]));
    const cpu = new Map(cles.map((k): [string, number[]] => [k, []]));
    const tempsDepots = new Map(cles.map((k): [string, number[]] => [k, []]));
    const cpuDepots = new Map(cles.map((k): [string, number[]] => [k, []]));
    const mesurer = (k: string, b: Bundle) => {
      const [ms, cpuMs] = importer(b.fichier);
      temps.get(k)!.push(ms);
      cpu.get(k)!.push(cpuMs);
      if (!b.depots.length) return;
      const [msD, cpuD] = importer(b.fichier, b.depots);
      tempsDepots.get(k)!.push(msD);
      cpuDepots.get(k)!.push(cpuD);
    };
    for (let i = 0; i < n; i++) {
      mesurer('plancher', plancher);
      mesurer('plancher-journal', plancherJournal);
      for (const [k, b] of bundles) mesurer(k, b);
    }
    const plancherDe = (k: string, b: Bundle) => ({ octets: b.octets, importMs: arrondi(mediane(temps.get(k)!)), cpuMs: arrondi(mediane(cpu.get(k)!)) });
    const base = plancherDe('plancher', plancher);
    const baseJournal = plancherDe('plancher-journal', plancherJournal);
    const parRoute: Record<string, DemarrageRoute> = {};
    for (const [k, { octets, octetsTotal, depots, type }] of bundles) {
      const importMs = mediane(temps.get(k)!);
      const cpuMs = mediane(cpu.get(k)!);
      parRoute[k] = {
        type, octets, importMs: arrondi(importMs), ratioTaille: arrondi(octets / base.octets), ratioImport: arrondi(importMs / base.importMs),
        cpuMs: arrondi(cpuMs), ratioCpu: arrondi(cpuMs / base.cpuMs), octetsTotal,
        ...(depots.length ? { ratioImportAvecDepots: arrondi(mediane(tempsDepots.get(k)!) / base.importMs), ratioCpuAvecDepots: arrondi(mediane(cpuDepots.get(k)!) / base.cpuMs) } : {}),
      };
    }
    const resume = (type: 'json' | 'pdf') => {
      const rs = Object.values(parRoute).filter((r) => r.type === type);
      return {
        routes: rs.length,
        octets: etendue(rs.map((r) => r.octets)),
        ratioTaille: etendue(rs.map((r) => r.ratioTaille)),
        ratioImport: etendue(rs.map((r) => r.ratioImport)),
        auDessusDe1_5: rs.filter((r) => r.ratioImport > 1.5).length,
        ratioCpu: etendue(rs.map((r) => r.ratioCpu)),
        cpuAuDessusDe1_5: rs.filter((r) => r.ratioCpu > 1.5).length,
        /** The same import followed by every repository chunk the handler can load: a bound on its first request's loading. */
        ratioImportAvecDepots: etendue(rs.flatMap((r) => r.ratioImportAvecDepots ?? [])),
        ratioCpuAvecDepots: etendue(rs.flatMap((r) => r.ratioCpuAvecDepots ?? [])),
      };
    };
    const sante = parRoute[SANTE];
    return {
      importsParBundle: n,
      chargeMachine: { debut: chargeDebut, fin: loadavg().map((x) => arrondi(x)) },
      plancher: base,
      plancherJournal: baseJournal,
      json: resume('json'),
      pdf: resume('pdf'),
      /** GET /health against the logger floor. */
      sante: sante && {
        octets: sante.octets,
        importMs: sante.importMs,
        ratioTaille: arrondi(sante.octets / baseJournal.octets),
        ratioImport: arrondi(sante.importMs / baseJournal.importMs),
        cpuMs: sante.cpuMs,
        ratioCpu: arrondi(sante.cpuMs / baseJournal.cpuMs),
        /** Against the DynamoDB floor too. */
        ratioImportPlancher: sante.ratioImport,
        ratioCpuPlancher: sante.ratioCpu,
      },
      parRoute,
    };
  } finally {
    rmSync(dossier, { recursive: true, force: true });
  }
}
