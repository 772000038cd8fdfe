/**
 * `npm run bench`: figures, not pass/fail, written to bench-results/latest.json (and printed).
 * Each request is compared with its floor (the DynamoDB calls it needs at best), alternated in the same run on the same data.
 * `npm run bench -- requetes` runs only the requests against their floors (./requetes.ts);
 * `npm run bench -- bundles` runs only the cold-start part and replaces its figures in that file; `npm run bench -- echelle`
 * only the 10 000-dossier lists and exports; `npm run bench -- participants` only the 10 000-row participant import.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ClientApi } from '#local/client-api';
import { startGuichet } from '#local/server';
import { benchAap } from './aap';
import { demarrageAFroid } from './bundles';
import { aapDemoId, benchDepot, brouillons, PORTEUR } from './depot';
import { mesurerDurabilite } from './durabilite';
import { benchPieces } from './pieces';
import { benchEchelle } from './echelle';
import { benchParticipants } from './participants';
import { benchRequetes } from './requetes';

const RACINE = resolve(import.meta.dirname, '../..');
const FICHIER = join(RACINE, 'bench-results', 'latest.json');
const N = Number(process.env.BENCH_ITERATIONS ?? 300);

/**
 * Each run replaces its own keys in the file as it is when the run ends (a partial run, `-- requetes` or `-- bundles`,
 * keeps the others' figures, even those another run wrote meanwhile).
 */
function ecrire(resultats: Record<string, unknown>): void {
  mkdirSync(join(RACINE, 'bench-results'), { recursive: true });
  const precedents: Record<string, unknown> = existsSync(FICHIER) ? JSON.parse(readFileSync(FICHIER, 'utf8')) : {};
  writeFileSync(FICHIER, `${JSON.stringify({ ...precedents, ...resultats }, null, 2)}\n`);
  console.log(JSON.stringify(resultats, null, 2));
  console.log('\nÉcrit dans bench-results/latest.json');
}

const machine = { node: process.version, platform: process.platform, arch: process.arch };
if (process.argv.includes('bundles')) {
  ecrire({ machine, demarrageAFroid: { date: new Date().toISOString(), ...(await demarrageAFroid()) } });
} else if (['echelle', 'participants', 'requetes', 'consolidation'].some((s) => process.argv.includes(s))) {
  const dataDir = mkdtempSync(join(tmpdir(), 'guichet-bench-'));
  const g = await startGuichet({ port: 0, inMemory: true, seed: true, dataDir });
  const api = new ClientApi(`${g.url}/api`);
  try {
    ecrire({
      machine,
      ...(process.argv.includes('echelle') ? await benchEchelle(g, api) : {}),
      ...(process.argv.includes('participants') ? await benchParticipants(g, api, Number(process.env.BENCH_LIGNES ?? 10_000)) : {}),
      ...(process.argv.includes('requetes') ? await benchRequetes(g, api, N) : {}),
      ...(process.argv.includes('consolidation') ? await (await import('./consolidation')).benchConsolidation(g, api) : {}),
    });
  } finally {
    await g.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
} else {
  const dataDir = mkdtempSync(join(tmpdir(), 'guichet-bench-'));
  const g = await startGuichet({ port: 0, inMemory: true, seed: true, dataDir });
  const api = new ClientApi(`${g.url}/api`);
  try {
    ecrire({
      date: new Date().toISOString(),
      machine,
      ...(await benchRequetes(g, api, N)),
      ...(await benchAap(g)),
      ...(await benchDepot(g, api)),
      ...(await benchPieces(g, await api.jeton(PORTEUR), (await brouillons(api, await aapDemoId(g), 1, 900))[0]!, N)),
      ...(await benchEchelle(g, api)),
      ...(await benchParticipants(g, api)),
      demarrageAFroid: await demarrageAFroid(),
      ...(await mesurerDurabilite()),
    });
  } finally {
    await g.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
