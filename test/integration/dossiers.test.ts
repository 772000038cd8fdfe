import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Guichet } from '#local/server';
import { client, demarrerGuichet } from './helpers';
import { aapOuvert, cle, complet, organisation, planEquilibre, siret } from './dossiers-helpers';

let g: Guichet;
let api: ReturnType<typeof client>;
let aap: { id: string; reference: string };
const P1 = 'porteur@guichet.test';
const P2 = 'porteur2@guichet.test';
const OI = 'oi@guichet.test';

beforeAll(async () => {
  g = await demarrerGuichet({ seed: true });
  api = client(g);
  aap = await aapOuvert(api);
});
afterAll(async () => g?.stop());

describe('organisations', () => {
  it('registers an organisation with a valid SIRET and lists it for its signataire', async () => {
    const org = await organisation(api, P1, 'Régie de quartier Agen Nord');
    const mes = await api.get('/organisations', { as: P1 });
    expect(mes.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ id: org.id, monRole: 'signataire' })]));
    expect((await api.get('/organisations', { as: P2 })).body.items.map((o: { id: string }) => o.id)).not.toContain(org.id);
  });

  it('refuses an invalid SIRET with 400 and a SIRET already registered with 409', async () => {
    const corps = { raisonSociale: 'X', statutJuridique: 'association', adresse: { ligne1: '1 rue', codePostal: '47000', commune: 'Agen' } };
    const invalide = await api.post('/organisations', { as: P1, body: { ...corps, siret: '12345678901234' } });
    expect(invalide.status).toBe(400);
    expect(invalide.body.details[0]).toEqual({ chemin: 'corps.siret', message: expect.stringMatching(/SIRET/) });
    const s = siret('7328293200007');
    expect((await api.post('/organisations', { as: P1, body: { ...corps, siret: s } })).status).toBe(201);
    const double = await api.post('/organisations', { as: P2, body: { ...corps, siret: s } });
    expect([double.status, double.body.code]).toEqual([409, 'SIRET_DEJA_ENREGISTRE']);
  });

  it('lets a signataire invite a rédacteur, who then sees the organisation', async () => {
    const org = await organisation(api, P1);
    const r = await api.post(`/organisations/${org.id}/membres`, { as: P1, body: { email: 'Redactrice@Exemple.fr', role: 'redacteur' } });
    expect(r.status).toBe(201);
    const vue = await api.get('/organisations', { as: 'redactrice@exemple.fr' });
    expect(vue.body.items).toEqual([expect.objectContaining({ id: org.id, monRole: 'redacteur' })]);
    const refuse = await api.post(`/organisations/${org.id}/membres`, { as: 'redactrice@exemple.fr', body: { email: 'x@exemple.fr', role: 'signataire' } });
    expect(refuse.status).toBe(403);
  });
});

