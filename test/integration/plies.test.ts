import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Guichet } from '#local/server';
import { aapDemo, lireAgape } from '#local/seed';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '#shared/repositories/clients';
import { plieRepository } from '#shared/repositories/plie-repository';
import { migrerPliesParNom } from '#shared/repositories/migrations';
import { client, demarrerGuichet } from './helpers';

let g: Guichet;
let api: ReturnType<typeof client>;
const OI = 'oi@guichet.test';
const GESTIONNAIRE = 'gestionnaire@guichet.test';
const PORTEUR = 'porteur@guichet.test';

const contenu = (reference: string) => JSON.parse(JSON.stringify({ ...aapDemo(new Date()), reference }));
const etat = async () => JSON.stringify((await api.get('/gestion/aaps?limit=100', { as: OI })).body.items);

beforeAll(async () => {
  g = await demarrerGuichet();
  api = client(g);
});
afterAll(async () => g?.stop());

describe('PLIE', () => {
  it('lists the AGAPE’s seven PLIE to anyone, and filters by OI', async () => {
    const r = await api.get('/plies?oi=AGAPE');
    expect(r.status).toBe(200);
    expect(r.body.items.map((p: { id: string }) => p.id).sort()).toEqual(
      ['agenais', 'bordeaux', 'grand-perigueux', 'haut-perigord', 'portes-du-sud', 'sources', 'technowest'].sort(),
    );
    expect((await api.get('/plies?oi=AUTRE')).body.items).toEqual([]);
    // …and, without a filter, the PLIE of the two other OIs (data/plies-autres.json) too.
    expect((await api.get('/plies')).body.items).toHaveLength(9);
  });

  it('shows a PLIE’s public, entry conditions and governance', async () => {
    const r = await api.get('/plies/grand-perigueux');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: 'grand-perigueux', oi: 'AGAPE', nom: 'PLIE du Grand Périgueux' });
    expect(r.body.publicCible).toMatch(/\S/);
    expect(r.body.gouvernance).toMatch(/comité de pilotage/i);
    expect(r.headers.get('etag')).toBe('"1"');
    expect((await api.get('/plies/inconnu')).body.code).toBe('PLIE_INTROUVABLE');
  });

  it('lets only an oi-admin of the OI write its PLIE, from the version read', async () => {
    const { body: plie } = await api.get('/plies/sources');
    const { id: _i, oi: _o, version: _v, modifieLe: _m, ...corps } = plie;
    expect((await api.put('/plies/sources', { as: GESTIONNAIRE, body: corps, headers: { 'if-match': '"1"' } })).status).toBe(403);
    expect((await api.put('/plies/sources', { as: PORTEUR, body: corps, headers: { 'if-match': '"1"' } })).status).toBe(403);
    expect((await api.put('/plies/sources', { as: OI, body: corps })).body.code).toBe('PLIE_EXISTANT');
    const ok = await api.put('/plies/sources', { as: OI, body: { ...corps, siteWeb: 'https://www.pliedessources.fr/' }, headers: { 'if-match': '"1"' } });
    expect([ok.status, ok.body.version, ok.body.siteWeb]).toEqual([200, 2, 'https://www.pliedessources.fr/']);
    expect((await api.put('/plies/sources', { as: OI, body: corps, headers: { 'if-match': '"1"' } })).body.code).toBe('VERSION_PERIMEE');
    expect((await api.put('/plies/sources', { as: OI, body: { ...corps, siteWeb: 'javascript:alert(1)' }, headers: { 'if-match': '"2"' } })).status).toBe(400);
    expect((await api.get('/plies/sources')).body.version).toBe(2);
  });
});

