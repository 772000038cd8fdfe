/**
 * `npm run bench`: figures, not pass/fail. Written to bench-results/latest.json (and printed).
 * - GET /aaps/{id} through the local API vs the raw DynamoDB Query it makes, same run, same data;
 * - render time of the AGAPE AAP document;
 * - size of each Lambda bundle, built with the same esbuild options as the CDK function construct.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { build } from 'esbuild';
import { PDFDocument } from 'pdf-lib';
import { routes } from '#functions/routes';
import { startGuichet } from '#local/server';
import { dynamo } from '#shared/repositories/clients';
import { renderAapDocument } from '#templates/aap-document';

const RACINE = resolve(import.meta.dirname, '../..');
const N = Number(process.env.BENCH_ITERATIONS ?? 300);

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0;
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return { n: s.length, medianMs: r(q(50)), p99Ms: r(q(99)), minMs: r(s[0] ?? 0), maxMs: r(s[s.length - 1] ?? 0) };
}

async function mesurer(n: number, f: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 20; i++) await f();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await f();
    out.push(performance.now() - t);
  }
  return out;
}

async function tailleBundles() {
  const dossier = mkdtempSync(join(tmpdir(), 'guichet-bundles-'));
  const tailles: Record<string, number> = {};
  for (const r of routes) {
    if ('localOnly' in r && r.localOnly) continue;
    const sortie = join(dossier, `${r.handler.replace(/[/.]/g, '_')}.mjs`);
    await build({
      entryPoints: [join(RACINE, r.handler)],
      bundle: true,
      platform: 'node',
      target: 'node22',
      format: 'esm',
      minify: true,
      outfile: sortie,
      mainFields: ['module', 'main'],
      banner: { js: "import{createRequire}from'module';const require=createRequire(import.meta.url);" },
      logLevel: 'silent',
      metafile: true,
    }).then((res) => {
      tailles[`${r.method} ${r.path}`] = Object.values(res.metafile.outputs).reduce((a, o) => a + o.bytes, 0);
    });
  }
  rmSync(dossier, { recursive: true, force: true });
  return tailles;
}

const dataDir = mkdtempSync(join(tmpdir(), 'guichet-bench-'));
const g = await startGuichet({ port: 0, inMemory: true, seed: true, dataDir });
try {
  const liste = (await (await fetch(`${g.url}/api/aaps?statut=clos`)).json()) as { items: Array<{ id: string; reference: string }> };
  const agape = liste.items.find((a) => a.reference === 'AAP-AGAPE-2021');
  if (!agape) throw new Error('AAP AGAPE absent des données de démonstration');

  const viaApi = await mesurer(N, async () => {
    const r = await fetch(`${g.url}/api/aaps/${agape.id}`);
    if (r.status !== 200) throw new Error(`GET /aaps/{id} → ${r.status}`);
    await r.arrayBuffer();
  });
  // The same reads the repository makes: one Query on the AAP's partition (META + 27 FICHE items).
  const brut = await mesurer(N, () =>
    dynamo().send(
      new QueryCommand({
        TableName: g.tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :a AND :b',
        ExpressionAttributeValues: { ':pk': `AAP#${agape.id}`, ':a': 'FICHE#', ':b': 'META' },
      }),
    ),
  );
  const api = stats(viaApi);
  const dynamoBrut = stats(brut);

  const aap = (await (await fetch(`${g.url}/api/aaps/${agape.id}`)).json()) as Parameters<typeof renderAapDocument>[0];
  let pages = 0;
  let octets = 0;
  const rendu = stats(
    await mesurer(30, async () => {
      const b = await renderAapDocument(aap, { genereLe: new Date(aap.modifieLe) });
      octets = b.length;
      pages = (await PDFDocument.load(b)).getPageCount();
    }),
  );

  const resultats = {
    date: new Date().toISOString(),
    machine: { node: process.version, platform: process.platform, arch: process.arch },
    getAap: {
      iterations: N,
      api,
      dynamoBrut,
      ratioMedian: Math.round((api.medianMs / dynamoBrut.medianMs) * 100) / 100,
      ratioP99: Math.round((api.p99Ms / dynamoBrut.p99Ms) * 100) / 100,
    },
    documentAgape: { ...rendu, pages, octets },
    bundlesOctets: await tailleBundles(),
  };
  mkdirSync(join(RACINE, 'bench-results'), { recursive: true });
  writeFileSync(join(RACINE, 'bench-results', 'latest.json'), `${JSON.stringify(resultats, null, 2)}\n`);
  console.log(JSON.stringify(resultats, null, 2));
  console.log('\nÉcrit dans bench-results/latest.json');
} finally {
  await g.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
