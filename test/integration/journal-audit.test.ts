/**
 * The audit chain check against DynamoDB Local: events deleted or altered directly in the table (as someone with
 * write access to it would) are reported with where the chain breaks; a journal longer than one Query page is read
 * whole.
 */
import { DeleteCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Guichet } from '#local/server';
import type { Actor } from '#shared/auth/roles';
import { journaliser } from '#shared/domain/dossier/journal';
import { dynamo } from '#shared/repositories/clients';
import { dossierRepository } from '#shared/repositories/dossier-repository';
import type { Evenement } from '#shared/schemas/dossier';
import { client, demarrerGuichet } from './helpers';
import { aapOuvert, organisation } from './dossiers-helpers';

let g: Guichet;
let api: ReturnType<typeof client>;
let aap: { id: string; reference: string };
const P1 = 'porteur@guichet.test';
const ACTEUR: Actor = { userId: 'auditeur-test', email: 'auditeur@guichet.test', roles: ['porteur'], oi: null, prenom: 'Alex', nom: 'Auditeur' };
let horloge = Date.now() + 60_000;

beforeAll(async () => {
  g = await demarrerGuichet({ seed: true });
  api = client(g);
  aap = await aapOuvert(api);
});
afterAll(async () => g?.stop());

/** A draft with its creation event and `n` more, each appended by the domain and written in its own transaction. */
async function dossierAvecEvenements(n: number, fiche: string, remplissage = 0): Promise<string> {
  const org = await organisation(api, P1);
  const cree = await api.post('/dossiers', { as: P1, body: { aapId: aap.id, ficheCode: fiche, organisationId: org.id } });
  expect(cree.status).toBe(201);
  for (let i = 0; i < n; i++) {
    const avant = (await dossierRepository.lire(cree.body.id))!;
    const { dossier, evenement } = journaliser({ ...avant, version: avant.version + 1 }, {
      id: `evt-${i}-${cree.body.id}`, type: 'note_audit', auteur: ACTEUR, de: avant.statut, maintenant: new Date((horloge += 1000)),
      ...(remplissage ? { donnees: { remplissage: 'x'.repeat(remplissage) } } : {}),
    });
    await dossierRepository.remplacer(dossier, avant, evenement);
  }
  return cree.body.id;
}

const journal = async (id: string) => {
  const r = await api.get(`/dossiers/${id}/evenements`, { as: P1 });
  expect(r.status).toBe(200);
  return r.body as { items: Evenement[]; integre: boolean; verification: { etat: string; rupture: { position: number | null } | null; message: string; evenementsLus: number; evenementsAttendus: number | null } };
};
const cleEvenement = (e: Evenement) => ({ pk: `DOSSIER#${e.dossierId}`, sk: `EVT#${e.le}#${e.id}` });

