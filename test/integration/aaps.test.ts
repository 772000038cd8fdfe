import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Guichet } from '#local/server';
import { aapDemo, lireAgape } from '#local/seed';
import { client, demarrerGuichet } from './helpers';

let g: Guichet;
let api: ReturnType<typeof client>;
const OI = 'oi@guichet.test';
const GESTIONNAIRE = 'gestionnaire@guichet.test';

/** A fresh open AAP content (dépôt closing in 60 days) under its own référence. */
function contenu(reference: string) {
  const c = aapDemo(new Date());
  return JSON.parse(JSON.stringify({ ...c, reference }));
}

beforeAll(async () => {
  g = await demarrerGuichet();
  api = client(g);
});
afterAll(async () => g?.stop());

describe('import of an AAP', () => {
  it('creates the AGAPE AAP once when the same référence is imported twice', async () => {
    const premier = await api.post('/aaps/import', { as: OI, body: lireAgape() });
    expect(premier.status).toBe(201);
    expect(premier.body.fiches).toHaveLength(27);
    expect(premier.body.depot.ouverture).toBeNull();
    expect(premier.body.depot.modalitesOuverture).toBe("à la diffusion de l'appel à projets");
    const second = await api.post('/aaps/import', { as: OI, body: lireAgape() });
    expect(second.status).toBe(200);
    expect(second.body.id).toBe(premier.body.id);
    const liste = await api.get('/gestion/aaps?q=AGAPE-2021', { as: OI });
    expect(liste.body.items.filter((a: { reference: string }) => a.reference === 'AAP-AGAPE-2021')).toHaveLength(1);
  });

  it('keeps fiche codes, order and the financing rules of the file', async () => {
    const id = (await api.post('/aaps/import', { as: OI, body: lireAgape() })).body.id;
    const aap = await api.get(`/gestion/aaps/${id}`, { as: OI });
    expect(aap.body.fiches.map((f: { code: string }) => f.code).slice(10, 13)).toEqual(['ET1', 'ET2', 'ET5']);
    const hp1 = aap.body.fiches.find((f: { code: string }) => f.code === 'HP1');
    expect(hp1.regleFinancement).toEqual({ cofinancementRequis: true, minContrepartiesPct: 20, maxFsePct: 80 });
    expect(aap.body.clotureLe).toBe('2021-12-31T22:59:59.999Z');
  });
});

