import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Guichet } from '#local/server';
import { dynamo } from '#shared/repositories/clients';
import { client, demarrerGuichet } from './helpers';
import { aapOuvert } from './dossiers-helpers';
import { dossierInstruit, GESTIONNAIRE, OI, P1 } from './comite-helpers';

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

/** Successive contracts worth 1 100 h and 213 days (30 weeks) in 2022, the 12 months before `date` (early 2023). */
const successifs1100 = (date: string) => ({
  situation: 'contrats_successifs', date, tempsPlein: true,
  contrats: [
    { debut: '2022-04-01', fin: '2022-06-30', heures: 500, employeur: 'Mairie de Bordeaux', nature: 'cdd' },
    { debut: '2022-08-01', fin: '2022-09-30', heures: 300, agence: 'Intérim Gironde', nature: 'interim' },
    { debut: '2022-11-01', fin: '2022-12-31', heures: 300, employeur: 'Particulier employeur', nature: 'cesu' },
  ],
});

/** Bordeaux's COPIL lowers the 1 200 h of « contrats successifs » (criterion 1 of BORDEAUX-SUCCESSIFS) to 1 000 h from D. */
const D = '2023-03-01';
const NOUVELLE = {
  valideDu: D, decisionCopil: 'COPIL du PLIE de Bordeaux, relevé de décisions n° 2023-02',
  seuils: [{ regle: 'BORDEAUX-SUCCESSIFS', critere: 1, champ: 'heures', valeur: 1000 }],
};

