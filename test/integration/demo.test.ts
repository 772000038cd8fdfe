import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Guichet } from '#local/server';
import { seedDossiersDemo } from '#local/demo-dossiers';
import { client, demarrerGuichet } from './helpers';

let g: Guichet;
let api: ReturnType<typeof client>;

beforeAll(async () => {
  g = await demarrerGuichet({ seed: true });
  api = client(g);
}, 120_000);
afterAll(async () => g?.stop());

type Resume = { id: string; ficheCode: string; statut: string };
const dossiersDe = async (email: string) => ((await api.get('/dossiers', { as: email })).body.items as Resume[]).map((d) => `${d.ficheCode}:${d.statut}`).sort();

describe('demo dossiers of npm start', () => {
  it('tells the whole story through the API: drafts, dépôts, instruction and an open comité', async () => {
    await seedDossiersDemo(`${g.url}/api`);

    expect(await dossiersDe('porteur@guichet.test')).toEqual(['HP1:inscrit_comite', 'S1:brouillon']);
    expect(await dossiersDe('porteur2@guichet.test')).toEqual(['GP1:depose', 'HP2:inscrit_comite']);

    const s1 = ((await api.get('/dossiers', { as: 'porteur@guichet.test' })).body.items as Resume[]).find((d) => d.ficheCode === 'S1')!;
    const controles = (await api.get(`/dossiers/${s1.id}/plan-financement/controles`, { as: 'porteur@guichet.test' })).body;
    expect(controles.violations.map((v: { code: string }) => v.code)).toEqual(['COFINANCEMENTS_INSUFFISANTS']);

    const comites = (await api.get('/comites', { as: 'comite2@guichet.test' })).body.items;
    expect(comites).toHaveLength(1);
    expect(comites[0]).toMatchObject({ plie: 'PLIE du Haut Périgord', statut: 'ouvert', president: 'demo-comite1' });
    expect(comites[0].ordreDuJour).toHaveLength(2);
    // The members read the instructed dossiers of the agenda: rapport d'instruction included.
    const rapport = await api.get(`/dossiers/${comites[0].ordreDuJour[0]}/rapport-instruction.pdf`, { as: 'oi@guichet.test' });
    expect(rapport.status).toBe(200);
  }, 120_000);

  it('adds nothing when it runs again, as on every restart', async () => {
    const avant = [await dossiersDe('porteur@guichet.test'), await dossiersDe('porteur2@guichet.test')];
    await seedDossiersDemo(`${g.url}/api`);
    expect([await dossiersDe('porteur@guichet.test'), await dossiersDe('porteur2@guichet.test')]).toEqual(avant);
    expect((await api.get('/comites', { as: 'comite1@guichet.test' })).body.items).toHaveLength(1);
  }, 120_000);
});