describe('AAP content checked against the programme and the OI’s PLIE', () => {
  const cas: Array<[string, (c: any) => unknown, string, string]> = [
    ['a PLIE unknown to the OI', (c) => ({ ...c, plies: [...c.plies, 'plie-fantome'] }), 'PLIE_INCONNU', 'corps.plies.7'],
    ['a pièce group with one member', (c) => {
      c.fiches[0].piecesJustificatives = [{ libelle: 'Une des pièces suivantes', etape: 'realisation', alternatives: ['Seule'] }];
      return c;
    }, 'GROUPE_PIECES_INCOMPLET', 'corps.fiches.0.piecesJustificatives.0.alternatives'],
    ['a contradictory financing rule', (c) => {
      c.fiches[2].regleFinancement = { cofinancementRequis: false, minContrepartiesPct: 30, maxFsePct: 80 };
      return c;
    }, 'REGLE_FINANCEMENT_CONTRADICTOIRE', 'corps.fiches.2.regleFinancement'],
    ['a flat rate above the programme’s ceiling', (c) => ({ ...c, programme: { ...c.programme, tauxForfaitaires: [{ option: 'FORFAIT_7_DIRECTS', tauxPct: 8 }] } }),
      'TAUX_SUPERIEUR_AU_PLAFOND', 'corps.programme.tauxForfaitaires.0.tauxPct'],
    ['a flat rate the programme does not offer', (c) => ({ ...c, programme: { ...c.programme, tauxForfaitaires: [{ option: 'FORFAIT_20_DIRECTS_HORS_PRESTATIONS', tauxPct: 10 }] } }),
      'OPTION_FORFAIT_INCONNUE', 'corps.programme.tauxForfaitaires.0.option'],
    ['an unknown programme', (c) => ({ ...c, programme: { ...c.programme, code: 'FEDER-2021-2027' } }), 'PROGRAMME_INCONNU', 'corps.programme.code'],
  ];

  it.each(cas)('answers 422 with its code, a French message and the path when the AAP has %s', async (_nom, alterer, code, chemin) => {
    const avant = await etat();
    for (const route of ['/aaps', '/aaps/import']) {
      const r = await api.post(route, { as: OI, body: alterer(contenu(`AAP-422-${code.slice(0, 20)}`)) });
      expect(r.status).toBe(422);
      expect(r.body.code).toBe(code);
      expect(r.body.message).not.toMatch(/Invalid|expected|undefined/);
      expect(r.body.details.map((d: { chemin: string }) => d.chemin)).toEqual([chemin]);
    }
    expect(await etat()).toBe(avant);
  });

  it('lists the known programmes when the code is unknown', async () => {
    const r = await api.post('/aaps/import', { as: OI, body: { ...contenu('AAP-PROG'), programme: { ...contenu('x').programme, code: 'FEDER' } } });
    expect(r.body.message).toContain('PON-FSE-2014-2020, REACT-EU, FSE-PLUS-2021-2027');
  });

  it('reports every broken rule at once', async () => {
    const c = contenu('AAP-PLUSIEURS');
    c.plies.push('plie-fantome');
    c.fiches[2].regleFinancement = { cofinancementRequis: false, minContrepartiesPct: 30, maxFsePct: 80 };
    const r = await api.post('/aaps', { as: OI, body: c });
    expect([r.status, r.body.code, r.body.details.length]).toEqual([422, 'AAP_INCOHERENT', 2]);
  });

  it('answers 413 in French, storing nothing, when the AAP would not fit in one stored item', async () => {
    const avant = await etat();
    const c = contenu('AAP-TROP-GROS');
    c.sections = Array.from({ length: 7 }, (_x, i) => ({ id: `annexe-${i + 1}`, titre: `Annexe ${i + 1}`, annexe: true, texte: 'é'.repeat(30_000) }));
    const r = await api.post('/aaps', { as: OI, body: c });
    expect([r.status, r.body.code]).toEqual([413, 'REQUETE_TROP_VOLUMINEUSE']);
    expect(r.body.message).toMatch(/dépasse 380 Ko/);
    expect(await etat()).toBe(avant);
  });

  it('imports optional fields written as null', async () => {
    const c = contenu('AAP-NULLS');
    Object.assign(c.programme, { axe: null, axeLibelle: null, objectifThematique: null, prioriteInvestissement: null });
    Object.assign(c.depot, { plateforme: null, texte: null });
    Object.assign(c.selection, { instances: null, preambulePrivilegies: null });
    c.source = null;
    c.piecesAdministratives = null;
    c.historique = null;
    c.fiches[0].periode.texte = null;
    c.fiches[0].lignesSource = null;
    const r = await api.post('/aaps/import', { as: OI, body: c });
    expect(r.status).toBe(201);
    expect(r.body.programme.axe).toBeUndefined();
  });
});