describe('PLIE exit rules: a new version entered by the OI (item 5)', () => {
  it('a draft is previewed before it is saved, and nothing is stored', async () => {
    const r = await api.post('/plies/bordeaux/regles-sorties/apercu', { as: OI, body: { sorties: [successifs1100('2023-02-28'), successifs1100(D)], brouillon: { valideDu: D, seuils: NOUVELLE.seuils } } });
    expect(r.status).toBe(200);
    expect(r.body.brouillon).toMatchObject({ version: `bordeaux-${D}`, base: 'bordeaux-2021', decisionCopil: null });
    expect(r.body.resultats).toMatchObject([
      { version: 'bordeaux-2021', categorie: 'non_retenue', positive: false },
      { version: `bordeaux-${D}`, categorie: 'emploi_durable', positive: true, regle: 'BORDEAUX-SUCCESSIFS' },
    ]);
    expect((await api.get('/plies/bordeaux/regles-sorties', { as: OI })).body.versions).toHaveLength(1);
  });

  it('refuses a gestionnaire (403), another OI (404), a missing COPIL reference (400) and an unknown threshold (422); nothing is stored', async () => {
    const g403 = await api.post('/plies/bordeaux/regles-sorties', { as: GESTIONNAIRE, body: NOUVELLE });
    expect(g403.status).toBe(403);
    const autre = await api.jetonPour({ sub: 'regles-autre-admin', email: 'admin@autre-oi.test', groupes: ['oi-admin'], oi: 'AUTRE' });
    expect((await api.post('/plies/bordeaux/regles-sorties', { jeton: autre, body: NOUVELLE })).status).toBe(404);
    expect((await api.post('/plies/bordeaux/regles-sorties', { as: P1, body: NOUVELLE })).status).toBe(403);
    const sansCopil = await api.post('/plies/bordeaux/regles-sorties', { as: OI, body: { ...NOUVELLE, decisionCopil: ' ' } });
    expect(sansCopil.status).toBe(400);
    const inconnu = await api.post('/plies/bordeaux/regles-sorties', { as: OI, body: { ...NOUVELLE, seuils: [{ regle: 'BORDEAUX-CDI', critere: 0, champ: 'heures', valeur: 1000 }] } });
    expect(inconnu.status).toBe(422);
    expect(inconnu.body.code).toBe('SEUIL_INVALIDE');
    expect(inconnu.body.details[0].chemin).toBe('seuils.0.champ');
    expect((await api.get('/plies/bordeaux/regles-sorties', { as: OI })).body.versions).toHaveLength(1);
  });

  it('stores the version valid from D: a sortie of D−1 with 1 100 h is judged by the old one (not retained), one of D by the new one (positive)', async () => {
    const r = await api.post('/plies/bordeaux/regles-sorties', { as: OI, body: NOUVELLE });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ plie: 'bordeaux', version: `bordeaux-${D}`, valideDu: D, base: 'bordeaux-2021', decisionCopil: { reference: NOUVELLE.decisionCopil }, saisie: { par: OI } });
    const regle = r.body.regles.find((x: { code: string }) => x.code === 'BORDEAUX-SUCCESSIFS');
    expect(regle.criteres[1].seuils).toMatchObject({ semaines: 39, heures: 1000 });
    expect(regle.lecture).toMatch(/cumul \(heures\) : 1\s200 → 1\s000/);

    const liste = await api.get('/plies/bordeaux/regles-sorties', { as: GESTIONNAIRE });
    expect(liste.body.versions.map((v: { version: string }) => v.version)).toEqual(['bordeaux-2021', `bordeaux-${D}`]);
    expect(liste.body.enVigueur).toBe(`bordeaux-${D}`);

    const a = await api.post('/plies/bordeaux/regles-sorties/apercu', { as: GESTIONNAIRE, body: { sorties: [successifs1100('2023-02-28'), successifs1100(D)] } });
    expect(a.body.resultats).toMatchObject([
      { version: 'bordeaux-2021', categorie: 'non_retenue', positive: false },
      { version: `bordeaux-${D}`, categorie: 'emploi_durable', positive: true },
    ]);
    expect(a.body.resultats[0].motif).toContain('moins que 1200 h');
  });

  it('a second version on the same date is a conflict (409); a date before the latest is refused (422); nothing is stored', async () => {
    const meme = await api.post('/plies/bordeaux/regles-sorties', { as: OI, body: { ...NOUVELLE, seuils: [] } });
    expect(meme.status).toBe(409);
    expect(meme.body.code).toBe('VERSION_REGLES_EXISTANTE');
    const avant = await api.post('/plies/bordeaux/regles-sorties', { as: OI, body: { ...NOUVELLE, valideDu: '2022-06-01' } });
    expect(avant.status).toBe(422);
    expect(avant.body.code).toBe('VERSION_REGLES_ANTERIEURE');
    expect(avant.body.message).toMatch(/postérieure au 2023-03-01/);
    const brouillonAvant = await api.post('/plies/bordeaux/regles-sorties/apercu', { as: OI, body: { sorties: [successifs1100(D)], brouillon: { valideDu: '2022-06-01' } } });
    expect(brouillonAvant.status).toBe(422);
    expect((await api.get('/plies/bordeaux/regles-sorties', { as: OI })).body.versions).toHaveLength(2);
  });

  it('a participant’s exit on a Bordeaux dossier, dated after D, is judged by the new version', async () => {
    const d = await dossierInstruit(api, (await aapOuvert(api)).id, 'HP1');
    await dynamo().send(new UpdateCommand({
      TableName: g.tableName, Key: { pk: `DOSSIER#${d.id}`, sk: 'META' },
      UpdateExpression: 'SET plieId = :p', ExpressionAttributeValues: { ':p': 'bordeaux' },
    }));
    const participant = {
      identite: {
        nom: 'Garcia', prenom: 'Lucie', dateNaissance: '1990-04-12', sexe: 'femme', naissance: { commune: 'Bordeaux', codePostal: '33000' },
        adresse: { ligne: '2 cours Victor Hugo', codePostal: '33000', commune: 'Bordeaux' }, telephoneMobile: null, telephoneDomicile: null, courriel: null,
      },
      dateEntree: '2026-01-05',
      questionnaire: { questionnaire: 'FSEPLUS-2021-1057', reponses: { Q1a: 'non', Q1b: 'non', Q1c: 'non', Q1d: 'non', Q1e: 'non', Q1f: 'oui', Q1g: 8, Q2: '2b', Q3: 'non', Q4: 'non', Q5: 'nsp', Q6: 'non', Q7: 'non' } },
      plie: { prescripteur: 'Mission locale', decisionCommission: null, contratEngagementSigneLe: null },
      notice: { remiseLe: '2026-01-05', mode: 'papier' },
    };
    const p = await api.post(`/dossiers/${d.id}/participants`, { as: P1, body: participant });
    expect(p.status).toBe(201);
    // 1 100 h of successive contracts in 2026 (30 weeks): not enough under bordeaux-2021, enough from D.
    const sortie = {
      date: '2026-11-02', situation: 'contrats_successifs', tempsPlein: true,
      contrats: [
        { debut: '2026-02-01', fin: '2026-04-30', heures: 500, employeur: 'Mairie de Bordeaux', nature: 'cdd' },
        { debut: '2026-06-01', fin: '2026-07-31', heures: 300, agence: 'Intérim Gironde', nature: 'interim' },
        { debut: '2026-09-01', fin: '2026-10-31', heures: 300, employeur: 'Particulier employeur', nature: 'cesu' },
      ],
    };
    const s = await api.post(`/dossiers/${d.id}/participants/${p.body.id}/sortie`, { as: P1, headers: { 'if-match': String(p.body.version) }, body: sortie });
    expect(s.status).toBe(200);
    const lu = await api.get(`/dossiers/${d.id}/participants/${p.body.id}`, { as: GESTIONNAIRE });
    expect(lu.status).toBe(200);
    expect(lu.body.qualification).toMatchObject({ version: `bordeaux-${D}`, regle: 'BORDEAUX-SUCCESSIFS', categorie: 'emploi_durable', positive: true });
  }, 120_000);
});

