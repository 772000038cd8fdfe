import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Guichet } from '#local/server';
import { aapDemo } from '#local/seed';
import { seedDossiersDemo } from '#local/demo-dossiers';
import { routes } from '#shared/http/routes';
import { rolesDe } from '#shared/http/contrats/definition';
import { client, demarrerGuichet } from './helpers';

/**
 * Fuzzing every route of the manifest: ≥ 10 000 requests built from a seeded generator (reproducible) with hostile
 * path parameters (malformed percent-encoding, overlong, unicode, `__proto__`), hostile query strings (tampered
 * cursors, impossible dates, unknown zones, repeated and prototype keys) and hostile bodies (broken JSON, wrong
 * types, prototype keys, AAPs with bad zones and dates), as every kind of user. No answer may be a 5xx: 503 is only
 * for storage down (indisponibilite.test.ts), and storage is up here.
 */
const REQUETES = 10_500;
const PARALLELE = 6;
const GRAINE = Number(process.env.GUICHET_FUZZ_GRAINE ?? 20261202);

let g: Guichet;
let api: ReturnType<typeof client>;
const vrais: Record<string, string[]> = {};
const jetons: Array<string | undefined> = [undefined];
const jetonsParRole = new Map<string, string[]>();
const ACTEURS: Array<[string, string]> = [
  ['oi@guichet.test', 'oi-admin'], ['gestionnaire@guichet.test', 'oi-gestionnaire'], ['porteur@guichet.test', 'porteur'],
  ['porteur2@guichet.test', 'porteur'], ['comite1@guichet.test', 'comite'],
];

beforeAll(async () => {
  g = await demarrerGuichet({ seed: true });
  api = client(g);
  await seedDossiersDemo(`${g.url}/api`);
  const aaps = (await api.get('/aaps?limit=100')).body.items as Array<{ id: string }>;
  const dossiers = (await api.get('/dossiers', { as: 'porteur@guichet.test' })).body.items as Array<{ id: string }>;
  const comites = (await api.get('/comites', { as: 'comite1@guichet.test' })).body.items as Array<{ id: string }>;
  const pieces = (await api.get(`/dossiers/${dossiers[0]!.id}/pieces`, { as: 'porteur@guichet.test' })).body.pieces as Array<{ id: string }>;
  Object.assign(vrais, { aap: aaps.map((a) => a.id), dossier: dossiers.map((d) => d.id), comite: comites.map((c) => c.id), piece: pieces.map((p) => p.id) });
  for (const [as, role] of ACTEURS) {
    const j = await api.jeton(as);
    jetons.push(j);
    jetonsParRole.set(role, [...(jetonsParRole.get(role) ?? []), j]);
  }
}, 180_000);
afterAll(async () => g?.stop());

/** mulberry32: a small seeded generator, so that a failing request can be replayed from the seed. */
function generateur(graine: number) {
  let a = graine >>> 0;
  const suivant = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { nombre: suivant, choisir: <T>(l: readonly T[]): T => l[Math.floor(suivant() * l.length)]! };
}

const b64 = (o: unknown) => Buffer.from(typeof o === 'string' ? o : JSON.stringify(o)).toString('base64url');

const SEGMENTS_HOSTILES = [
  '%', '%2', '%FF', '%C0%AF', '%E0%A4%A', '%ZZ', '%00', '%25', '%2F', '..%2F..%2Fetc%2Fpasswd', '%2e%2e', '%F0%9F%98%80', '%ED%A0%80',
  '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'x'.repeat(300), 'A'.repeat(5000),
  encodeURIComponent('été'), encodeURIComponent('\u202Efdp.exe'), encodeURIComponent('\u200B'), encodeURIComponent('😀'),
  encodeURIComponent("'\";--"), encodeURIComponent('<script>'), '0', '-1', '1e400', 'null', 'undefined', 'NaN', '01HZZZZZZZZZZZZZZZZZZZZZZZ',
];

function cursorFalsifie(r: ReturnType<typeof generateur>): string {
  const cles = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', '__proto__', 'constructor'];
  const valeurs = ['', 'AAP#publie', 'OI#AGAPE#AAP', `AAPDOS#${r.choisir(vrais.aap!)}`, 'NOTIF#demo-porteur', '0000', 'zzzz', '2099-01-01T00:00:00.000Z#X', 'META', 12, null, {}, []];
  const o: Record<string, unknown> = {};
  for (let i = 0, n = 1 + Math.floor(r.nombre() * 5); i < n; i++) o[r.choisir(cles)] = r.choisir(valeurs);
  return r.choisir([b64(o), b64(o).slice(0, -2), '%%%', 'x'.repeat(3000), b64('{"pk":'), b64('[]'), b64('"x"'), encodeURIComponent(b64(o)) + '%']);
}