describe('draft editing', () => {
  it('saves a new version when If-Match carries the version read', async () => {
    const cree = await api.post('/aaps', { as: GESTIONNAIRE, body: contenu('AAP-EDIT-1') });
    expect(cree.status).toBe(201);
    expect(cree.headers.get('etag')).toBe('"1"');
    const modifie = await api.put(`/aaps/${cree.body.id}`, {
      as: GESTIONNAIRE,
      body: { ...contenu('AAP-EDIT-1'), titre: 'Titre corrigé' },
      headers: { 'if-match': '"1"' },
    });
    expect(modifie.status).toBe(200);
    expect(modifie.body.version).toBe(2);
    expect((await api.get(`/gestion/aaps/${cree.body.id}`, { as: OI })).body.titre).toBe('Titre corrigé');
  });

  it('refuses a stale write with 409 and a write without If-Match with 428', async () => {
    const cree = await api.post('/aaps', { as: OI, body: contenu('AAP-EDIT-2') });
    const corps = { ...contenu('AAP-EDIT-2'), titre: 'Premier' };
    expect((await api.put(`/aaps/${cree.body.id}`, { as: OI, body: corps, headers: { 'if-match': '1' } })).status).toBe(200);
    const perime = await api.put(`/aaps/${cree.body.id}`, { as: OI, body: { ...corps, titre: 'Second' }, headers: { 'if-match': '1' } });
    expect(perime.status).toBe(409);
    expect(perime.body.code).toBe('VERSION_PERIMEE');
    const sans = await api.put(`/aaps/${cree.body.id}`, { as: OI, body: corps });
    expect(sans.status).toBe(428);
    expect((await api.get(`/gestion/aaps/${cree.body.id}`, { as: OI })).body.titre).toBe('Premier');
  });

  it('lets exactly one of two concurrent edits from the same version win', async () => {
    const cree = await api.post('/aaps', { as: OI, body: contenu('AAP-EDIT-3') });
    const ecrire = (titre: string) =>
      api.put(`/aaps/${cree.body.id}`, { as: OI, body: { ...contenu('AAP-EDIT-3'), titre }, headers: { 'if-match': '1' } });
    const r = await Promise.all([ecrire('A'), ecrire('B'), ecrire('C'), ecrire('D')]);
    expect(r.map((x) => x.status).sort()).toEqual([200, 409, 409, 409]);
    const gagnant = r.find((x) => x.status === 200)!.body.titre;
    expect((await api.get(`/gestion/aaps/${cree.body.id}`, { as: OI })).body.titre).toBe(gagnant);
  });

  it('removes a fiche deleted from the draft and keeps the order of the others', async () => {
    const c = contenu('AAP-EDIT-4');
    const cree = await api.post('/aaps', { as: OI, body: c });
    const fiches = [c.fiches[2], c.fiches[0]];
    const r = await api.put(`/aaps/${cree.body.id}`, { as: OI, body: { ...c, fiches }, headers: { 'if-match': '1' } });
    expect(r.status).toBe(200);
    const relu = await api.get(`/gestion/aaps/${cree.body.id}`, { as: OI });
    expect(relu.body.fiches.map((f: { code: string }) => f.code)).toEqual([c.fiches[2].code, c.fiches[0].code]);
  });
});

describe('publication', () => {
  it('hides a draft from the public and shows it once an oi-admin publishes it', async () => {
    const cree = await api.post('/aaps', { as: GESTIONNAIRE, body: contenu('AAP-PUB-1') });
    expect((await api.get(`/aaps/${cree.body.id}`)).status).toBe(404);
    const refuse = await api.post(`/aaps/${cree.body.id}/publication`, { as: GESTIONNAIRE, body: {} });
    expect(refuse.status).toBe(403);
    const publie = await api.post(`/aaps/${cree.body.id}/publication`, { as: OI, body: {} });
    expect(publie.status).toBe(200);
    expect(publie.body.statut).toBe('publie');
    const lu = await api.get(`/aaps/${cree.body.id}`);
    expect(lu.status).toBe(200);
    expect(lu.body.ouvertureLe).toBe(publie.body.publieLe);
    const fiche = await api.get(`/aaps/${cree.body.id}/fiches/HP1`);
    expect(fiche.body.regleFinancement.minContrepartiesPct).toBe(20);
  });

  it('refuses to edit a published AAP in place with 409', async () => {
    const cree = await api.post('/aaps', { as: OI, body: contenu('AAP-PUB-2') });
    await api.post(`/aaps/${cree.body.id}/publication`, { as: OI, body: {} });
    const r = await api.put(`/aaps/${cree.body.id}`, { as: OI, body: contenu('AAP-PUB-2'), headers: { 'if-match': '2' } });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('AAP_PUBLIE');
  });

  it('reads as clos after its closing instant, and refuses a past closing unless archived', async () => {
    const c = lireAgape();
    const cree = await api.post('/aaps/import', { as: OI, body: { ...c, reference: 'AAP-ARCHIVE-1' } });
    const refuse = await api.post(`/aaps/${cree.body.id}/publication`, { as: OI, body: {} });
    expect(refuse.status).toBe(422);
    expect(refuse.body.code).toBe('CLOTURE_PASSEE');
    const archive = await api.post(`/aaps/${cree.body.id}/publication`, { as: OI, body: { archive: true } });
    expect(archive.status).toBe(200);
    expect(archive.body.statut).toBe('clos');
    expect((await api.get(`/aaps/${cree.body.id}`)).body.statut).toBe('clos');
  });
});

