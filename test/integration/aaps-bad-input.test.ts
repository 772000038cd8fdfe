import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Guichet } from '#local/server';
import { aapDemo } from '#local/seed';
import { client, demarrerGuichet } from './helpers';

let g: Guichet;
let api: ReturnType<typeof client>;
const OI = 'oi@guichet.test';

const contenu = (reference = 'AAP-BAD-1') => JSON.parse(JSON.stringify({ ...aapDemo(new Date()), reference }));

/** What the table holds, as the OI sees it: a bad request must leave it unchanged. */
const etat = async () => JSON.stringify((await api.get('/gestion/aaps?limit=100', { as: OI })).body.items);

beforeAll(async () => {
  g = await demarrerGuichet();
  api = client(g);
  await api.post('/aaps', { as: OI, body: contenu('AAP-EXISTANT') });
});
afterAll(async () => g?.stop());

describe('bad input on AAP writes', () => {
  const cas: Array<[string, (c: any) => unknown, string]> = [
    ['an unknown field', (c) => ({ ...c, champInconnu: 1 }), 'corps'],
    ['an impossible date', (c) => ({ ...c, depot: { ...c.depot, cloture: { ...c.depot.cloture, date: '2027-02-30' } } }), 'corps.depot.cloture.date'],
    ['a closing before the opening', (c) => ({ ...c, depot: { ...c.depot, ouverture: { date: '2099-01-01', heure: '08:00', fuseau: 'Europe/Paris' } } }), 'corps.depot.cloture'],
    ['a period ending before it starts', (c) => { c.fiches[0].periode = { debut: '2027-12-31', fin: '2027-01-01' }; return c; }, 'corps.fiches[0].periode.fin'],
    ['a duplicate fiche code', (c) => ({ ...c, fiches: [...c.fiches, { ...c.fiches[3] }] }), 'corps.fiches[27].code'],
    ['a percentage above 100', (c) => { c.fiches[0].regleFinancement.maxFsePct = 120; return c; }, 'corps.fiches[0].regleFinancement.maxFsePct'],
    ['a negative percentage', (c) => { c.fiches[0].regleFinancement.minContrepartiesPct = -1; return c; }, 'corps.fiches[0].regleFinancement.minContrepartiesPct'],
    ['an unknown time zone', (c) => ({ ...c, depot: { ...c.depot, cloture: { ...c.depot.cloture, fuseau: 'Europe/Atlantis' } } }), 'corps.depot.cloture.fuseau'],
    ['an enveloppe in fractional cents', (c) => ({ ...c, enveloppeFseCentimes: 10.5 }), 'corps.enveloppeFseCentimes'],
  ];

  it.each(cas)('answers 400 with details in French when the body has %s', async (_nom, alterer, chemin) => {
    const avant = await etat();
    const r = await api.post('/aaps', { as: OI, body: alterer(contenu()) });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('REQUETE_INVALIDE');
    expect(r.body.message).toMatch(/invalide/);
    expect(r.body.details.map((d: { chemin: string }) => d.chemin)).toContain(chemin);
    expect(r.body.details.every((d: { message: string }) => !/Invalid|expected/.test(d.message))).toBe(true);
    expect(await etat()).toBe(avant);
  });

  it('answers 400 JSON_INVALIDE to malformed JSON', async () => {
    const r = await api.post('/aaps', { as: OI, raw: '{"reference": "X",' });
    expect([r.status, r.body.code]).toEqual([400, 'JSON_INVALIDE']);
  });

  it('answers 401 without a token and with a forged one', async () => {
    expect((await api.post('/aaps', { body: contenu() })).status).toBe(401);
    const forge = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"x","cognito:groups":["oi-admin"]}').toString('base64url')}.`;
    const r = await api.post('/aaps', { body: contenu(), headers: { authorization: `Bearer ${forge}` } });
    expect([r.status, r.body.code]).toEqual([401, 'NON_AUTHENTIFIE']);
  });

  it('answers 403 to a porteur writing an AAP', async () => {
    const avant = await etat();
    const r = await api.post('/aaps', { as: 'porteur@guichet.test', body: contenu('AAP-PORTEUR') });
    expect([r.status, r.body.code]).toEqual([403, 'ACCES_REFUSE']);
    expect((await api.post('/aaps/import', { as: 'porteur@guichet.test', body: contenu('AAP-PORTEUR') })).status).toBe(403);
    expect(await etat()).toBe(avant);
  });

  it('answers 403 to OI staff writing for another OI', async () => {
    const c = contenu('AAP-AUTRE-OI');
    const r = await api.post('/aaps', { as: OI, body: { ...c, organismeIntermediaire: { sigle: 'AUTRE', nom: 'Autre OI' } } });
    expect(r.status).toBe(403);
  });

  it('answers 404 to an unknown id, publicly and for the OI', async () => {
    expect((await api.get('/aaps/INCONNU')).body.code).toBe('AAP_INTROUVABLE');
    expect((await api.get('/aaps/INCONNU')).status).toBe(404);
    expect((await api.get('/gestion/aaps/INCONNU', { as: OI })).status).toBe(404);
    expect((await api.post('/aaps/INCONNU/publication', { as: OI, body: {} })).status).toBe(404);
    expect((await api.get('/aaps/INCONNU/fiches/A1')).status).toBe(404);
  });

  it('answers 409 to a second AAP with a référence already used', async () => {
    const r = await api.post('/aaps', { as: OI, body: contenu('AAP-EXISTANT') });
    expect([r.status, r.body.code]).toEqual([409, 'REFERENCE_DEJA_UTILISEE']);
  });

  it('answers 400 to unknown query parameters', async () => {
    const r = await api.get('/aaps?tri=titre');
    expect(r.status).toBe(400);
  });
});
