/**
 * What a dossier request reads and writes, counted on the real DynamoDB client (shared/repositories/clients.ts
 * `ecouterAppels`): its fiche, never the whole AAP; a draft save is one conditional PutItem. The error contract does
 * not move: a stale version is 409 `VERSION_PERIMEE`, a fiche a rectificatif removed 404, nothing written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Guichet } from '#local/server';
import { aapDemo } from '#local/seed';
import { dynamo, ecouterAppels, type AppelDynamo } from '#shared/repositories/clients';
import { dossierRepository } from '#shared/repositories/dossier-repository';
import { Conflit } from '#shared/domain/errors';
import { lirePublic } from '#shared/domain/aap/use-cases';
import { aapRepository } from '#shared/repositories/aap-repository';
import { client, demarrerGuichet } from './helpers';
import { cle, complet, organisation, planEquilibre } from './dossiers-helpers';
import { piecesObligatoires } from './pieces-helpers';

let g: Guichet;
let api: ReturnType<typeof client>;
let aap: { id: string; version: number };
let contenuAap: any;
const P1 = 'porteur@guichet.test';
const OI = 'oi@guichet.test';
/** The porteur's user id (local/demo-users.ts): its membership item's key. */
const PORTEUR_ID = 'demo-porteur';

beforeAll(async () => {
  g = await demarrerGuichet({ seed: true });
  api = client(g);
  contenuAap = JSON.parse(JSON.stringify({ ...aapDemo(new Date()), reference: 'AAP-APPELS-1' }));
  const cree = await api.post('/aaps', { as: OI, body: contenuAap });
  const pub = await api.post(`/aaps/${cree.body.id}/publication`, { as: OI, body: {} });
  expect(pub.status).toBe(200);
  aap = { id: cree.body.id, version: pub.body.version };
});
afterAll(async () => g?.stop());

/**
 * Until the stream's handlers (e-mails of an earlier request's outbox, polled every 250 ms) have made no DynamoDB call
 * for 600 ms: what is counted next is the request's.
 */
async function auCalme() {
  const e = ecouterAppels();
  try {
    for (let vus = -1; vus !== e.appels.length; ) {
      vus = e.appels.length;
      await new Promise((r) => setTimeout(r, 600));
    }
  } finally {
    e.arreter();
  }
}

/** The DynamoDB calls this process makes while `f` runs, once the stream's handlers are idle. */
async function appelsDe<T>(f: () => Promise<T>): Promise<{ r: T; appels: AppelDynamo[] }> {
  await auCalme();
  const e = ecouterAppels();
  try {
    return { r: await f(), appels: e.appels };
  } finally {
    e.arreter();
  }
}
/** The calls `f` makes, each with when it was sent and when it was answered (on the real client), once the stream is idle. */
async function tracer<T>(f: () => Promise<T>): Promise<{ r: T; traces: Array<{ cle: string; envoi: number; reponse?: number }> }> {
  const traces: Array<{ cle: string; envoi: number; reponse?: number }> = [];
  const nom = `traceAppels-${Date.now()}`;
  await auCalme();
  dynamo().middlewareStack.add((next, context) => async (args) => {
    const input = args.input as { Key?: { pk: string; sk: string }; Item?: { pk: string; sk: string }; KeyConditionExpression?: string; ExpressionAttributeValues?: Record<string, unknown> };
    const k = input.Key ?? input.Item;
    const cle = k ? `${k.pk}/${k.sk}` : String(input.ExpressionAttributeValues?.[':pk'] ?? input.ExpressionAttributeValues?.[':p'] ?? '');
    const t: { cle: string; envoi: number; reponse?: number } = { cle: `${String(context.commandName).replace(/Command$/, '')} ${cle}`, envoi: performance.now() };
    traces.push(t);
    const r = await next(args);
    t.reponse = performance.now();
    return r;
  }, { step: 'initialize', name: nom });
  try {
    return { r: await f(), traces };
  } finally {
    dynamo().middlewareStack.remove(nom);
  }
}
const resume1 = (a: AppelDynamo) => `${a.operation} ${a.cles.join(' + ')}`;
const resume = (appels: AppelDynamo[]) => appels.map(resume1);
const lectureDeLAap = (appels: AppelDynamo[]) => appels.filter((a) => a.operation === 'Query' && a.cles.some((c) => c.startsWith('AAP#')));