/** The partition each paginated list queries: a forged cursor aimed at it passes the partition check. */
function partitions(path: string): Array<Record<string, string>> {
  if (path === '/aaps') return [{ gsi1pk: 'AAP#publie' }];
  if (path === '/gestion/aaps') return [{ gsi2pk: 'OI#AGAPE#AAP' }];
  if (path.startsWith('/gestion/dossiers')) return vrais.aap!.map((a) => ({ gsi2pk: `AAPDOS#${a}` }));
  if (path === '/moi/notifications') return [{ gsi1pk: 'NOTIF#demo-porteur' }, { gsi1pk: 'NOTIF#demo-oi-admin' }];
  return [];
}

/** A cursor in the right partition whose other key attributes are missing, empty, of the wrong type or out of range. */
function cursorVise(r: ReturnType<typeof generateur>, partition: Record<string, string>): string {
  const [pk] = Object.keys(partition) as [string];
  const sk = pk.replace('pk', 'sk');
  const o: Record<string, unknown> = { ...partition };
  for (const k of ['pk', 'sk', sk]) if (r.nombre() < 0.75) o[k] = r.choisir(['', 'x', '0000', 'zzzz', '2099-01-01T00:00:00.000Z#X', 'META', 7, null]);
  if (r.nombre() < 0.1) o[r.choisir(['gsi3pk', 'extra'])] = 'x';
  return b64(o);
}

/** A query the route accepts but for one hostile value: what reaches the repositories. */
function queryPlausible(r: ReturnType<typeof generateur>, path: string): string {
  const aapId = r.choisir(vrais.aap!);
  const base = path.startsWith('/gestion/dossiers') ? [`aapId=${aapId}`] : [];
  const options = [
    ...partitions(path).map((p) => () => `cursor=${encodeURIComponent(cursorVise(r, path.startsWith('/gestion/dossiers') ? { gsi2pk: `AAPDOS#${aapId}` } : p))}`),
    () => `statut=${r.choisir(['publie', 'clos', 'brouillon', 'depose', 'instruit'])}`,
    () => `ficheCode=${r.choisir(['HP1', 'S1', 'ZZ', '__proto__'])}`,
    () => `limit=${r.choisir(['1', '2', '100'])}`,
    () => `q=${encodeURIComponent(r.choisir(['été', '__proto__', '%', 'x'.repeat(199)]))}`,
  ];
  const n = 1 + Math.floor(r.nombre() * 3);
  return `?${[...base, ...Array.from({ length: n }, () => r.choisir(options)())].join('&')}`;
}

function query(r: ReturnType<typeof generateur>): string {
  const cles = ['cursor', 'limit', 'statut', 'aapId', 'ficheCode', 'plie', 'q', 'file', 'vue', 'date', 'depuis', 'fuseau', 'organisationId', 'objectifSpecifique', '__proto__', 'constructor', 'cursor'];
  const valeurs = () =>
    r.choisir([
      cursorFalsifie(r), '-1', '0', '1e9', '101', 'NaN', '2026-02-30', '2026-13-01', '0000-01-01', '__proto__', 'Europe/Atlantis', 'brouillon', 'zzz',
      r.choisir(vrais.aap!), r.choisir(SEGMENTS_HOSTILES), '', 'x'.repeat(600),
    ]);
  const n = Math.floor(r.nombre() * 4);
  return n === 0 ? '' : `?${Array.from({ length: n }, () => `${r.choisir(cles)}=${valeurs()}`).join('&')}`;
}

function aapHostile(r: ReturnType<typeof generateur>): unknown {
  const c = JSON.parse(JSON.stringify({ ...aapDemo(new Date()), reference: `AAP-FUZZ-${Math.floor(r.nombre() * 1e6)}` }));
  const date = () => r.choisir(['2026-02-30', '2026-13-01', '2026-00-10', '0000-01-01', '9999-12-31', '2026-02-29', '2020-01-01', 'demain', 20260101]);
  const fuseau = () => r.choisir(['__proto__', 'constructor', 'Europe/Atlantis', 'europe/paris', '', 'UTC', 'Europe/Paris', 'America/Cayenne', null, 42]);
  c.depot.ouverture = r.choisir([null, 'à la diffusion', { date: date(), heure: r.choisir(['08:00', '24:00', '7h']), fuseau: fuseau() }]);
  c.depot.cloture = { date: date(), heure: r.choisir(['23:59', '25:61', '']), fuseau: fuseau() };
  if (r.nombre() < 0.3) c.fiches[0].periode = { debut: date(), fin: date() };
  if (r.nombre() < 0.2) c.__proto__ = { admin: true };
  return c;
}

function corps(r: ReturnType<typeof generateur>, path: string): string {
  if ((path === '/aaps' || path === '/aaps/import' || path === '/aaps/{id}') && r.nombre() < 0.5) return JSON.stringify(aapHostile(r));
  return r.choisir([
    '{', '[]', '"texte"', 'null', '{}', '1e400', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"x":1}}}',
    `{"dossierIds":["${r.choisir(SEGMENTS_HOSTILES)}"],"publier":true}`, `{"dossierId":"${r.choisir(vrais.dossier!)}","vote":"peut-être"}`,
    `{"aapId":"${r.choisir(vrais.aap!)}","ficheCode":"__proto__","organisationId":"constructor"}`,
    `{"dateLimite":"2026-02-30","pieces":["RIB"],"message":"Merci."}`, `{"date":"2026-13-01","heure":"14:00","aapId":"x","plie":"x","membres":[],"president":"x"}`,
    `{"typePiece":"RIB","nomFichier":"rib\u202Efdp.exe","taille":-1,"typeContenu":"text/html","sha256":"zz"}`,
    `{"texte":"${'é'.repeat(20_000)}"}`, `${'['.repeat(2000)}${']'.repeat(2000)}`, `{"a":${'{"a":'.repeat(500)}1${'}'.repeat(500)}}`,
    '\u0000', '{"notes":[{"critere":"__proto__","note":1e309}]}',
  ]);
}