describe('PLIE exit rules: rules added and dropped, a first version for a PLIE without rules', () => {
  const CDI_6_MOIS = {
    code: 'SOURCES-CDI', libelle: 'CDI — 6 mois ou plus dans l’emploi', groupe: 'SORTIES POSITIVES', categorie: 'emploi_durable',
    situations: ['cdi'], criteres: [{ type: 'anciennete', mois: 6, memeEmployeur: false }],
  };
  const ABANDON = { code: 'SOURCES-ABANDON', libelle: 'Abandon de parcours', groupe: 'SORTIES NEGATIVES', categorie: 'negative', situations: ['abandon'], criteres: [] };
  const cdi = (date: string) => ({ situation: 'cdi', date, tempsPlein: true, debut: '2024-01-02' });

  it('refuses a malformed rule (400) and a first version without rules (422); nothing is stored', async () => {
    const mauvais = await api.post('/plies/sources/regles-sorties', { as: OI, body: { valideDu: '2024-01-01', decisionCopil: 'COPIL 2023-12', ajoutees: [{ ...CDI_6_MOIS, criteres: [{ type: 'anciennete', mois: -1, memeEmployeur: false }] }] } });
    expect(mauvais.status).toBe(400);
    const code = await api.post('/plies/sources/regles-sorties', { as: OI, body: { valideDu: '2024-01-01', decisionCopil: 'COPIL 2023-12', ajoutees: [{ ...CDI_6_MOIS, code: 'cdi minuscule' }] } });
    expect(code.status).toBe(400);
    const vide = await api.post('/plies/sources/regles-sorties', { as: OI, body: { valideDu: '2024-01-01', decisionCopil: 'COPIL 2023-12' } });
    expect(vide.status).toBe(422);
    expect(vide.body.code).toBe('AUCUNE_VERSION_DE_BASE');
    expect((await api.get('/plies/sources/regles-sorties', { as: OI })).body.versions).toEqual([]);
  });

  it('the PLIE des Sources gets its first version from added rules; it judges the sorties from its date, earlier ones stay « à qualifier »', async () => {
    const r = await api.post('/plies/sources/regles-sorties', { as: OI, body: { valideDu: '2024-01-01', decisionCopil: 'COPIL 2023-12', dateDecisionCopil: '2023-12-12', ajoutees: [CDI_6_MOIS, ABANDON] } });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ version: 'sources-2024-01-01', decisionCopil: { reference: 'COPIL 2023-12', date: '2023-12-12' }, regles: [{ code: 'SOURCES-CDI', positive: true }, { code: 'SOURCES-ABANDON', positive: false }] });
    expect(r.body.base).toBeUndefined();
    const a = await api.post('/plies/sources/regles-sorties/apercu', { as: GESTIONNAIRE, body: { sorties: [cdi('2023-12-31'), cdi('2024-09-02'), { situation: 'abandon', date: '2024-09-02', tempsPlein: true }] } });
    expect(a.status).toBe(200);
    expect(a.body.resultats).toMatchObject([
      { categorie: 'a_qualifier' },
      { version: 'sources-2024-01-01', regle: 'SOURCES-CDI', categorie: 'emploi_durable', positive: true },
      { version: 'sources-2024-01-01', regle: 'SOURCES-ABANDON', categorie: 'negative', positive: false },
    ]);
  });

  it('a later version drops a rule and adds another; a code already taken is refused (422)', async () => {
    const pris = await api.post('/plies/sources/regles-sorties', { as: OI, body: { valideDu: '2025-01-01', decisionCopil: 'COPIL 2024-12', ajoutees: [ABANDON] } });
    expect(pris.status).toBe(422);
    expect(pris.body).toMatchObject({ code: 'VERSION_REGLES_INVALIDE', details: [{ chemin: 'ajoutees.0.code' }] });
    const r = await api.post('/plies/sources/regles-sorties', {
      as: OI,
      body: { valideDu: '2025-01-01', decisionCopil: 'COPIL 2024-12', retirees: ['SOURCES-CDI'], ajoutees: [{ ...CDI_6_MOIS, code: 'SOURCES-CDI-3', libelle: 'CDI — 3 mois', criteres: [{ type: 'anciennete', mois: 3, memeEmployeur: false }] }] },
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ base: 'sources-2024-01-01', lecture: 'Par rapport à sources-2024-01-01 : Règles retirées : SOURCES-CDI. Règles ajoutées : SOURCES-CDI-3.' });
    const liste = await api.get('/plies/sources/regles-sorties', { as: OI });
    expect(liste.body.versions.map((v: { version: string; regles: { code: string }[] }) => [v.version, v.regles.map((x) => x.code)])).toEqual([
      ['sources-2024-01-01', ['SOURCES-CDI', 'SOURCES-ABANDON']],
      ['sources-2025-01-01', ['SOURCES-ABANDON', 'SOURCES-CDI-3']],
    ]);
  });
});