async function brouillon(ficheCode: string) {
  const org = await organisation(api, P1);
  const d = (await api.post('/dossiers', { as: P1, body: { aapId: aap.id, ficheCode, organisationId: org.id } })).body;
  return { org, d };
}

async function rectifier(changer: (c: any) => void) {
  changer(contenuAap);
  const r = await api.post(`/aaps/${aap.id}/rectificatifs`, { as: OI, body: { motif: 'Rectificatif des tests d’appels', contenu: contenuAap }, headers: { 'if-match': String(aap.version) } });
  expect(r.status).toBe(201);
  aap.version = r.body.version;
}

describe('PUT /dossiers/{id}: the fiche alone, one conditional PutItem', () => {
  it('reads the dossier, the caller’s membership and the fiche (three GetItem), then puts the dossier: no Query, no transaction', async () => {
    const { org, d } = await brouillon('HP1');
    const { r, appels } = await appelsDe(() => api.put(`/dossiers/${d.id}`, { as: P1, headers: { 'if-match': '1' }, body: complet(d, planEquilibre(1_000_000, 500_000)) }));
    expect(r.status).toBe(200);
    expect(r.body.version).toBe(2);
    // The membership and the fiche are read at the same time, once the dossier names them.
    const lus = resume(appels);
    expect([lus[0], ...lus.slice(1, 3).sort(), lus[3]]).toEqual([
      `GetItem DOSSIER#${d.id}/META`,
      `GetItem AAP#${aap.id}/FICHE#HP1`,
      `GetItem ORG#${org.id}/MEMBRE#${PORTEUR_ID}`,
      `PutItem DOSSIER#${d.id}/META`,
    ]);
    expect(lus).toHaveLength(4);
    // The dossier's index keys are kept by the plain Put: it is still listed for its organisation, as a draft of the AAP.
    const liste = await api.get('/dossiers', { as: P1 });
    expect(liste.body.items.find((x: { id: string }) => x.id === d.id)).toMatchObject({ version: 2, coutTotalCentimes: 1_070_000, fseCentimes: 500_000 });
  });

  it('on the next save of a dossier this process has read, asks for the membership and the fiche without waiting for the dossier', async () => {
    const { org, d } = await brouillon('HP2');
    expect((await api.put(`/dossiers/${d.id}`, { as: P1, headers: { 'if-match': '1' }, body: { ...d.contenu, intitule: 'Premier' } })).status).toBe(200);
    const { r, traces } = await tracer(() => api.put(`/dossiers/${d.id}`, { as: P1, headers: { 'if-match': '2' }, body: { ...d.contenu, intitule: 'Second' } }));
    expect(r.status).toBe(200);
    const de = (cle: string) => traces.find((t) => t.cle === cle)!;
    const dossier = de(`GetItem DOSSIER#${d.id}/META`);
    expect(traces.map((t) => t.cle).sort()).toEqual([`GetItem AAP#${aap.id}/FICHE#HP2`, `GetItem DOSSIER#${d.id}/META`, `GetItem ORG#${org.id}/MEMBRE#${PORTEUR_ID}`, `PutItem DOSSIER#${d.id}/META`]);
    for (const autre of [de(`GetItem AAP#${aap.id}/FICHE#HP2`), de(`GetItem ORG#${org.id}/MEMBRE#${PORTEUR_ID}`)]) expect(autre.envoi).toBeLessThan(dossier.reponse!);
    expect(de(`PutItem DOSSIER#${d.id}/META`).envoi).toBeGreaterThan(dossier.reponse!);
  });

  it('answers 409 VERSION_PERIMEE to a stale version, from the request and from the store’s condition alike', async () => {
    const { d } = await brouillon('B2');
    expect((await api.put(`/dossiers/${d.id}`, { as: P1, headers: { 'if-match': '1' }, body: { ...d.contenu, intitule: 'Premier' } })).status).toBe(200);
    const perime = await api.put(`/dossiers/${d.id}`, { as: P1, headers: { 'if-match': '1' }, body: { ...d.contenu, intitule: 'Périmé' } });
    expect(perime.status).toBe(409);
    expect(perime.body.code).toBe('VERSION_PERIMEE');
    // The write itself is conditioned: a save computed from version 1 after version 2 was written is refused.
    const lu = (await dossierRepository.lire(d.id))!;
    const avant = { ...lu, version: 1 };
    const apres = { ...avant, contenu: { ...avant.contenu, intitule: 'Écrasé' }, version: 2 };
    const { r: refus, appels } = await appelsDe(() => dossierRepository.remplacer(apres, avant).then(() => null, (e: unknown) => e));
    expect(refus).toBeInstanceOf(Conflit);
    expect((refus as Conflit).code).toBe('VERSION_PERIMEE');
    expect(resume(appels)).toEqual([`PutItem DOSSIER#${d.id}/META`]);
    expect((await api.get(`/dossiers/${d.id}`, { as: P1 })).body).toMatchObject({ version: 2, contenu: { intitule: 'Premier' } });
  });

  it('lets exactly one of ten concurrent saves from the same version win', async () => {
    const { d } = await brouillon('A3');
    const r = await Promise.all(Array.from({ length: 10 }, (_, i) => api.put(`/dossiers/${d.id}`, { as: P1, headers: { 'if-match': '1' }, body: { ...d.contenu, intitule: `Version ${i}` } })));
    expect(r.filter((x) => x.status === 200)).toHaveLength(1);
    expect(r.filter((x) => x.status === 409).every((x) => x.body.code === 'VERSION_PERIMEE')).toBe(true);
    expect((await api.get(`/dossiers/${d.id}`, { as: P1 })).body.version).toBe(2);
  });
});