describe('AAP-AGAPE-2021 imported as an archive', () => {
  let id: string;
  beforeAll(async () => {
    const r = await api.post('/aaps/import', { as: OI, body: lireAgape() });
    id = r.body.id;
    await api.post(`/aaps/${id}/publication`, { as: OI, body: { archive: true } });
  });

  it('keeps the source’s history: no publication date today, version 1', async () => {
    const r = await api.get(`/aaps/${id}`);
    expect([r.body.statut, r.body.publieLe, r.body.ouvertureLe, r.body.nombreRectificatifs]).toEqual(['clos', null, null, 0]);
    expect(r.body.historique).toEqual({ publieLe: null });
  });

  it('gives the public its texts and PLIE, never the OI’s internal notes', async () => {
    const publique = await api.get(`/aaps/${id}`);
    const gp1 = publique.body.fiches.find((f: { code: string }) => f.code === 'GP1');
    expect(gp1.objectifs).toMatch(/\S/);
    expect(gp1.etapesParcours.classes.length).toBe(5);
    expect(publique.body.referencesPlies.map((p: { nom: string }) => p.nom)).toContain('PLIE du Grand Périgueux');
    expect(publique.body.sections.filter((s: { annexe: boolean }) => s.annexe)).toHaveLength(7);
    expect(publique.body.notesInternes).toEqual([]);
    expect(publique.body.fiches.every((f: { notesInternes: string[] }) => f.notesInternes.length === 0)).toBe(true);
    expect(JSON.stringify(publique.body)).not.toMatch(/probablement|non confirm|Texte identique|taux non précisé/i);
    expect((await api.get(`/aaps/${id}/fiches/A5`)).body.notesInternes).toEqual([]);
    const gestion = await api.get(`/gestion/aaps/${id}`, { as: GESTIONNAIRE });
    expect(gestion.body.notesInternes.length).toBeGreaterThan(0);
    expect(gestion.body.fiches.find((f: { code: string }) => f.code === 'A5').notesInternes.join(' ')).toMatch(/Axe opérationnel/);
  });

  it('publishes a rectificatif whose public diff never carries the internal notes', async () => {
    const { body: aap, headers } = await api.get(`/gestion/aaps/${id}`, { as: OI });
    const { id: _i, statut: _s, version: _v, creeLe: _c, modifieLe: _m, publieLe: _p, ouvertureLe: _o, clotureLe: _cl,
      nombreRectificatifs: _n, referencesPlies: _r, historique: _h, ...contenu } = aap;
    contenu.titre = `${contenu.titre} (rectifié)`;
    contenu.notesInternes = ['SECRET OI'];
    contenu.fiches[0].notesInternes = ['SECRET FICHE'];
    const r = await api.post(`/aaps/${id}/rectificatifs`, { as: OI, body: { motif: 'Titre', contenu }, headers: { 'if-match': headers.get('etag')! } });
    expect(r.status).toBe(201);
    const publics = await api.get(`/aaps/${id}/rectificatifs`);
    expect(publics.body.items[0].modifications.map((m: { chemin: string }) => m.chemin)).toEqual(['titre']);
    expect(JSON.stringify(publics.body)).not.toContain('SECRET');
    expect(JSON.stringify((await api.get(`/aaps/${id}`)).body)).not.toContain('SECRET');
  });

  it('filters the catalogue by PLIE id', async () => {
    const r = await api.get('/aaps?plie=haut-perigord&limit=100');
    expect(r.body.items.map((a: { id: string }) => a.id)).toContain(id);
    expect((await api.get('/aaps?plie=plie-fantome')).body.items).toEqual([]);
  });
});

describe('AAPs stored before PLIE had ids', () => {
  it('are rewritten at start to name their PLIE by id, their pièces with a stage, and read again', async () => {
    const cree = await api.post('/aaps', { as: OI, body: contenu('AAP-ANCIEN') });
    const table = g.tableName;
    const meta = (await dynamo().send(new GetCommand({ TableName: table, Key: { pk: `AAP#${cree.body.id}`, sk: 'META' } }))).Item!;
    const fiche = (await dynamo().send(new GetCommand({ TableName: table, Key: { pk: `AAP#${cree.body.id}`, sk: 'FICHE#HP1' } }))).Item!;
    const { referencesPlies: _r, ...ancienneMeta } = meta;
    await dynamo().send(new PutCommand({ TableName: table, Item: { ...ancienneMeta, plies: ['PLIE du Haut Périgord', 'PLIE des Sources'] } }));
    await dynamo().send(new PutCommand({ TableName: table, Item: { ...fiche, plie: 'PLIE du Haut Périgord', piecesJustificatives: ['Bilan annuel du PLIE'] } }));

    expect(await migrerPliesParNom('AGAPE', await plieRepository.listerPourOi('AGAPE'))).toBe(1);
    const r = await api.get(`/gestion/aaps/${cree.body.id}`, { as: OI });
    expect(r.status).toBe(200);
    expect(r.body.plies).toEqual(['haut-perigord', 'sources']);
    expect(r.body.referencesPlies.map((p: { nom: string }) => p.nom)).toEqual(['PLIE du Haut Périgord', 'PLIE des Sources']);
    const hp1 = r.body.fiches.find((f: { code: string }) => f.code === 'HP1');
    expect([hp1.plie, hp1.piecesJustificatives]).toEqual(['haut-perigord', [{ libelle: 'Bilan annuel du PLIE', etape: 'realisation' }]]);
    expect(await migrerPliesParNom('AGAPE', await plieRepository.listerPourOi('AGAPE'))).toBe(0);
  });
});
