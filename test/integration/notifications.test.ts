/**
 * E-mail notifications through the outbox: each state change writes its outbox items in its own transaction, the
 * sender (fed by DynamoDB Local's stream, as by the event source mapping on AWS) delivers them over SMTP to the local
 * mail catcher, and these tests read its inbox — no mocks.
 */
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Guichet } from '#local/server';
import { aapDemo } from '#local/seed';
import { handler as envoyer } from '#functions/notifications/envoyer';
import { rappels } from '#functions/notifications/rappels';
import { notification } from '#shared/domain/notification/notification';
import { notificationRepository } from '#shared/repositories/notification-repository';
import { indexerBrouillons } from '#shared/repositories/migrations';
import { dynamo } from '#shared/repositories/clients';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { client } from './helpers';
import { demarrerGuichet } from './helpers';
import { aapOuvert, cle, complet, organisation, planEquilibre } from './dossiers-helpers';
import { pdfValide, piecesObligatoires, televerser, verdict } from './pieces-helpers';
import { comiteOuvert, declarer, dossierDepose, dossierInstruit, GESTIONNAIRE, MEMBRES, OI, P1, PRESENTS, voter } from './comite-helpers';
import { attendreCourriel, courriels } from './boite-mail-helpers';

const P2 = 'porteur2@guichet.test';
const HP = 'PLIE du Haut Périgord';
let g: Guichet;
let api: ReturnType<typeof client>;
let aap: { id: string; reference: string };

beforeAll(async () => {
  g = await demarrerGuichet({ seed: true });
  api = client(g);
  aap = await aapOuvert(api);
}, 120_000);
afterAll(async () => g?.stop());

const echapperRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('e-mails of the dossier workflow', () => {
  it('sends the dépôt, compléments (asked, received) and recevabilité e-mails, each with the link to its page', async () => {
    const d = await dossierDepose(api, aap.id, 'HP1');
    const depot = await attendreCourriel(g, P1, new RegExp(`Dossier ${echapperRe(d.reference)} déposé`));
    expect(depot.a).toEqual([P1]);
    expect(depot.texte).toContain(`${g.url}/dossiers/${d.id}`);
    expect(depot.texte).toMatch(/accusé de dépôt/i);
    expect(depot.html).toContain('<html lang="fr">');
    expect(depot.html).toContain(`href="${g.url}/dossiers/${d.id}"`);
    expect(depot.notificationId).toBeTruthy();

    const demande = await api.post(`/dossiers/${d.id}/complements`, { as: OI, headers: { 'if-match': String(d.version) }, body: { pieces: ['RIB'], message: 'Le RIB est illisible.', dateLimite: '2099-01-31' } });
    expect(demande.status).toBe(200);
    const c = await attendreCourriel(g, P1, new RegExp(`Compléments demandés sur le dossier ${echapperRe(d.reference)} — avant le 31/01/2099`));
    expect(c.texte).toContain('Le RIB est illisible.');
    expect(c.texte).toContain(`${g.url}/dossiers/${d.id}`);

    const { annonce } = await televerser(api, P1, d.id, 'RIB', await pdfValide('RIB lisible'));
    expect((await verdict(api, P1, d.id, annonce.body.pieceId)).etat).toBe('valide');
    const redepot = await api.post(`/dossiers/${d.id}/depot`, { as: P1, headers: { 'idempotency-key': cle() } });
    expect(redepot.status).toBe(200);
    const recusPorteur = await attendreCourriel(g, P1, new RegExp(`Compléments reçus sur le dossier ${echapperRe(d.reference)}`));
    expect(recusPorteur.texte).toContain(`${g.url}/dossiers/${d.id}`);
    // The OI agent who asked is told too, with the link to the OI's page of the dossier.
    const recusOi = await attendreCourriel(g, OI, new RegExp(`Compléments reçus sur le dossier ${echapperRe(d.reference)}`));
    expect(recusOi.texte).toContain(`${g.url}/gestion/dossiers/${d.id}`);

    const { conditionsRecevabilite } = (await api.get(`/aaps/${aap.id}/fiches/HP1`)).body as { conditionsRecevabilite: string[] };
    const rec = await api.post(`/dossiers/${d.id}/recevabilite`, {
      as: GESTIONNAIRE, headers: { 'if-match': String(redepot.body.version) },
      body: { decision: 'recevable', conditions: conditionsRecevabilite.map((condition) => ({ condition, remplie: true })) },
    });
    expect(rec.status).toBe(200);
    await attendreCourriel(g, P1, new RegExp(`Dossier ${echapperRe(d.reference)} déclaré recevable`));

    const autre = await dossierDepose(api, aap.id, 'HP2');
    const irr = await api.post(`/dossiers/${autre.id}/recevabilite`, { as: GESTIONNAIRE, headers: { 'if-match': String(autre.version) }, body: { decision: 'irrecevable', motif: 'Hors du périmètre de la fiche.' } });
    expect(irr.status).toBe(200);
    const mi = await attendreCourriel(g, P1, new RegExp(`Dossier ${echapperRe(autre.reference)} déclaré irrecevable`));
    expect(mi.texte).toContain('Motif : Hors du périmètre de la fiche.');
  });

  it('sends the comité decision and the programmation', async () => {
    const a = await dossierInstruit(api, aap.id, 'HP1', 800_000);
    const c = await comiteOuvert(api, aap.id, HP, [a.id]);
    for (const m of MEMBRES) expect((await declarer(api, c.id, m, a.id)).status).toBe(201);
    for (const m of MEMBRES.slice(0, 4)) await voter(api, c.id, m, a.id, 'pour');
    expect((await api.post(`/comites/${c.id}/cloture`, { as: MEMBRES[0]!, body: { presents: PRESENTS } })).status).toBe(200);
    const decision = await attendreCourriel(g, P1, new RegExp(`Décision du comité sur le dossier ${echapperRe(a.reference)} : dossier sélectionné`));
    expect(decision.texte).toContain('8 000,00 €');
    expect(decision.texte).not.toMatch(/\d+ pour|\d+ contre/);
    expect(decision.texte).toContain(`${g.url}/dossiers/${a.id}`);

    const lu = (await api.get(`/dossiers/${a.id}`, { as: OI })).body;
    const prog = await api.post(`/dossiers/${a.id}/programmation`, { as: OI, headers: { 'if-match': String(lu.version) }, body: { montantFseCentimes: 750_000, dateDecision: '2026-01-15', referenceDeliberation: 'CA-2026-01', motif: 'Dépenses de prestations non retenues.' } });
    expect(prog.status).toBe(200);
    const p = await attendreCourriel(g, P1, new RegExp(`Dossier ${echapperRe(a.reference)} programmé`));
    expect(p.texte).toContain('7 500,00 €');
  });

  it('closes a full agenda in one transaction, its decision e-mails put as lots the sender unpacks, each sent once', async () => {
    // 34 dossiers of one-member organisations: 68 dossier and event writes, the comité, 34 e-mails — past 100 items.
    const dossiers: Array<Awaited<ReturnType<typeof dossierInstruit>>> = [];
    for (let i = 0; i < 34; i += 6) {
      dossiers.push(...(await Promise.all(Array.from({ length: Math.min(6, 34 - i) }, (_, j) => dossierInstruit(api, aap.id, (i + j) % 2 ? 'HP1' : 'HP2', 100_000)))));
    }
    const c = await comiteOuvert(api, aap.id, HP, dossiers.map((d) => d.id));
    const decisions = dossiers.map((d) => ({ dossierId: d.id, ajourner: true, motif: 'Examen reporté à la séance suivante.' }));
    const r = await api.post(`/comites/${c.id}/cloture`, { as: MEMBRES[0]!, body: { presents: PRESENTS, decisions } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const sujets = dossiers.map((d) => `Décision du comité sur le dossier ${d.reference} : examen ajourné`);
    await expect.poll(async () => (await courriels(g, P1)).filter((m) => sujets.includes(m.sujet)).length, { timeout: 60_000, interval: 500 }).toBe(34);
    // Unpacking again (the stream delivers a record twice) writes and sends nothing more.
    const lots = (await notificationRepository.parDossier(dossiers[0]!.id)).filter((n) => n.modele === 'decision_comite');
    expect(lots.length).toBe(1);
    // The first dossier's e-mail opens the first lot, which bears its id.
    const lotId = `lot-${lots[0]!.id}`;
    expect(await notificationRepository.deballer(lotId)).toBe(0);
    await new Promise((ok) => setTimeout(ok, 1_000));
    expect((await courriels(g, P1)).filter((m) => sujets.includes(m.sujet))).toHaveLength(34);
  }, 180_000);
});

describe('the sender', () => {
  const record = (id: string, sequence: string) => ({
    eventName: 'INSERT', dynamodb: { Keys: { pk: { S: `OUTBOX#${id}` }, sk: { S: 'OUTBOX' } }, SequenceNumber: sequence },
  });

  it('sends once when the same stream record is delivered twice, or concurrently', async () => {
    const [n] = notification('message_recu', {
      destinataires: [{ utilisateurId: 'demo-porteur', email: P1, nom: null }], donnees: { reference: 'DOSS-TEST-1', auteur: 'L’OI AGAPE', objet: 'Pièce manquante' },
      lien: '/dossiers/test-1', maintenant: new Date(), nouvelId: () => `it-${Date.now()}`,
    });
    await notificationRepository.ecrire([n!]);
    const evt = { Records: [record(n!.id, '1'), record(n!.id, '2')] } as unknown as DynamoDBStreamEvent;
    const [r1, r2] = await Promise.all([envoyer(evt), envoyer(evt)]);
    expect([...r1.batchItemFailures, ...r2.batchItemFailures]).toEqual([]);
    await attendreCourriel(g, P1, /Nouveau message sur le dossier DOSS-TEST-1/);
    await new Promise((ok) => setTimeout(ok, 1500)); // the stream reader has seen the item too
    await envoyer(evt);
    expect((await courriels(g, P1)).filter((m) => m.notificationId === n!.id)).toHaveLength(1);
    expect(await notificationRepository.lire(n!.id)).toMatchObject({ etat: 'envoye', tentatives: 1 });
  });

  it('records a bounce (permanent failure) on the item, shown to the user and never retried', async () => {
    const org = await organisation(api, P1, 'Structure au courriel invalide');
    expect((await api.post(`/organisations/${org.id}/membres`, { as: P1, body: { email: 'personne@rebond.test', role: 'redacteur' } })).status).toBe(201);
    const d = (await api.post('/dossiers', { as: P1, body: { aapId: aap.id, ficheCode: 'HP1', organisationId: org.id } })).body;
    await api.put(`/dossiers/${d.id}`, { as: P1, headers: { 'if-match': '1' }, body: complet(d, planEquilibre(1_000_000, 856_000)) });
    await piecesObligatoires(api, P1, d.id);
    expect((await api.post(`/dossiers/${d.id}/depot`, { as: P1, headers: { 'idempotency-key': cle() } })).status).toBe(200);
    await attendreCourriel(g, P1, new RegExp(`Dossier ${echapperRe(d.reference)} déposé`));
    let echec;
    for (let i = 0; i < 100 && !echec; i++) {
      echec = (await notificationRepository.parDossier(d.id)).find((n) => n.destinataire.email === 'personne@rebond.test' && n.etat === 'echec');
      if (!echec) await new Promise((ok) => setTimeout(ok, 100));
    }
    expect(echec).toMatchObject({ etat: 'echec', tentatives: 1, echec: { permanent: true } });
    expect(echec!.echec!.raison).toMatch(/550/);
    // A redelivery of its record changes nothing.
    await envoyer({ Records: [record(echec!.id, '9')] } as unknown as DynamoDBStreamEvent);
    expect(await notificationRepository.lire(echec!.id)).toMatchObject({ etat: 'echec', tentatives: 1 });
    expect(await courriels(g, 'personne@rebond.test')).toEqual([]);
    // The OI sees it on the dossier, with the reason; the porteur cannot read the dossier's deliveries.
    const vueOi = await api.get(`/gestion/dossiers/${d.id}/notifications`, { as: GESTIONNAIRE });
    expect(vueOi.status).toBe(200);
    expect(vueOi.body.items.find((n: { id: string }) => n.id === echec!.id)).toMatchObject({ etat: 'echec', destinataire: { email: 'personne@rebond.test' }, echec: { permanent: true } });
    expect(vueOi.body.items.find((n: { destinataire: { email: string } }) => n.destinataire.email === P1)).toMatchObject({ modele: 'depot', etat: 'envoye' });
    expect((await api.get(`/gestion/dossiers/${d.id}/notifications`, { as: P1 })).status).toBe(403);
  });
});

describe('reminders before an AAP closes', () => {
  it('goes J-7 and J-2 to the members of organisations with a draft, once, and never to deposited dossiers', async () => {
    const brouillon = (await api.post('/dossiers', { as: P1, body: { aapId: aap.id, ficheCode: 'S1', organisationId: (await organisation(api, P1, 'Structure en retard')).id } })).body;
    const depose = await (async () => {
      const org = await organisation(api, P2, 'Structure à l’heure');
      const d = (await api.post('/dossiers', { as: P2, body: { aapId: aap.id, ficheCode: 'HP2', organisationId: org.id } })).body;
      await api.put(`/dossiers/${d.id}`, { as: P2, headers: { 'if-match': '1' }, body: complet(d, planEquilibre(1_000_000, 856_000)) });
      await piecesObligatoires(api, P2, d.id);
      expect((await api.post(`/dossiers/${d.id}/depot`, { as: P2, headers: { 'idempotency-key': cle() } })).status).toBe(200);
      return d;
    })();
    // A draft stored before drafts were indexed by AAP gets its keys from the start-up migration.
    await dynamo().send(new UpdateCommand({ TableName: g.tableName, Key: { pk: `DOSSIER#${brouillon.id}`, sk: 'META' }, UpdateExpression: 'REMOVE gsi2pk, gsi2sk' }));
    expect((await notificationRepository.brouillons(aap.id)).map((d) => d.id)).not.toContain(brouillon.id);
    expect(await indexerBrouillons()).toBe(1);
    expect((await notificationRepository.brouillons(aap.id)).map((d) => d.id)).toContain(brouillon.id);
    const { depot } = (await api.get(`/aaps/${aap.id}`)).body as { depot: { cloture: { date: string } } };
    const midi = (jours: number) => new Date(Date.parse(`${depot.cloture.date}T12:00:00Z`) - jours * 86_400_000);

    const avant = (await courriels(g)).length;
    expect((await rappels(midi(5))).envoyes).toBe(0);
    const j7 = await rappels(midi(7));
    expect(j7.aaps).toBe(1);
    const m7 = await attendreCourriel(g, P1, new RegExp(`Plus que 7 jours pour déposer le dossier ${echapperRe(brouillon.reference)}`));
    expect(m7.texte).toContain(`${g.url}/dossiers/${brouillon.id}`);
    expect((await rappels(midi(7))).envoyes).toBe(0); // the same day again: nothing new
    await rappels(midi(2));
    await attendreCourriel(g, P1, new RegExp(`Plus que 2 jours pour déposer le dossier ${echapperRe(brouillon.reference)}`));
    await new Promise((ok) => setTimeout(ok, 1000));
    const tous = await courriels(g);
    const rappelsRecus = tous.filter((m) => /^Plus que/.test(m.sujet));
    expect(rappelsRecus.filter((m) => m.sujet.includes(brouillon.reference))).toHaveLength(2);
    expect(rappelsRecus.filter((m) => m.sujet.includes(depose.reference))).toEqual([]);
    expect(rappelsRecus.every((m) => /^Plus que [72] jours/.test(m.sujet))).toBe(true);
    expect(tous.length).toBeGreaterThan(avant);
  });
});

describe('a rectificatif', () => {
  it('is e-mailed to the members of organisations with a draft on the AAP, with the link to the AAP', async () => {
    const contenu = JSON.parse(JSON.stringify({ ...aapDemo(new Date()), reference: 'AAP-NOTIF-RECT' }));
    const cree = await api.post('/aaps', { as: OI, body: contenu });
    expect(cree.status).toBe(201);
    const pub = await api.post(`/aaps/${cree.body.id}/publication`, { as: OI, body: {} });
    expect(pub.status).toBe(200);
    const org = await organisation(api, P1, 'Structure qui rédige');
    const brouillon = (await api.post('/dossiers', { as: P1, body: { aapId: cree.body.id, ficheCode: 'HP1', organisationId: org.id } })).body;
    expect(brouillon.statut).toBe('brouillon');
    const nouveau = structuredClone(contenu);
    nouveau.titre = `${contenu.titre} (rectifié)`;
    const r = await api.post(`/aaps/${cree.body.id}/rectificatifs`, { as: OI, body: { motif: 'Correction du titre', contenu: nouveau }, headers: { 'if-match': String(pub.body.version) } });
    expect(r.status).toBe(201);
    const m = await attendreCourriel(g, P1, /Rectificatif publié sur l’appel à projets AAP-NOTIF-RECT/);
    expect(m.texte).toContain('Motif du rectificatif : Correction du titre');
    expect(m.texte).toContain(brouillon.reference);
    expect(m.texte).toContain(`${g.url}/aaps/${cree.body.id}`);
    await new Promise((ok) => setTimeout(ok, 1000));
    expect((await courriels(g)).filter((x) => /Rectificatif publié/.test(x.sujet)).flatMap((x) => x.a)).toEqual([P1]);
  });
});

describe('GET /moi/notifications', () => {
  it('lists the caller’s own notifications, newest first, paginated', async () => {
    const page1 = await api.get('/moi/notifications?limit=2', { as: P1 });
    expect(page1.status).toBe(200);
    expect(page1.body.items).toHaveLength(2);
    expect(page1.body.cursor).toBeTruthy();
    const page2 = await api.get(`/moi/notifications?limit=2&cursor=${encodeURIComponent(page1.body.cursor)}`, { as: P1 });
    expect(page2.body.items).toHaveLength(2);
    const tous = [...page1.body.items, ...page2.body.items];
    expect(new Set(tous.map((n: { id: string }) => n.id)).size).toBe(4);
    expect(tous.map((n: { creeLe: string }) => n.creeLe)).toEqual(tous.map((n: { creeLe: string }) => n.creeLe).sort().reverse());
    expect(Object.keys(page1.body.items[0]).sort()).toEqual(['creeLe', 'dossierId', 'echec', 'envoyeLe', 'etat', 'id', 'lien', 'modele', 'sujet']);
    // Another porteur sees none of them.
    const autres = (await api.get('/moi/notifications?limit=100', { as: P2 })).body.items as Array<{ id: string }>;
    expect(autres.some((n) => tous.some((t: { id: string }) => t.id === n.id))).toBe(false);
    // The OI agent who asked for compléments has theirs.
    expect(((await api.get('/moi/notifications', { as: OI })).body.items as Array<{ modele: string }>).some((n) => n.modele === 'complements_recus')).toBe(true);
  });

  it('answers bad input with a 400 in French', async () => {
    for (const q of ['limit=0', 'limit=abc', 'cursor=pas-un-curseur', 'inconnu=1']) {
      const r = await api.get(`/moi/notifications?${q}`, { as: P1 });
      expect(r.status, q).toBe(400);
      expect(typeof r.body.message).toBe('string');
    }
    expect((await api.get('/moi/notifications')).status).toBe(401);
  });
});

describe('the inbox in the browser', () => {
  it('lists the messages and shows one, in French', async () => {
    const liste = await fetch(`${g.url}/boite-mail?a=${encodeURIComponent(P1)}`);
    expect(liste.headers.get('content-type')).toContain('text/html');
    const html = await liste.text();
    expect(html).toContain('lang="fr"');
    expect(html).toContain('Messages reçus');
    const [premier] = await courriels(g, P1);
    const vue = await (await fetch(`${g.url}/boite-mail/${premier!.id}`)).text();
    expect(vue).toContain('Version texte');
    expect((await fetch(`${g.url}/boite-mail/inconnu`)).status).toBe(404);
  });
});