describe('reads of a dossier: the fiche and the header’s attributes the rules use', () => {
  it('GET controles reads the fiche and a projection of the header in one BatchGetItem, never the AAP partition', async () => {
    const { org, d } = await brouillon('A1');
    await api.put(`/dossiers/${d.id}`, { as: P1, headers: { 'if-match': '1' }, body: complet(d, planEquilibre(1_000_000, 500_000)) });
    const { r, appels } = await appelsDe(() => api.get(`/dossiers/${d.id}/plan-financement/controles`, { as: P1 }));
    expect(r.status).toBe(200);
    expect(r.body.totaux.coutTotal).toBe(1_070_000);
    expect(lectureDeLAap(appels)).toEqual([]);
    expect(resume(appels)[0]).toBe(`GetItem DOSSIER#${d.id}/META`);
    expect(resume(appels).slice(1).sort()).toEqual([
      `BatchGetItem AAP#${aap.id}/META + AAP#${aap.id}/FICHE#A1`,
      `GetItem ORG#${org.id}/MEMBRE#${PORTEUR_ID}`,
    ]);
    expect(appels.find((a) => a.operation === 'BatchGetItem')!.projection).toBeDefined();
  });

  it('lists the porteur’s dossiers reading each (AAP, fiche) once, and the OI’s page reading the header once', async () => {
    const { d } = await brouillon('HP1');
    const porteur = await appelsDe(() => api.get('/dossiers', { as: P1 }));
    expect(porteur.r.body.items.some((x: { id: string }) => x.id === d.id)).toBe(true);
    expect(lectureDeLAap(porteur.appels)).toEqual([]);
    const lots = porteur.appels.filter((a) => a.cles.some((c) => c.startsWith('AAP#')));
    expect(lots.map((a) => a.operation)).toEqual(['BatchGetItem']);
    expect(new Set(lots[0]!.cles).size).toBe(lots[0]!.cles.length);

    const oi = await appelsDe(() => api.get(`/gestion/dossiers?aapId=${aap.id}`, { as: OI }));
    expect(oi.r.status).toBe(200);
    expect(lectureDeLAap(oi.appels)).toEqual([]);
    expect(oi.appels.filter((a) => a.cles.includes(`AAP#${aap.id}/META`))).toHaveLength(1);

    // A page of one statut: the page's Query (under the caller's OI) is sent before the header has answered.
    const { r, traces } = await tracer(() => api.get(`/gestion/dossiers?aapId=${aap.id}&statut=depose&limit=50`, { as: OI }));
    expect(r.status).toBe(200);
    const page = traces.find((t) => t.cle.startsWith('Query DOSOI#'))!;
    expect(page.envoi).toBeLessThan(traces.find((t) => t.cle === `GetItem AAP#${aap.id}/META`)!.reponse!);
    // The search's page of one statut: the OI's assignments are read beside the page's Query. (Once the assignments'
    // repository is loaded: a process loads each repository on its first call, shared/repositories/depots.ts.)
    expect((await api.get('/gestion/recherche?statut=depose&limit=50', { as: OI })).status).toBe(200);
    const recherche = await tracer(() => api.get('/gestion/recherche?statut=depose&limit=50', { as: OI }));
    expect(recherche.r.status).toBe(200);
    const q = recherche.traces.find((t) => t.cle.startsWith('Query DOSOI#'))!;
    const aff = recherche.traces.find((t) => t.cle.startsWith('Query AFFECT#'))!;
    expect([aff.envoi < q.reponse!, aff.reponse! > q.envoi]).toEqual([true, true]);
  });

  it('GET enveloppe reads the header once, projected', async () => {
    const { r, appels } = await appelsDe(() => api.get(`/aaps/${aap.id}/enveloppe`, { as: OI }));
    expect(r.status).toBe(200);
    expect(lectureDeLAap(appels)).toEqual([]);
    const entetes = appels.filter((a) => a.cles.includes(`AAP#${aap.id}/META`));
    expect(entetes).toHaveLength(1);
    expect(entetes[0]!.projection).toBeDefined();
    // The counters and the sessions are keyed by the AAP alone: asked for before the header has answered.
    const { traces } = await tracer(() => api.get(`/aaps/${aap.id}/enveloppe`, { as: OI }));
    const entete = traces.find((t) => t.cle === `GetItem AAP#${aap.id}/META`)!;
    expect(traces).toHaveLength(3);
    for (const t of traces) expect(t.envoi).toBeLessThan(entete.reponse!);
  });
});