describe('audit chain check', () => {
  it('says intact when every event is there and the last one is the head stored on the dossier', async () => {
    const id = await dossierAvecEvenements(3, 'HP1');
    const j = await journal(id);
    expect(j.items).toHaveLength(4);
    expect(j.integre).toBe(true);
    expect(j.verification).toMatchObject({ etat: 'integre', evenementsLus: 4, evenementsAttendus: 4, rupture: null });
    expect(j.verification.message).toContain('Chaîne d’audit intègre');
  });

  it('says broken when the last event item is deleted from the table', async () => {
    const id = await dossierAvecEvenements(3, 'HP2');
    const avant = await journal(id);
    await dynamo().send(new DeleteCommand({ TableName: g.tableName, Key: cleEvenement(avant.items.at(-1)!) }));
    const j = await journal(id);
    expect(j.items).toHaveLength(3);
    expect(j.integre).toBe(false);
    expect(j.verification).toMatchObject({ etat: 'rompue', evenementsLus: 3, evenementsAttendus: 4, rupture: { position: 4, evenementId: null } });
    expect(j.verification.message).toBe(
      'Chaîne d’audit rompue après l’événement n° 3 : il n’est pas le dernier enregistré sur le dossier, 1 événement sur 4 manque à la fin.',
    );
  });

  it('says broken, before the event that follows the gap, when a middle event is deleted', async () => {
    const id = await dossierAvecEvenements(3, 'PS1');
    const avant = await journal(id);
    await dynamo().send(new DeleteCommand({ TableName: g.tableName, Key: cleEvenement(avant.items[1]!) }));
    const j = await journal(id);
    expect(j.integre).toBe(false);
    expect(j.verification.rupture).toEqual({ position: 2, evenementId: avant.items[2]!.id });
    expect(j.verification.message).toMatch(/^Chaîne d’audit rompue avant l’événement n° 2 \(« note_audit » du .*\) : il ne suit pas l’événement n° 1/);
  });

  it('says broken at the altered event when one is modified in the table', async () => {
    const id = await dossierAvecEvenements(3, 'PS2');
    const avant = await journal(id);
    await dynamo().send(new UpdateCommand({
      TableName: g.tableName, Key: cleEvenement(avant.items[2]!), UpdateExpression: 'SET auteurNom = :n', ExpressionAttributeValues: { ':n': 'Quelqu’un d’autre' },
    }));
    const j = await journal(id);
    expect(j.integre).toBe(false);
    expect(j.verification.rupture).toEqual({ position: 3, evenementId: avant.items[2]!.id });
    expect(j.verification.message).toContain('a été modifié, son contenu ne correspond plus à son empreinte');
  });

  it('reads every page of a journal longer than one Query page and says intact', async () => {
    // 12 events of ~100 KB: past DynamoDB's 1 MB page, so one Query cannot return them all.
    const id = await dossierAvecEvenements(12, 'PS3', 100_000);
    const premiere = await dynamo().send(new QueryCommand({
      TableName: g.tableName, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :e)', ExpressionAttributeValues: { ':pk': `DOSSIER#${id}`, ':e': 'EVT#' },
    }));
    expect(premiere.LastEvaluatedKey).toBeDefined();
    expect(premiere.Items!.length).toBeLessThan(13);
    const j = await journal(id);
    expect(j.items).toHaveLength(13);
    expect(j.verification).toMatchObject({ etat: 'integre', evenementsLus: 13, evenementsAttendus: 13 });
  });

  it('checks a dossier stored before the count was kept on its head hash alone, and says so', async () => {
    const id = await dossierAvecEvenements(2, 'S1');
    await dynamo().send(new UpdateCommand({ TableName: g.tableName, Key: { pk: `DOSSIER#${id}`, sk: 'META' }, UpdateExpression: 'REMOVE evenementsJournal' }));
    const j = await journal(id);
    expect(j.verification).toMatchObject({ etat: 'integre', evenementsAttendus: null });
    expect(j.verification.message).toContain('nombre d’événements non enregistré');
    await dynamo().send(new DeleteCommand({ TableName: g.tableName, Key: cleEvenement(j.items.at(-1)!) }));
    const tronque = await journal(id);
    expect(tronque.verification).toMatchObject({ etat: 'rompue', rupture: { position: 3 } });
    expect(tronque.verification.message).toContain('le ou les derniers événements manquent');
  });

  it('never says intact when the dossier holds no head of its chain', async () => {
    const id = await dossierAvecEvenements(1, 'S2');
    await dynamo().send(new UpdateCommand({
      TableName: g.tableName, Key: { pk: `DOSSIER#${id}`, sk: 'META' }, UpdateExpression: 'SET empreinteJournal = :n REMOVE evenementsJournal', ExpressionAttributeValues: { ':n': null },
    }));
    const j = await journal(id);
    expect(j.integre).toBe(false);
    expect(j.verification.etat).toBe('non_verifiable');
    expect(j.verification.message).toMatch(/^Tête de chaîne non enregistrée/);
  });
});