describe('fuzzing every route of the manifest', () => {
  it(`never answers 5xx over ${REQUETES} hostile requests`, async () => {
    const r = generateur(GRAINE);
    const manifeste = routes.filter((x) => !('localOnly' in x && x.localOnly));
    const statuts = new Map<number, number>();
    const fautes: string[] = [];
    const parRoute = new Map<string, number>();
    const duree = new Map<string, number>();
    let i = 0;
    const debut = Date.now();
    async function ouvrier() {
      while (i < REQUETES) {
        const n = i++;
        const route = manifeste[n % manifeste.length]!;
        const chemin = route.path.replace(/\{(\w+)\}/g, (_, nom: string) => {
          if (r.nombre() < 0.5) return r.choisir(SEGMENTS_HOSTILES);
          const reels = nom === 'id' ? [...vrais.aap!, ...vrais.dossier!, ...vrais.comite!] : nom === 'dossierId' ? vrais.dossier! : nom === 'pieceId' ? vrais.piece! : nom === 'code' ? ['HP1', 'S1'] : ['01HZZZZZZZZZZZZZZZZZZZZZZZ'];
          return r.choisir(reels);
        });
        const url = `${g.url}/api${chemin}${r.nombre() < 0.5 ? queryPlausible(r, route.path) : query(r)}`;
        // Mostly someone the route lets in, so that the hostile input reaches the use case and the repositories.
        const autorises = rolesDe(route).flatMap((role) => jetonsParRole.get(role) ?? []);
        const jeton = autorises.length && r.nombre() < 0.7 ? r.choisir(autorises) : r.choisir(jetons);
        const headers: Record<string, string> = {
          ...(jeton ? { authorization: r.nombre() < 0.05 ? `Bearer ${jeton.slice(0, -3)}abc` : `Bearer ${jeton}` } : {}),
          ...(r.nombre() < 0.5 ? { 'if-match': r.choisir(['1', '0', '-1', 'abc', '"1"', '99999999999999999999']) } : {}),
          ...(r.nombre() < 0.5 ? { 'idempotency-key': r.choisir([' ', 'k'.repeat(500), `fuzz-${n}`, '__proto__']) } : {}),
        };
        const ecrit = route.method === 'POST' || route.method === 'PUT';
        if (ecrit) headers['content-type'] = r.choisir(['application/json', 'application/json', 'text/plain', 'application/x-www-form-urlencoded']);
        const t0 = Date.now();
        const rep = await fetch(url, { method: route.method, headers, ...(ecrit ? { body: corps(r, route.path) } : {}) });
        await rep.arrayBuffer();
        statuts.set(rep.status, (statuts.get(rep.status) ?? 0) + 1);
        parRoute.set(`${route.method} ${route.path}`, (parRoute.get(`${route.method} ${route.path}`) ?? 0) + 1);
        duree.set(`${route.method} ${route.path}`, (duree.get(`${route.method} ${route.path}`) ?? 0) + Date.now() - t0);
        if (rep.status >= 500 && fautes.length < 20) fautes.push(`${rep.status} ${route.method} ${url.slice(0, 300)}`);
      }
    }
    await Promise.all(Array.from({ length: PARALLELE }, ouvrier));
    const total = [...statuts.values()].reduce((a, b) => a + b, 0);
    console.log(`fuzz : ${total} requêtes en ${((Date.now() - debut) / 1000).toFixed(1)} s sur ${manifeste.length} routes (graine ${GRAINE}) ; statuts ${JSON.stringify(Object.fromEntries([...statuts].sort((a, b) => a[0] - b[0])))}`);
    console.log([...duree].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => `${k} ${v} ms`).join('\n'));
    expect(fautes).toEqual([]);
    expect(total).toBeGreaterThanOrEqual(10_000);
    expect(parRoute.size).toBe(manifeste.length);
  }, 300_000);
});
