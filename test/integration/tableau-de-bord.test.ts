import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Guichet } from '#local/server';
import { client, demarrerGuichet } from './helpers';
import { aapOuvert, cle, complet, organisation, planEquilibre } from './dossiers-helpers';
import { piecesObligatoires } from './pieces-helpers';
import { GESTIONNAIRE, OI, P1 } from './comite-helpers';

type Api = ReturnType<typeof client>;
const AUTRE_OI = { sub: 'tdb-autre-oi', email: 'agent@autre-oi.test', groupes: ['oi-gestionnaire' as const], oi: 'AUTRE' };

async function deposer(api: Api, aapId: string, fiche: string, nomOrganisation: string, intitule: string) {
  const org = await organisation(api, P1, nomOrganisation);
  const d = (await api.post('/dossiers', { as: P1, body: { aapId, ficheCode: fiche, organisationId: org.id } })).body;
  const contenu = complet(d, planEquilibre(1_000_000, 856_000));
  await api.put(`/dossiers/${d.id}`, { as: P1, headers: { 'if-match': '1' }, body: { ...contenu, intitule } });
  await piecesObligatoires(api, P1, d.id);
  const r = await api.post(`/dossiers/${d.id}/depot`, { as: P1, headers: { 'idempotency-key': cle() } });
  if (r.status !== 200) throw new Error(`dépôt : ${JSON.stringify(r.body)}`);
  return { id: d.id as string, version: r.body.version as number, reference: r.body.reference as string, siret: org.siret };
}