describe('rectificatif', () => {
  it('makes a new version whose diff is public', async () => {
    const c = contenu('AAP-RECT-1');
    const cree = await api.post('/aaps', { as: OI, body: c });
    const pub = await api.post(`/aaps/${cree.body.id}/publication`, { as: OI, body: {} });
    const nouveau = structuredClone(c);
    nouveau.fiches.find((f: { code: string }) => f.code === 'HP1').regleFinancement.maxFsePct = 75;
    nouveau.depot.cloture.heure = '12:00';
    const r = await api.post(`/aaps/${cree.body.id}/rectificatifs`, {
      as: OI,
      body: { motif: 'Baisse du taux FSE maximum du Haut Périgord', contenu: nouveau },
      headers: { 'if-match': String(pub.body.version) },
    });
    expect(r.status).toBe(201);
    expect(r.body.version).toBe(pub.body.version + 1);
    expect(r.body.nombreRectificatifs).toBe(1);
    const historique = await api.get(`/aaps/${cree.body.id}/rectificatifs`);
    expect(historique.body.items).toHaveLength(1);
    const [rect] = historique.body.items;
    expect(rect.motif).toContain('Haut Périgord');
    expect(rect.modifications).toEqual(
      expect.arrayContaining([
        { chemin: 'fiches[HP1].regleFinancement.maxFsePct', avant: 80, apres: 75 },
        { chemin: 'depot.cloture.heure', avant: '23:59', apres: '12:00' },
      ]),
    );
    expect((await api.get(`/aaps/${cree.body.id}/fiches/HP1`)).body.regleFinancement.maxFsePct).toBe(75);
    expect(rect.numero).toBe(1);
  });

  it('refuses a rectificatif from a stale version, one that changes nothing, and one by a gestionnaire', async () => {
    const c = contenu('AAP-RECT-2');
    const cree = await api.post('/aaps', { as: OI, body: c });
    const pub = await api.post(`/aaps/${cree.body.id}/publication`, { as: OI, body: {} });
    const v = String(pub.body.version);
    const vide = await api.post(`/aaps/${cree.body.id}/rectificatifs`, { as: OI, body: { motif: 'Rien', contenu: c }, headers: { 'if-match': v } });
    expect([vide.status, vide.body.code]).toEqual([422, 'RECTIFICATIF_VIDE']);
    const autre = { ...c, titre: 'Nouveau titre' };
    const gest = await api.post(`/aaps/${cree.body.id}/rectificatifs`, { as: GESTIONNAIRE, body: { motif: 'Titre', contenu: autre }, headers: { 'if-match': v } });
    expect(gest.status).toBe(403);
    const perime = await api.post(`/aaps/${cree.body.id}/rectificatifs`, { as: OI, body: { motif: 'Titre', contenu: autre }, headers: { 'if-match': '1' } });
    expect([perime.status, perime.body.code]).toEqual([409, 'VERSION_PERIMEE']);
    expect((await api.get(`/aaps/${cree.body.id}/rectificatifs`)).body.items).toHaveLength(0);
  });
});