describe('the dépôt and its receipt', () => {
  it('deposit: one read of the fiche and the header’s attributes, one transaction; the receipt: one read', async () => {
    const { d } = await brouillon('HP1');
    expect((await api.put(`/dossiers/${d.id}`, { as: P1, headers: { 'if-match': '1' }, body: complet(d, planEquilibre(1_000_000, 856_000)) })).status).toBe(200);
    await piecesObligatoires(api, P1, d.id);
    const depot = await appelsDe(() => api.post(`/dossiers/${d.id}/depot`, { as: P1, headers: { 'idempotency-key': cle() } }));
    expect(depot.r.status).toBe(200);
    expect(lectureDeLAap(depot.appels)).toEqual([]);
    expect(depot.appels.filter((a) => a.cles.some((c) => c.startsWith('AAP#'))).map(resume1)).toEqual([`BatchGetItem AAP#${aap.id}/META + AAP#${aap.id}/FICHE#HP1`]);
    expect(depot.appels.filter((a) => a.operation === 'TransactWriteItems')).toHaveLength(1);
    expect(depot.appels.filter((a) => a.operation === 'PutItem')).toHaveLength(0);
    // The members its e-mail goes to: one Query of the organisation, sent with the dossier's other reads (this
    // process has saved the dossier: its frame is known), not after the rules.
    const { org: org2, d: d2 } = await brouillon('HP2');
    expect((await api.put(`/dossiers/${d2.id}`, { as: P1, headers: { 'if-match': '1' }, body: complet(d2, planEquilibre(1_000_000, 856_000)) })).status).toBe(200);
    await piecesObligatoires(api, P1, d2.id);
    const trace = await tracer(() => api.post(`/dossiers/${d2.id}/depot`, { as: P1, headers: { 'idempotency-key': cle() } }));
    expect(trace.r.status).toBe(200);
    const lecture = trace.traces.find((t) => t.cle === `GetItem DOSSIER#${d2.id}/META`)!;
    const membres = trace.traces.filter((t) => t.cle === `Query ORG#${org2.id}`);
    expect(membres).toHaveLength(1);
    expect(membres[0]!.envoi).toBeLessThan(lecture.reponse!);
    const accuse = await appelsDe(() => api.get(`/dossiers/${d.id}/accuse-depot.pdf`, { as: P1 }));
    expect(accuse.r.status).toBe(200);
    expect(lectureDeLAap(accuse.appels)).toEqual([]);
    expect(accuse.appels.filter((a) => a.cles.some((c) => c.startsWith('AAP#'))).map(resume1)).toEqual([`BatchGetItem AAP#${aap.id}/META + AAP#${aap.id}/FICHE#HP1`]);
  });
});

