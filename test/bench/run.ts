/**
 * `npm run bench`: figures, not pass/fail, written to bench-results/latest.json (and printed).
 * Each API figure is compared with the raw DynamoDB calls it makes, in the same run on the same data.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ClientApi } from '#local/client-api';
import { startGuichet } from '#local/server';
import { benchAap } from './aap';
import { tailleBundles } from './bundles';
import { aapDemoId, benchDepot, brouillons, PORTEUR } from './depot';
import { mesurerDurabilite } from './durabilite';
import { benchPieces } from './pieces';

const RACINE = resolve(import.meta.dirname, '../..');
const N = Number(process.env.BENCH_ITERATIONS ?? 300);

const dataDir = mkdtempSync(join(tmpdir(), 'guichet-bench-'));
const g = await startGuichet({ port: 0, inMemory: true, seed: true, dataDir });
const api = new ClientApi(`${g.url}/api`);
try {
  const resultats = {
    date: new Date().toISOString(),
    machine: { node: process.version, platform: process.platform, arch: process.arch },
    ...(await benchAap(g, N)),
    ...(await benchDepot(g, api, Math.min(N, 100))),
    ...(await benchPieces(g, await api.jeton(PORTEUR), (await brouillons(api, await aapDemoId(g), 1, 900))[0]!, N)),
    bundlesOctets: await tailleBundles(),
    ...(await mesurerDurabilite()),
  };
  mkdirSync(join(RACINE, 'bench-results'), { recursive: true });
  writeFileSync(join(RACINE, 'bench-results', 'latest.json'), `${JSON.stringify(resultats, null, 2)}\n`);
  console.log(JSON.stringify(resultats, null, 2));
  console.log('\nÉcrit dans bench-results/latest.json');
} finally {
  await g.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