describe('public catalogue', () => {
  beforeAll(async () => {
    for (const ref of ['AAP-CAT-1', 'AAP-CAT-2', 'AAP-CAT-3']) {
      const cree = await api.post('/aaps', { as: OI, body: contenu(ref) });
      await api.post(`/aaps/${cree.body.id}/publication`, { as: OI, body: {} });
    }
    await api.post('/aaps', { as: OI, body: contenu('AAP-CAT-BROUILLON') });
  });

  it('lists published AAPs only, open and closed, never drafts', async () => {
    const r = await api.get('/aaps?limit=100');
    const refs = r.body.items.map((a: { reference: string }) => a.reference);
    expect(refs).toEqual(expect.arrayContaining(['AAP-CAT-1', 'AAP-CAT-2', 'AAP-CAT-3', 'AAP-ARCHIVE-1']));
    expect(refs).not.toContain('AAP-CAT-BROUILLON');
    expect((await api.get('/aaps?statut=brouillon')).status).toBe(400);
  });

  it('filters by statut, PLIE, objectif spécifique and accent-insensitive text', async () => {
    const clos = await api.get('/aaps?statut=clos&limit=100');
    expect(clos.body.items.every((a: { statut: string }) => a.statut === 'clos')).toBe(true);
    expect(clos.body.items.map((a: { reference: string }) => a.reference)).toContain('AAP-ARCHIVE-1');
    const ouverts = await api.get('/aaps?statut=publie&limit=100');
    expect(ouverts.body.items.every((a: { statut: string }) => a.statut === 'publie')).toBe(true);
    expect(ouverts.body.items.length).toBeGreaterThanOrEqual(3);
    const plie = await api.get('/aaps?plie=haut-perigord&limit=100');
    expect(plie.body.items.length).toBeGreaterThanOrEqual(4);
    expect((await api.get(`/aaps?plie=${encodeURIComponent('PLIE inconnu')}`)).body.items).toEqual([]);
    // The FSE+ demo speaks FSE+ (objective h of Reg. 2021/1057); the 2014-2020 archive keeps its OS3.
    expect((await api.get('/aaps?objectifSpecifique=OS-h&limit=100')).body.items.length).toBeGreaterThanOrEqual(3);
    expect((await api.get('/aaps?objectifSpecifique=OS3&limit=100')).body.items.map((a: { reference: string }) => a.reference)).toEqual(['AAP-ARCHIVE-1']);
    expect((await api.get('/aaps?objectifSpecifique=OS9')).body.items).toEqual([]);
    // Case-insensitive contains, not an exact code: « os3 » and « s3 » find OS3.
    expect((await api.get('/aaps?objectifSpecifique=os3&limit=100')).body.items.map((a: { reference: string }) => a.reference)).toEqual(['AAP-ARCHIVE-1']);
    expect((await api.get('/aaps?objectifSpecifique=s3&limit=100')).body.items.map((a: { reference: string }) => a.reference)).toContain('AAP-ARCHIVE-1');
    expect((await api.get('/aaps?objectifSpecifique=os-H&limit=100')).body.items.length).toBeGreaterThanOrEqual(3);
    const texte = await api.get(`/aaps?q=${encodeURIComponent('ELOIGNES DE L’EMPLOI')}&limit=100`);
    expect(texte.body.items.map((a: { reference: string }) => a.reference)).toContain('AAP-CAT-2');
    expect(texte.body.items.map((a: { reference: string }) => a.reference)).not.toContain('AAP-ARCHIVE-1');
  });

  it('pages through every AAP exactly once with the cursor', async () => {
    const tout = (await api.get('/aaps?limit=100')).body.items.map((a: { id: string }) => a.id);
    const vus: string[] = [];
    let cursor: string | null = null;
    do {
      const r: { body: { items: Array<{ id: string }>; cursor: string | null } } = await api.get(
        `/aaps?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      // Never an empty page after a cursor: the last page says there is no next one.
      expect(r.body.items.length).toBeGreaterThan(0);
      expect(r.body.items.length).toBeLessThanOrEqual(2);
      vus.push(...r.body.items.map((a) => a.id));
      cursor = r.body.cursor;
    } while (cursor);
    expect(vus).toEqual(tout);
    expect((await api.get(`/aaps?limit=${tout.length}`)).body.cursor).toBeNull();
    expect((await api.get(`/aaps?limit=${tout.length - 1}`)).body.cursor).not.toBeNull();
  });

  it('refuses a forged cursor with 400', async () => {
    const forge = Buffer.from(JSON.stringify({ gsi1pk: 'OI#AGAPE#AAP', gsi1sk: 'x', pk: 'x', sk: 'x' })).toString('base64url');
    const r = await api.get(`/aaps?cursor=${forge}`);
    expect([r.status, r.body.code]).toEqual([400, 'CURSEUR_INVALIDE']);
    expect((await api.get('/aaps?cursor=%%%')).status).toBe(400);
  });
});