describe('dossiers', () => {
  it('creates exactly one dossier when 20 creations race for the same fiche and organisation', async () => {
    const org = await organisation(api, P1);
    const r = await Promise.all(
      Array.from({ length: 20 }, () => api.post('/dossiers', { as: P1, body: { aapId: aap.id, ficheCode: 'A1', organisationId: org.id } })),
    );
    expect(r.filter((x) => x.status === 201)).toHaveLength(1);
    expect(r.filter((x) => x.status === 409).every((x) => x.body.code === 'DOSSIER_EXISTANT')).toBe(true);
    const mes = await api.get('/dossiers', { as: P1 });
    expect(mes.body.items.filter((d: { organisationId: string; ficheCode: string }) => d.organisationId === org.id && d.ficheCode === 'A1')).toHaveLength(1);
  });

  it('pre-fills the draft from the fiche and refuses an unknown fiche with 400', async () => {
    const org = await organisation(api, P1);
    const d = await api.post('/dossiers', { as: P1, body: { aapId: aap.id, ficheCode: 'HP1', organisationId: org.id } });
    expect(d.status).toBe(201);
    expect(d.body.statut).toBe('brouillon');
    expect(d.body.contenu.indicateurs.length).toBeGreaterThan(0);
    expect(d.body.contenu.calendrier.debut).toMatch(/-01-01$/);
    const inconnue = await api.post('/dossiers', { as: P1, body: { aapId: aap.id, ficheCode: 'ZZ9', organisationId: org.id } });
    expect([inconnue.status, inconnue.body.details[0].chemin]).toEqual([400, 'corps.ficheCode']);
  });

  it('refuses dates outside the fiche period, negative and fractional amounts with 400', async () => {
    const org = await organisation(api, P1);
    const d = (await api.post('/dossiers', { as: P1, body: { aapId: aap.id, ficheCode: 'A2', organisationId: org.id } })).body;
    const annee = d.contenu.calendrier.debut.slice(0, 4);
    const hors = await api.put(`/dossiers/${d.id}`, { as: P1, headers: { 'if-match': '1' }, body: { ...d.contenu, calendrier: { debut: `${Number(annee) - 1}-12-01`, fin: `${annee}-06-30` } } });
    expect([hors.status, hors.body.details[0].chemin]).toEqual([400, 'corps.calendrier.debut']);
    const negatif = await api.put(`/dossiers/${d.id}`, { as: P1, headers: { 'if-match': '1' }, body: complet(d, planEquilibre(-100, 0)) });
    expect(negatif.status).toBe(400);
    const fraction = await api.put(`/dossiers/${d.id}`, { as: P1, headers: { 'if-match': '1' }, body: complet(d, planEquilibre(100.5, 0)) });
    expect(fraction.status).toBe(400);
    expect((await api.get(`/dossiers/${d.id}`, { as: P1 })).body.version).toBe(1);
  });

  it('lets exactly one of two concurrent edits from the same version win', async () => {
    const org = await organisation(api, P1);
    const d = (await api.post('/dossiers', { as: P1, body: { aapId: aap.id, ficheCode: 'A3', organisationId: org.id } })).body;
    const ecrire = (intitule: string) => api.put(`/dossiers/${d.id}`, { as: P1, headers: { 'if-match': '1' }, body: { ...d.contenu, intitule } });
    const [a, b] = await Promise.all([ecrire('Version A'), ecrire('Version B')]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const gagnant = a.status === 200 ? 'Version A' : 'Version B';
    expect((await api.get(`/dossiers/${d.id}`, { as: P1 })).body.contenu.intitule).toBe(gagnant);
  });

  it('reports the plan controls with stable codes', async () => {
    const org = await organisation(api, P1);
    const d = (await api.post('/dossiers', { as: P1, body: { aapId: aap.id, ficheCode: 'HP1', organisationId: org.id } })).body;
    // 10 000 € personnel + 700 € forfait = 10 700 €; FSE 8 560,01 € = 80,0001 % → too much FSE, too few contreparties.
    const r = await api.put(`/dossiers/${d.id}`, { as: P1, headers: { 'if-match': '1' }, body: complet(d, planEquilibre(1_000_000, 856_001)) });
    expect(r.status).toBe(200);
    const c = await api.get(`/dossiers/${d.id}/plan-financement/controles`, { as: P1 });
    expect(c.body.totaux.coutTotal).toBe(1_070_000);
    expect(c.body.violations.map((v: { code: string }) => v.code).sort()).toEqual(['CONTREPARTIES_INSUFFISANTES', 'TAUX_FSE_EXCESSIF']);
    expect(c.body.violations.every((v: { source: string; message: string }) => v.source.length > 0 && v.message.length > 0)).toBe(true);
  });
});

describe('isolation between organisations', () => {
  it('hides porteur’s dossier from porteur2: read, edit, controls, deposit and receipt all answer 404', async () => {
    const org = await organisation(api, P1);
    const d = (await api.post('/dossiers', { as: P1, body: { aapId: aap.id, ficheCode: 'B1', organisationId: org.id } })).body;
    const reponses = await Promise.all([
      api.get(`/dossiers/${d.id}`, { as: P2 }),
      api.put(`/dossiers/${d.id}`, { as: P2, headers: { 'if-match': '1' }, body: d.contenu }),
      api.get(`/dossiers/${d.id}/plan-financement/controles`, { as: P2 }),
      api.post(`/dossiers/${d.id}/depot`, { as: P2, headers: { 'idempotency-key': cle() } }),
      api.get(`/dossiers/${d.id}/accuse-depot.pdf`, { as: P2 }),
      api.post('/dossiers', { as: P2, body: { aapId: aap.id, ficheCode: 'B2', organisationId: org.id } }),
    ]);
    expect(reponses.map((r) => r.status)).toEqual([404, 404, 404, 404, 404, 404]);
    expect((await api.get('/dossiers', { as: P2 })).body.items.map((x: { id: string }) => x.id)).not.toContain(d.id);
    expect((await api.get(`/dossiers/${d.id}`, { as: P1 })).body.version).toBe(1);
  });

  it('hides a draft from OI staff until it is deposited', async () => {
    const org = await organisation(api, P1);
    const d = (await api.post('/dossiers', { as: P1, body: { aapId: aap.id, ficheCode: 'B3', organisationId: org.id } })).body;
    expect((await api.get(`/dossiers/${d.id}`, { as: OI })).status).toBe(404);
  });
});

describe('demo organisations', () => {
  it('gives porteur and porteur2 one organisation each, kept across restarts of the seed', async () => {
    const { seed } = await import('#local/seed');
    await seed();
    const [a, b] = await Promise.all([api.get('/organisations', { as: P1 }), api.get('/organisations', { as: P2 })]);
    const demo = (r: typeof a) => r.body.items.filter((o: { siret: string }) => ['44306184100047', '50132445800022'].includes(o.siret));
    expect(demo(a).map((o: { raisonSociale: string }) => o.raisonSociale)).toEqual(['Association Cap Emploi Agenais']);
    expect(demo(b).map((o: { raisonSociale: string }) => o.raisonSociale)).toEqual(['Régie de quartier Bordeaux Nord']);
  });
});