describe('a fiche and a new dossier: the fiche named, not the AAP', () => {
  it('GET /aaps/{id}/fiches/{code} reads the header’s statut and the fiche in one BatchGetItem, then the fiche alone, without its internal notes', async () => {
    const { r, appels } = await appelsDe(() => api.get(`/aaps/${aap.id}/fiches/HP1`));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ code: 'HP1', notesInternes: [] });
    expect(resume(appels)).toEqual([`BatchGetItem AAP#${aap.id}/META + AAP#${aap.id}/FICHE#HP1`]);
    // Seen published: it stays so (no way back to draft, reference immutable), the next fiche is one GetItem.
    const ensuite = await appelsDe(() => api.get(`/aaps/${aap.id}/fiches/A2`));
    expect([ensuite.r.status, ensuite.r.body.code]).toEqual([200, 'A2']);
    expect(resume(ensuite.appels)).toEqual([`GetItem AAP#${aap.id}/FICHE#A2`]);
    // A code in another case is still found (reading the fiches), an unknown one is still 404.
    expect((await api.get(`/aaps/${aap.id}/fiches/hp1`)).body.code).toBe('HP1');
    const inconnue = await api.get(`/aaps/${aap.id}/fiches/ZZ9`);
    expect([inconnue.status, inconnue.body.code]).toEqual([404, 'FICHE_INTROUVABLE']);
  });

  it('answers 404 for a draft AAP’s fiche, every time, until it is published', async () => {
    const brouillon = await api.post('/aaps', { as: OI, body: { ...contenuAap, reference: 'AAP-APPELS-BROUILLON' } });
    for (let i = 0; i < 2; i++) {
      const r = await api.get(`/aaps/${brouillon.body.id}/fiches/HP1`);
      expect([r.status, r.body.code]).toEqual([404, 'AAP_INTROUVABLE']);
    }
    expect((await api.post(`/aaps/${brouillon.body.id}/publication`, { as: OI, body: {} })).status).toBe(200);
    expect((await api.get(`/aaps/${brouillon.body.id}/fiches/HP1`)).body.code).toBe('HP1');
  });

  it('POST /dossiers reads the fiche asked and the header’s attributes, never the AAP partition', async () => {
    const org = await organisation(api, P1);
    const { r, appels } = await appelsDe(() => api.post('/dossiers', { as: P1, body: { aapId: aap.id, ficheCode: 'A2', organisationId: org.id } }));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ ficheCode: 'A2', aapReference: 'AAP-APPELS-1', statut: 'brouillon' });
    expect(lectureDeLAap(appels)).toEqual([]);
    expect(appels.filter((a) => a.cles.some((c) => c.startsWith('AAP#'))).map(resume1)).toEqual([`BatchGetItem AAP#${aap.id}/META + AAP#${aap.id}/FICHE#A2`]);
    const inconnue = await api.post('/dossiers', { as: P1, body: { aapId: aap.id, ficheCode: 'ZZ9', organisationId: org.id } });
    expect([inconnue.status, inconnue.body.code]).toEqual([400, 'FICHE_INCONNUE']);
  });
});

