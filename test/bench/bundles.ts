/**
 * Cold start: each Lambda handler bundled exactly as deployed (infra/bundling.ts), its size and the time to import it
 * in a fresh Node process, both as a ratio to a floor bundle built and measured in the same run: a module that only
 * creates the DynamoDB document client (what almost every route needs anyway). JSON routes aim at ≤ 1.5× the floor's
 * import time; routes answering a PDF (pdf-lib loaded on their request path, not at import) are reported apart.
 * `GET /health` reads no table: it is set against a second floor, an empty module plus the app's logger (aim ≤ 1.2×).
 *
 * Where a JSON route's import time goes (GET /aaps/{id}, CPU time over the DynamoDB floor, measured by adding modules
 * to the floor one at a time and by timing each module's evaluation in an unminified copy): zod itself with the French
 * locale and the first schemas (~+10 ms, ~0.2×, whatever the route), the schemas its repositories parse with (~+8 ms),
 * the Tracer and X-Ray SDK (~110 kB parsed but, off Lambda, not evaluated: ~+3 ms; evaluated on Lambda), then jose,
 * Metrics and the rest of the handler wrapper (1–2 ms each). Parsing costs about 0.04 ms per kB, lazily loaded code
 * included (a dynamic import is inlined in the single-file bundle). The area's contract module adds almost nothing:
 * its schemas are those the route's repositories import anyway (3 kB median).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
};
const SONDE = 'const t = performance.now(); await import(process.argv[1]); process.stdout.write(String(performance.now() - t));';

async function bundle(dossier: string, nom: string, entree: { fichier: string } | { source: string }): Promise<string> {
  const outfile = join(dossier, `${nom.replace(/[^A-Za-z0-9]+/g, '_')}.mjs`);
  await build({
    ...optionsEsbuild(),
    ...('fichier' in entree
      ? { entryPoints: [join(RACINE, entree.fichier)] }
      : { stdin: { contents: entree.source, resolveDir: RACINE, loader: 'ts' } }),
    outfile,
    logLevel: 'silent',
  });
  return outfile;
}

/** Milliseconds to import the module once, in a new Node process (nothing cached but the OS's file cache). */
function importer(fichier: string): number {
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', SONDE, pathToFileURL(fichier).href], { env: ENV_IMPORT }));
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
}

/**
 * Builds the floor and every deployed route's handler, then imports each `n` times in turn (floor included in every
 * round, so drift on the machine hits all alike) and keeps medians.
 */
export async function demarrageAFroid(n = Number(process.env.BENCH_IMPORTS ?? 15)) {
  const dossier = mkdtempSync(join(tmpdir(), 'guichet-bundles-'));
  try {
    const plancher = await bundle(dossier, 'plancher', { source: PLANCHER });
    const plancherJournal = await bundle(dossier, 'plancher-journal', { source: PLANCHER_JOURNAL });
    const deployees = routes.filter((r) => !('localOnly' in r && r.localOnly));
    const fichiers = new Map<string, { fichier: string; type: 'json' | 'pdf' }>();
    for (const r of deployees) {
      const type = 'output' in r && r.output === 'pdf' ? 'pdf' : 'json';
      fichiers.set(`${r.method} ${r.path}`, { fichier: await bundle(dossier, r.handler, { fichier: r.handler }), type });
    }
    const temps = new Map<string, number[]>([['plancher', []], ['plancher-journal', []], ...[...fichiers.keys()].map((k): [string, number[]] => [k, []])]);
    for (let i = 0; i < n; i++) {
      temps.get('plancher')!.push(importer(plancher));
      temps.get('plancher-journal')!.push(importer(plancherJournal));
      for (const [k, { fichier }] of fichiers) temps.get(k)!.push(importer(fichier));
    }
    const base = { octets: statSync(plancher).size, importMs: arrondi(mediane(temps.get('plancher')!)) };
    const baseJournal = { octets: statSync(plancherJournal).size, importMs: arrondi(mediane(temps.get('plancher-journal')!)) };
    const parRoute: Record<string, DemarrageRoute> = {};
    for (const [k, { fichier, type }] of fichiers) {
      const octets = statSync(fichier).size;
      const importMs = mediane(temps.get(k)!);
      parRoute[k] = { type, octets, importMs: arrondi(importMs), ratioTaille: arrondi(octets / base.octets), ratioImport: arrondi(importMs / base.importMs) };
    }
    const resume = (type: 'json' | 'pdf') => {
      const rs = Object.values(parRoute).filter((r) => r.type === type);
      return {
        routes: rs.length,
        octets: etendue(rs.map((r) => r.octets)),
        ratioTaille: etendue(rs.map((r) => r.ratioTaille)),
        ratioImport: etendue(rs.map((r) => r.ratioImport)),
        auDessusDe1_5: rs.filter((r) => r.ratioImport > 1.5).length,
      };
    };
    const sante = parRoute[SANTE];
    return {
      importsParBundle: n,
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
      },
      parRoute,
    };
  } finally {
    rmSync(dossier, { recursive: true, force: true });
  }
}
