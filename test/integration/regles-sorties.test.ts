import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Guichet } from '#local/server';
import { client, demarrerGuichet } from './helpers';
import { GESTIONNAIRE, OI, P1 } from './comite-helpers';

let g: Guichet;
let api: ReturnType<typeof client>;

/** Bordeaux l.1580–1585 (the cases of test/unit/domain/sortie.test.ts): three contracts in 2021, 211 days (30 weeks). */
const successifs = (dernier: number) => ({
  situation: 'contrats_successifs', date: '2021-12-31', tempsPlein: true,
  contrats: [
    { debut: '2021-02-01', fin: '2021-04-30', heures: 520, employeur: 'Mairie de Bordeaux', nature: 'cdd' },
    { debut: '2021-06-01', fin: '2021-07-31', heures: 360, agence: 'Intérim Gironde', nature: 'interim' },
    { debut: '2021-09-01', fin: '2021-10-31', heures: dernier, employeur: 'Particulier employeur', nature: 'cesu' },
  ],
});

beforeAll(async () => {
  g = await demarrerGuichet({ seed: true });
  api = client(g);
}, 120_000);
afterAll(async () => g?.stop());

describe('PLIE exit rules: read by the OI', () => {
  it('lists Bordeaux’s version with its rules, categories, criteria and sources, and the one in force today', async () => {
    const r = await api.get('/plies/bordeaux/regles-sorties', { as: GESTIONNAIRE });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ plie: { id: 'bordeaux', oi: 'AGAPE' }, enVigueur: 'bordeaux-2021' });
    expect(r.body.versions.map((v: { version: string }) => v.version)).toEqual(['bordeaux-2021']);
    const v = r.body.versions[0];
    expect(v).toMatchObject({ plie: 'bordeaux', valideDu: '2021-01-01', source: expect.stringContaining('seed 002') });
    expect(v).toHaveProperty('decisionCopil');
    const successifs = v.regles.find((x: { code: string }) => x.code === 'BORDEAUX-SUCCESSIFS');
    expect(successifs).toMatchObject({ categorie: 'emploi_durable', libelleCategorie: 'sortie positive — emploi durable', positive: true, source: expect.stringContaining('seed 002') });
    expect(successifs.criteres).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'cumul', seuils: expect.objectContaining({ heures: 1200 }) })]));
    expect(typeof successifs.libelle).toBe('string');
  });

  it('a PLIE without rules answers an empty list: its sorties are « à qualifier »', async () => {
    const r = await api.get('/plies/sources/regles-sorties', { as: OI });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ versions: [], enVigueur: null });
    expect(r.body.message).toMatch(/« à qualifier »/);
  });

  it('a porteur is refused (403); another OI’s agent is told the PLIE does not exist (404)', async () => {
    expect((await api.get('/plies/bordeaux/regles-sorties', { as: P1 })).status).toBe(403);
    expect((await api.post('/plies/bordeaux/regles-sorties/apercu', { as: P1, body: { sorties: [successifs(320)] } })).status).toBe(403);
    const autre = await api.jetonPour({ sub: 'regles-autre-oi', email: 'agent@autre-oi.test', groupes: ['oi-gestionnaire'], oi: 'AUTRE' });
    expect((await api.get('/plies/bordeaux/regles-sorties', { jeton: autre })).status).toBe(404);
    expect((await api.post('/plies/bordeaux/regles-sorties/apercu', { jeton: autre, body: { sorties: [successifs(320)] } })).status).toBe(404);
    expect((await api.get('/plies/inconnu/regles-sorties', { as: OI })).status).toBe(404);
  });
});

describe('PLIE exit rules: preview on sample cases', () => {
  it('1 200 h of successive contracts over 12 months → positive; 1 199 h → not', async () => {
    const r = await api.post('/plies/bordeaux/regles-sorties/apercu', { as: GESTIONNAIRE, body: { sorties: [successifs(320), successifs(319)] } });
    expect(r.status).toBe(200);
    const [a, b] = r.body.resultats;
    expect(a).toMatchObject({ cas: 1, categorie: 'emploi_durable', positive: true, regle: 'BORDEAUX-SUCCESSIFS', version: 'bordeaux-2021', libelle: 'sortie positive — emploi durable' });
    expect(a.motif).toContain('1200 h cumulées');
    expect(b).toMatchObject({ cas: 2, categorie: 'non_retenue', positive: false });
    expect(b.motif).toContain('1199 h cumulées sur les 12 mois précédant la sortie, moins que 1200 h');
  });

  it('`date` judges the cases by the version in force that day; before the first version they are « à qualifier »; over 50 cases is refused', async () => {
    const avant = await api.post('/plies/bordeaux/regles-sorties/apercu', { as: OI, body: { sorties: [successifs(320)], date: '2020-06-01' } });
    expect(avant.status).toBe(200);
    expect(avant.body).toMatchObject({ version: null, resultats: [{ categorie: 'a_qualifier', positive: null }] });
    const abandon = { situation: 'abandon', date: '2020-06-01' };
    const seul = await api.post('/plies/bordeaux/regles-sorties/apercu', { as: OI, body: { sorties: [abandon] } });
    expect(seul.body).toMatchObject({ version: null, resultats: [{ categorie: 'a_qualifier' }] });
    const pendant = await api.post('/plies/bordeaux/regles-sorties/apercu', { as: OI, body: { sorties: [abandon], date: '2022-01-01' } });
    expect(pendant.body).toMatchObject({ version: 'bordeaux-2021', resultats: [{ categorie: 'negative', positive: false, version: 'bordeaux-2021' }] });
    const sansRegle = await api.post('/plies/sources/regles-sorties/apercu', { as: OI, body: { sorties: [successifs(320)] } });
    expect(sansRegle.body.resultats[0]).toMatchObject({ categorie: 'a_qualifier' });
    const trop = await api.post('/plies/bordeaux/regles-sorties/apercu', { as: OI, body: { sorties: Array.from({ length: 51 }, () => successifs(320)) } });
    expect(trop.status).toBe(400);
  });
});