describe('after a rectificatif', () => {
  it('GET /aaps/{id} read again is one projected GetItem of the header, the same answer; a rectificatif’s version is read whole', async () => {
    const premier = await api.get(`/aaps/${aap.id}`);
    expect(premier.status).toBe(200);
    const { r, appels } = await appelsDe(() => api.get(`/aaps/${aap.id}`));
    expect(resume(appels)).toEqual([`GetItem AAP#${aap.id}/META`]);
    expect(r.body).toEqual(premier.body);
    expect(r.body.fiches.every((f: { notesInternes: unknown[] }) => f.notesInternes.length === 0)).toBe(true);
    await rectifier((c) => (c.fiches.find((f: { code: string }) => f.code === 'A2').titre = 'Titre rectifié de A2'));
    const apres = await appelsDe(() => api.get(`/aaps/${aap.id}`));
    expect(apres.r.body.version).toBe(aap.version);
    expect(apres.r.body.fiches.find((f: { code: string }) => f.code === 'A2').titre).toBe('Titre rectifié de A2');
    expect(lectureDeLAap(apres.appels)).toHaveLength(1);
    // The public version held in memory is frozen: no request can change what the next one reads.
    const lu = await lirePublic({ store: aapRepository, maintenant: new Date() }, aap.id);
    expect(() => lu.fiches.pop()).toThrow(TypeError);
    expect(() => Object.assign(lu.fiches[0]!, { titre: 'Changé' })).toThrow(TypeError);
    expect((await api.get(`/aaps/${aap.id}`)).body).toEqual(apres.r.body);
  });

  it('controls a dossier against the fiche as rectified', async () => {
    const { d } = await brouillon('B1');
    // 10 000 € personnel + 700 € forfait = 10 700 €, FSE 7 490 € = 70 %: B1 sets no maximum, its rectified rule 60 %.
    await api.put(`/dossiers/${d.id}`, { as: P1, headers: { 'if-match': '1' }, body: complet(d, planEquilibre(1_000_000, 749_000)) });
    const codes = async () => (await api.get(`/dossiers/${d.id}/plan-financement/controles`, { as: P1 })).body.violations.map((v: { code: string }) => v.code);
    expect(await codes()).not.toContain('TAUX_FSE_EXCESSIF');
    await rectifier((c) => (c.fiches.find((f: { code: string }) => f.code === 'B1').regleFinancement.maxFsePct = 60));
    expect(await codes()).toContain('TAUX_FSE_EXCESSIF');
  });

  it('answers 404 FICHE_INTROUVABLE to a save of a dossier whose fiche was removed, and writes nothing', async () => {
    const { d } = await brouillon('S1');
    await rectifier((c) => (c.fiches = c.fiches.filter((f: { code: string }) => f.code !== 'S1')));
    const { r, appels } = await appelsDe(() => api.put(`/dossiers/${d.id}`, { as: P1, headers: { 'if-match': '1' }, body: { ...d.contenu, intitule: 'Sans fiche' } }));
    expect(r.status).toBe(404);
    expect(r.body.code).toBe('FICHE_INTROUVABLE');
    // (The rectificatif's e-mails are written meanwhile by the stream's handler: only this dossier's items are looked at.)
    expect(appels.filter((a) => !['GetItem', 'Query', 'BatchGetItem'].includes(a.operation) && a.cles.some((c) => c.startsWith(`DOSSIER#${d.id}`)))).toEqual([]);
    expect((await api.get(`/dossiers/${d.id}`, { as: P1 })).body).toMatchObject({ version: 1, contenu: { intitule: d.contenu.intitule } });
  });
});