describe('the OI’s tableau de bord and search', () => {
  let g: Guichet;
  let api: Api;
  let aapId: string;
  let avant: Record<string, number>;
  let elan: Awaited<ReturnType<typeof deposer>>;
  let cedre: Awaited<ReturnType<typeof deposer>>;
  let recevable: Awaited<ReturnType<typeof deposer>>;
  let jetonAutreOi: string;

  beforeAll(async () => {
    g = await demarrerGuichet({ seed: true });
    api = client(g);
    aapId = (await aapOuvert(api)).id;
    jetonAutreOi = await api.jetonPour(AUTRE_OI);
    avant = (await api.get('/gestion/tableau-de-bord', { as: GESTIONNAIRE })).body.compteurs;
    elan = await deposer(api, aapId, 'HP1', 'Association Élan Périgourdin', 'Parcours d’insertion « Œuvre commune »');
    cedre = await deposer(api, aapId, 'HP2', 'Le Cèdre Solidaire', 'Accompagnement renforcé');
    recevable = await deposer(api, aapId, 'S2', 'Atelier du Causse', 'Chantier d’insertion');
    const c = await api.post(`/dossiers/${cedre.id}/complements`, { as: GESTIONNAIRE, headers: { 'if-match': String(cedre.version) }, body: { pieces: ['RIB'], message: 'Le RIB est illisible.', dateLimite: '2099-01-31' } });
    expect(c.status).toBe(200);
    const { conditionsRecevabilite } = (await api.get(`/aaps/${aapId}/fiches/S2`)).body as { conditionsRecevabilite: string[] };
    const r = await api.post(`/dossiers/${recevable.id}/recevabilite`, {
      as: GESTIONNAIRE, headers: { 'if-match': String(recevable.version) },
      body: { decision: 'recevable', conditions: conditionsRecevabilite.map((condition) => ({ condition, remplie: true })) },
    });
    expect(r.status).toBe(200);
  }, 180_000);
  afterAll(async () => g?.stop());

  it('counts each work queue of the OI', async () => {
    const r = await api.get('/gestion/tableau-de-bord', { as: GESTIONNAIRE });
    expect(r.status).toBe(200);
    expect(r.body.oi).toBe('AGAPE');
    const c = r.body.compteurs;
    expect(c.a_examiner - avant.a_examiner!).toBe(1);
    expect(c.complements - avant.complements!).toBe(1);
    expect(c.a_instruire - avant.a_instruire!).toBe(1);
    expect(c.complements_en_retard).toBe(avant.complements_en_retard);
    expect(r.body.total).toBeGreaterThanOrEqual(3);
  });

  it('lists the deadlines to come: the AAP’s closing and the compléments due', async () => {
    const { echeances } = (await api.get('/gestion/tableau-de-bord', { as: OI })).body;
    expect(echeances).toContainEqual(expect.objectContaining({ type: 'complements', dossierId: cedre.id, le: '2099-01-31', enRetard: false }));
    expect(echeances).toContainEqual(expect.objectContaining({ type: 'cloture_aap', aapId }));
  });

  it('finds dossiers by words of their organisation or intitulé, whatever the accents and case', async () => {
    const chercher = async (q: string) => ((await api.get(`/gestion/recherche?q=${encodeURIComponent(q)}`, { as: GESTIONNAIRE })).body.items as Array<{ id: string }>).map((d) => d.id);
    expect(await chercher('elan PERIGOURDIN')).toEqual([elan.id]);
    expect(await chercher('Élan')).toEqual([elan.id]);
    expect(await chercher('oeuvre commune')).toEqual([elan.id]);
    expect(await chercher('cedre')).toEqual([cedre.id]);
    expect(await chercher(elan.reference.toLowerCase())).toEqual([elan.id]);
    expect(await chercher(cedre.siret.slice(0, 9))).toEqual([cedre.id]);
    expect(await chercher('aucun dossier ne contient ceci')).toEqual([]);
  });

  it('filters by work queue and pages the results', async () => {
    const file = (await api.get('/gestion/recherche?file=complements', { as: GESTIONNAIRE })).body;
    expect(file.items.map((d: { id: string }) => d.id)).toContain(cedre.id);
    expect(file.items.every((d: { statut: string; dateLimiteComplements: string }) => d.statut === 'complement_demande' && d.dateLimiteComplements)).toBe(true);
    const p1 = (await api.get(`/gestion/recherche?aapId=${aapId}&limit=1`, { as: GESTIONNAIRE })).body;
    expect(p1.items).toHaveLength(1);
    expect(p1.total).toBeGreaterThanOrEqual(3);
    const p2 = (await api.get(`/gestion/recherche?aapId=${aapId}&limit=1&cursor=${p1.cursor}`, { as: GESTIONNAIRE })).body;
    expect(p2.items[0].id).not.toBe(p1.items[0].id);
  });

  it('refuses a bad filter or cursor with a 400 in French', async () => {
    for (const q of ['file=inconnue', 'cursor=abc', 'limit=0', 'statut=perdu']) {
      const r = await api.get(`/gestion/recherche?${q}`, { as: GESTIONNAIRE });
      expect(r.status, q).toBe(400);
      expect(typeof r.body.code).toBe('string');
      expect(r.body.message).toMatch(/[a-zé]/);
    }
  });

  it('keeps « mes dossiers » per person: the instructeur who took it, the agents who follow it', async () => {
    const pris = await api.put(`/dossiers/${elan.id}/instructeur`, { as: GESTIONNAIRE, body: { instructeur: 'moi' } });
    expect(pris.status).toBe(200);
    expect(pris.body.instructeur).toMatchObject({ userId: 'demo-gestionnaire' });
    const suivi = await api.put(`/dossiers/${elan.id}/suivi`, { as: OI, body: { suivre: true } });
    expect(suivi.body).toMatchObject({ suivi: true, suiveurs: [expect.objectContaining({ userId: 'demo-oi-admin' })] });

    const tdbG = (await api.get('/gestion/tableau-de-bord', { as: GESTIONNAIRE })).body;
    expect(tdbG.mesDossiers.map((d: { id: string }) => d.id)).toEqual([elan.id]);
    expect(tdbG.suivis).toEqual([]);
    const tdbA = (await api.get('/gestion/tableau-de-bord', { as: OI })).body;
    expect(tdbA.mesDossiers).toEqual([]);
    expect(tdbA.suivis.map((d: { id: string; instructeur: { nom: string } }) => [d.id, !!d.instructeur])).toEqual([[elan.id, true]]);
    const mes = (await api.get('/gestion/recherche?vue=mes_dossiers', { as: GESTIONNAIRE })).body.items;
    expect(mes.map((d: { id: string }) => d.id)).toEqual([elan.id]);
    expect((await api.get(`/dossiers/${elan.id}/affectation`, { as: GESTIONNAIRE })).body).toMatchObject({ suivi: false, instructeur: { userId: 'demo-gestionnaire' } });

    expect((await api.put(`/dossiers/${elan.id}/suivi`, { as: OI, body: { suivre: false } })).body.suiveurs).toEqual([]);
    expect((await api.put(`/dossiers/${elan.id}/instructeur`, { as: OI, body: { instructeur: null } })).body.instructeur).toBeNull();
    expect((await api.get('/gestion/tableau-de-bord', { as: GESTIONNAIRE })).body.mesDossiers).toEqual([]);
  });

  it('refuses a malformed assignment with a 400', async () => {
    for (const body of [{ instructeur: 'lui' }, {}, { suivre: 'oui' }]) {
      const chemin = 'suivre' in body ? 'suivi' : 'instructeur';
      const r = await api.put(`/dossiers/${elan.id}/${chemin}`, { as: GESTIONNAIRE, body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.code).toBeTruthy();
    }
  });

  it('shows another OI nothing of these dossiers, and porteurs no tableau de bord', async () => {
    const tdb = await api.get('/gestion/tableau-de-bord', { jeton: jetonAutreOi });
    expect(tdb.status).toBe(200);
    expect([tdb.body.total, tdb.body.mesDossiers, tdb.body.echeances]).toEqual([0, [], []]);
    const r = await api.get(`/gestion/recherche?q=${encodeURIComponent(elan.reference)}`, { jeton: jetonAutreOi });
    expect([r.status, r.body.items, r.body.total]).toEqual([200, [], 0]);
    expect((await api.get(`/dossiers/${elan.id}/affectation`, { jeton: jetonAutreOi })).status).toBe(404);
    expect((await api.put(`/dossiers/${elan.id}/instructeur`, { jeton: jetonAutreOi, body: { instructeur: 'moi' } })).status).toBe(404);
    expect((await api.put(`/dossiers/${elan.id}/suivi`, { jeton: jetonAutreOi, body: { suivre: true } })).status).toBe(404);
    expect((await api.get('/gestion/tableau-de-bord', { as: P1 })).status).toBe(403);
    expect((await api.put(`/dossiers/${elan.id}/suivi`, { as: P1, body: { suivre: true } })).status).toBe(403);
  });
});
