/**
 * Requests against their floor, measured fairly: the data is prepared here (the server's process), then a separate
 * client process (./client-requetes.ts) alternates each request with its floor — the DynamoDB call(s) the request
 * needs at best, sent from that same client process — three repetitions of `n` pairs, p50 and p99 of each and their
 * spread. The DynamoDB calls each request makes are counted here, by command, on one more request of each kind.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { ClientApi } from '#local/client-api';
import type { Guichet } from '#local/server';
import { aapDemoId, brouillons, PORTEUR } from './depot';
import { compter } from './echelle';

const OI = 'oi@guichet.test';
const CLIENT = resolve(import.meta.dirname, 'client-requetes.ts');

/** Runs the client process without blocking this one's event loop (the server answers from it). */
function client(config: Record<string, unknown>): Promise<Record<string, Record<string, unknown>>> {
  return new Promise((ok, echec) => {
    const p = spawn(process.execPath, ['--import', 'tsx', CLIENT], {
      env: { ...process.env, BENCH_CLIENT: JSON.stringify(config) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let sortie = '';
    p.stdout.on('data', (d: Buffer) => (sortie += d.toString('utf8')));
    p.on('error', echec);
    p.on('close', (code) => (code === 0 ? ok(JSON.parse(sortie)) : echec(new Error(`client du banc : code ${code}`))));
  });
}

export async function benchRequetes(g: Guichet, api: ClientApi, n = 300, repetitions = 3) {
  const clos = (await (await fetch(`${g.url}/api/aaps?statut=clos`)).json()) as { items: Array<{ id: string; reference: string }> };
  const agapeId = clos.items.find((a) => a.reference === 'AAP-AGAPE-2021')?.id;
  if (!agapeId) throw new Error('AAP AGAPE absent des données de démonstration');
  const agape = (await (await fetch(`${g.url}/api/aaps/${agapeId}`)).json()) as { fiches: Array<{ code: string }> };
  const demoId = await aapDemoId(g);
  const demo = (await (await fetch(`${g.url}/api/aaps/${demoId}`)).json()) as { organismeIntermediaire: { sigle: string } };
  const nDepot = Math.max(10, Math.min(50, Math.floor(n / 6)));
  const [brouillon, ...depots] = await brouillons(api, demoId, 1 + 10 + repetitions * nDepot + 3, 2000);
  const pourCompter = depots.splice(-3);

  const config = {
    api: `${g.url}/api`, dynamoEndpoint: g.dynamoEndpoint, s3Endpoint: g.s3Endpoint, table: g.tableName, bucket: 'guichet-fichiers',
    n, repetitions,
    jetons: { porteur: await api.jeton(PORTEUR), oi: await api.jeton(OI) },
    agape: { id: agapeId, fiche: agape.fiches[0]!.code },
    aapDemo: { id: demoId, oi: demo.organismeIntermediaire.sigle },
    brouillon, depots, listeStatut: 'depose',
    ...(process.env.BENCH_SEULS ? { seuls: process.env.BENCH_SEULS.split(',') } : {}),
  };
  const figures = await client(config);

  // The calls of one more request of each kind, counted on the server's client.
  const porteur = await api.jeton(PORTEUR);
  const oi = await api.jeton(OI);
  const appel = (chemin: string, jeton?: string, init: RequestInit = {}) => async () => {
    const r = await fetch(`${g.url}/api${chemin}`, { ...init, redirect: 'manual', headers: { ...(jeton ? { authorization: `Bearer ${jeton}` } : {}), ...(init.headers as Record<string, string>) } });
    await r.arrayBuffer();
    if (r.status >= 400) throw new Error(`${chemin} → ${r.status}`);
  };
  // Each entry prepares a fresh request (outside the count) and returns it.
  const requetes: Record<string, (i: number) => Promise<() => Promise<void>>> = {
    'GET /aaps/{id}': async () => appel(`/aaps/${agapeId}`),
    'GET /aaps/{id}/fiches/{code}': async () => appel(`/aaps/${agapeId}/fiches/${config.agape.fiche}`),
    'PUT /dossiers/{id}': async () => {
      const d = await api.appel<{ version: number; contenu: unknown }>(PORTEUR, 'GET', `/dossiers/${brouillon}`);
      return appel(`/dossiers/${brouillon}`, porteur, { method: 'PUT', body: JSON.stringify(d.contenu), headers: { 'content-type': 'application/json', 'if-match': String(d.version) } });
    },
    'POST /dossiers/{id}/depot': async (i) => appel(`/dossiers/${pourCompter[i]}/depot`, porteur, { method: 'POST', headers: { 'idempotency-key': `banc-compte-${i}-${Date.now()}` } }),
    'GET /dossiers/{id}/plan-financement/controles': async () => appel(`/dossiers/${brouillon}/plan-financement/controles`, porteur),
    'GET /gestion/dossiers (page de 50, filtre statut)': async () => appel(`/gestion/dossiers?aapId=${demoId}&statut=depose&limit=50`, oi),
    'GET /aaps/{id}/enveloppe': async () => appel(`/aaps/${demoId}/enveloppe`, oi),
    'GET /aaps/{id}/document.pdf (déjà produit)': async () => appel(`/aaps/${agapeId}/document.pdf?lien=redirection`),
  };
  const scenarios: Record<string, unknown> = {};
  for (const [nom, f] of Object.entries(requetes)) {
    if (!figures[nom]) continue;
    // Three countings, the smallest kept: the local scheduler and stream reader share the process's client.
    let appels: Record<string, number> | null = null;
    for (let i = 0; i < 3; i++) {
      const c = (await compter(await f(i))).appels;
      const total = (x: Record<string, number>) => Object.values(x).reduce((a, b) => a + b, 0);
      if (!appels || total(c) < total(appels)) appels = c;
    }
    scenarios[nom] = { appelsDynamo: appels, ...figures[nom] };
  }
  return { requetes: { date: new Date().toISOString(), iterations: n, repetitions, scenarios } };
}
