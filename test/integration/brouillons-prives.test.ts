import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Guichet } from '#local/server';
import { routes } from '#shared/http/routes';
import ExcelJS from 'exceljs';
import { exporter } from './exports-helpers';
import { client, demarrerGuichet } from './helpers';
import { aapOuvert, organisation } from './dossiers-helpers';
import { pdfValide, televerser, verdict } from './pieces-helpers';

/**
 * A dossier is private to its organisation until its dépôt (DESIGN §6): for OI staff, every route that takes a
 * dossier id answers about a brouillon exactly as about a dossier that does not exist (404), and no list, export,
 * search or dashboard shows it.
 */
let g: Guichet;
let api: ReturnType<typeof client>;
const P1 = 'porteur@guichet.test';
const STAFF = ['oi@guichet.test', 'gestionnaire@guichet.test'];
const INCONNU = '01HZZZZZZZZZZZZZZZZZZZZZZZ';
let aapId: string;
let brouillon: { id: string; reference: string; version: number };
let pieceId: string;

beforeAll(async () => {
  g = await demarrerGuichet({ seed: true });
  api = client(g);
  aapId = (await aapOuvert(api)).id;
  const org = await organisation(api, P1, 'Association du brouillon privé');
  const d = await api.post('/dossiers', { as: P1, body: { aapId, ficheCode: 'S1', organisationId: org.id } });
  expect(d.status).toBe(201);
  brouillon = d.body;
  const { annonce } = await televerser(api, P1, brouillon.id, 'RIB', await pdfValide('RIB du brouillon'));
  pieceId = annonce.body.pieceId;
  expect((await verdict(api, P1, brouillon.id, pieceId)).etat).toBe('valide');
  const pj = await api.post(`/dossiers/${brouillon.id}/messagerie/pieces-jointes`, { as: P1, body: { nomFichier: 'note.pdf', taille: 1000, typeContenu: 'application/pdf', sha256: 'b'.repeat(64) } });
  expect(pj.status).toBeLessThan(500);
}, 180_000);
afterAll(async () => g?.stop());

/** A request for the route with `id` as the dossier; a plausible body so that refusals are about the dossier. */
function requete(method: string, path: string, id: string): { chemin: string; body?: unknown; headers: Record<string, string> } {
  const chemin = path
    .replace('{id}', id)
    .replace('{dossierId}', id)
    .replace('{pieceId}', pieceId)
    .replace('{filId}', INCONNU)
    .replace('{pieceJointeId}', INCONNU);
  const headers = { 'if-match': '1', 'idempotency-key': `brouillon-${Math.random()}` };
  return method === 'GET' || method === 'DELETE' ? { chemin, headers } : { chemin, body: {}, headers };
}

const routesDossier = routes.filter((r) => r.path.startsWith('/dossiers/{id}') || r.path.startsWith('/gestion/dossiers/{id}'));

describe('a brouillon seen by OI staff', () => {
  it('covers every route that takes a dossier id', () => {
    expect(routesDossier.length).toBeGreaterThan(30);
  });

  for (const route of routesDossier) {
    it(`answers as for a nonexistent dossier: ${route.method} ${route.path}`, async () => {
      for (const as of STAFF) {
        const appel = (id: string) => {
          const q = requete(route.method, route.path, id);
          const f = route.method === 'GET' ? api.get : route.method === 'PUT' ? api.put : route.method === 'DELETE' ? api.del : api.post;
          return f(q.chemin, { as, headers: q.headers, ...(q.body !== undefined ? { body: q.body } : {}) });
        };
        const [b, n] = [await appel(brouillon.id), await appel(INCONNU)];
        const quoi = `${route.method} ${route.path} (${as}) : ${b.status} ${JSON.stringify(b.body).slice(0, 160)}`;
        expect(b.status, quoi).not.toBe(200);
        expect(b.status, quoi).not.toBe(201);
        // Same answer as for an id that does not exist: the brouillon's existence is not revealed.
        expect([b.status, b.body?.code], quoi).toEqual([n.status, n.body?.code]);
      }
    });
  }

  it('cannot be put on a comité’s agenda nor read through a comité, as if it did not exist', async () => {
    const c = await api.post('/comites', {
      as: STAFF[0],
      body: { aapId, plie: 'haut-perigord', date: '2099-01-15', heure: '14:00', lieu: 'Périgueux', membres: ['comite1@guichet.test', 'comite2@guichet.test'], president: 'comite1@guichet.test' },
    });
    expect(c.status).toBe(201);
    for (const as of STAFF) {
      const ordre = async (id: string) => api.post(`/comites/${c.body.id}/ordre-du-jour`, { as, body: { dossierIds: [id], publier: false } });
      const [b, n] = [await ordre(brouillon.id), await ordre(INCONNU)];
      expect(b.status, JSON.stringify(b.body)).toBeGreaterThanOrEqual(400);
      expect([b.status, b.body.code, b.body.message.replace(brouillon.id, 'ID')]).toEqual([n.status, n.body.code, n.body.message.replace(INCONNU, 'ID')]);
      const lire = async (id: string) => api.get(`/comites/${c.body.id}/dossiers/${id}`, { as });
      const [lb, ln] = [await lire(brouillon.id), await lire(INCONNU)];
      expect([lb.status, lb.body.code]).toEqual([ln.status, ln.body.code]);
    }
  });

  it('is in no list, export, search or dashboard of the OI', async () => {
    for (const as of STAFF) {
      const liste = await api.get(`/gestion/dossiers?aapId=${aapId}&limit=100`, { as });
      expect(liste.status).toBe(200);
      expect(liste.body.items.map((d: { id: string }) => d.id)).not.toContain(brouillon.id);
      const filtre = await api.get(`/gestion/dossiers?aapId=${aapId}&statut=brouillon`, { as });
      expect(filtre.body.items ?? []).toEqual([]);
      for (const format of ['csv', 'xlsx']) {
        const { fichier } = await exporter(api, as, { aapId, format });
        // The XLSX is a ZIP whose sheet is compressed: its cells are read back with the library that wrote them.
        const texte = format === 'csv'
          ? fichier.toString('utf8')
          : JSON.stringify((await new ExcelJS.Workbook().xlsx.load(fichier as unknown as ArrayBuffer)).worksheets[0]!.getSheetValues());
        expect(texte.length).toBeGreaterThan(20);
        expect(texte.includes(brouillon.reference) || texte.includes(brouillon.id), `export ${format}`).toBe(false);
      }
      for (const q of [brouillon.reference, 'brouillon privé']) {
        const r = await api.get(`/gestion/recherche?q=${encodeURIComponent(q)}`, { as });
        expect(r.status).toBe(200);
        expect(r.body.items.map((d: { id: string }) => d.id)).not.toContain(brouillon.id);
      }
      const tdb = await api.get('/gestion/tableau-de-bord', { as });
      expect(tdb.status).toBe(200);
      expect(JSON.stringify(tdb.body)).not.toContain(brouillon.id);
    }
  });

  it('stays readable by its organisation', async () => {
    expect((await api.get(`/dossiers/${brouillon.id}`, { as: P1 })).status).toBe(200);
    expect((await api.get(`/dossiers/${brouillon.id}/pieces/${pieceId}/telechargement`, { as: P1 })).status).toBe(200);
  });
});
