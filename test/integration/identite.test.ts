/**
 * Identity is the user id (`sub`), never the e-mail: memberships, invitations, comité seats, votes and conflict
 * declarations follow the person when their address changes, and a recycled address inherits nothing. Data written
 * before user ids keeps working (claimed on read, or migrated at start).
 */
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Guichet } from '#local/server';
import { annuaireLocal } from '#local/demo-users';
import { dynamo } from '#shared/repositories/clients';
import { migrerComitesParEmail } from '#shared/repositories/migrations';
import { client, demarrerGuichet } from './helpers';
import { aapOuvert, organisation } from './dossiers-helpers';
import { comiteOuvert, declarer, dossierInstruit, MEMBRES, OI, voter } from './comite-helpers';

let g: Guichet;
let api: ReturnType<typeof client>;
let aap: { id: string };
const HP = 'PLIE du Haut Périgord';
const porteur = (sub: string, email: string) => ({ sub, email, groupes: ['porteur'], prenom: 'Alex', nom: 'Morel' });

beforeAll(async () => {
  g = await demarrerGuichet({ seed: true });
  api = client(g);
  aap = await aapOuvert(api);
});
afterAll(async () => g?.stop());

describe('a porteur who changes e-mail address', () => {
  it('keeps their organisations and role; the new address is shown; the old address, recycled, gets nothing', async () => {
    const avant = await api.jetonPour(porteur('u-alex', 'alex@avant.fr'));
    const org = await api.post('/organisations', {
      jeton: avant,
      body: { siret: '35600000000048', raisonSociale: 'Atelier Morel', statutJuridique: 'association', adresse: { ligne1: '1 rue Haute', codePostal: '24000', commune: 'Périgueux' } },
    });
    expect(org.status).toBe(201);
    const apres = await api.jetonPour(porteur('u-alex', 'alex@apres.fr'));
    const miennes = await api.get('/organisations', { jeton: apres });
    expect(miennes.body.items.map((o: { id: string; monRole: string }) => [o.id, o.monRole])).toEqual([[org.body.id, 'signataire']]);
    const lue = await api.get(`/organisations/${org.body.id}`, { jeton: apres });
    expect(lue.body.membres).toEqual([expect.objectContaining({ utilisateurId: 'u-alex', email: 'alex@apres.fr', nom: 'Alex Morel', role: 'signataire' })]);

    const recycle = await api.jetonPour(porteur('u-autre', 'alex@avant.fr'));
    expect((await api.get('/organisations', { jeton: recycle })).body.items).toEqual([]);
    expect((await api.get(`/organisations/${org.body.id}`, { jeton: recycle })).status).toBe(404);
  });

  it('an invitation names an address until its holder signs in, then becomes their membership', async () => {
    const org = await organisation(api, 'porteur@guichet.test', 'Structure invitante');
    const inv = await api.post(`/organisations/${org.id}/membres`, { as: 'porteur@guichet.test', body: { email: 'Invite@Exemple.fr', role: 'redacteur' } });
    expect(inv.status).toBe(201);
    expect(inv.body).toMatchObject({ utilisateurId: null, email: 'invite@exemple.fr' });
    const encore = await api.post(`/organisations/${org.id}/membres`, { as: 'porteur@guichet.test', body: { email: 'invite@exemple.fr', role: 'signataire' } });
    expect([encore.status, encore.body.code]).toEqual([409, 'MEMBRE_DEJA_PRESENT']);

    const invite = await api.jetonPour(porteur('u-invite', 'invite@exemple.fr'));
    expect((await api.get('/organisations', { jeton: invite })).body.items.map((o: { id: string }) => o.id)).toEqual([org.id]);
    // Claimed once: the same address under another user id finds nothing left to claim.
    const second = await api.jetonPour(porteur('u-second', 'invite@exemple.fr'));
    expect((await api.get('/organisations', { jeton: second })).body.items).toEqual([]);
    const membres = (await api.get(`/organisations/${org.id}`, { as: 'porteur@guichet.test' })).body.membres;
    expect(membres.find((m: { email: string }) => m.email === 'invite@exemple.fr')).toMatchObject({ utilisateurId: 'u-invite', role: 'redacteur' });
  });

  it('a member recorded by e-mail before user ids is claimed by the holder of that address', async () => {
    const org = await organisation(api, 'porteur@guichet.test', 'Structure ancienne');
    await dynamo().send(new PutCommand({
      TableName: g.tableName,
      Item: { pk: `ORG#${org.id}`, sk: 'MEMBRE#ancien@exemple.fr', type: 'MEMBRE', gsi1pk: 'MEMBRE#ancien@exemple.fr', gsi1sk: `ORG#${org.id}`, organisationId: org.id, email: 'ancien@exemple.fr', role: 'signataire', ajouteLe: '2026-01-01T00:00:00.000Z', ajoutePar: 'porteur@guichet.test' },
    }));
    const ancien = await api.jetonPour(porteur('u-ancien', 'ancien@exemple.fr'));
    expect((await api.get(`/organisations/${org.id}`, { jeton: ancien })).body.monRole).toBe('signataire');
    const cles = await dynamo().send(new QueryCommand({ TableName: g.tableName, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': `ORG#${org.id}` } }));
    const sks = (cles.Items ?? []).map((i) => i.sk as string);
    expect(sks).toContain('MEMBRE#u-ancien');
    expect(sks).not.toContain('MEMBRE#ancien@exemple.fr');
  });
});

describe('a comité member who changes e-mail address', () => {
  it('keeps their seat, declarations and votes; the old address under another user id has no seat', async () => {
    const d = await dossierInstruit(api, aap.id, 'HP1', 500_000);
    const c = await comiteOuvert(api, aap.id, HP, [d.id]);
    expect((await declarer(api, c.id, MEMBRES[1]!, d.id)).status).toBe(201);
    expect((await voter(api, c.id, MEMBRES[1]!, d.id, 'pour')).status).toBe(200);

    const nouvelle = await api.jetonPour({ sub: 'demo-comite2', email: 'marc.rousseau@dreets.gouv.fr', groupes: ['comite'] });
    const vue = await api.get(`/comites/${c.id}`, { jeton: nouvelle });
    expect(vue.status).toBe(200);
    expect(vue.body.mesVotes).toEqual([expect.objectContaining({ dossierId: d.id, vote: 'pour', membre: 'demo-comite2' })]);
    expect(vue.body.mesDeclarations).toHaveLength(1);
    expect((await api.post(`/comites/${c.id}/votes`, { jeton: nouvelle, body: { dossierId: d.id, vote: 'contre' } })).status).toBe(200);
    expect((await api.get('/comites', { jeton: nouvelle })).body.items.map((x: { id: string }) => x.id)).toContain(c.id);

    const usurpateur = await api.jetonPour({ sub: 'u-recycle', email: MEMBRES[1]!, groupes: ['comite'] });
    expect((await api.get(`/comites/${c.id}`, { jeton: usurpateur })).status).toBe(404);
    const refus = await api.post(`/comites/${c.id}/votes`, { jeton: usurpateur, body: { dossierId: d.id, vote: 'pour' } });
    expect([403, 404]).toContain(refus.status);
  });

  it('refuses a member the identity provider does not know (422), and names the others by user id', async () => {
    const c = await api.post('/comites', { as: OI, body: { aapId: aap.id, plie: HP, date: '2027-01-15', membres: [MEMBRES[0], { email: MEMBRES[1], qualite: 'Représentant de la DREETS' }], president: MEMBRES[0] } });
    expect(c.status).toBe(201);
    expect(c.body).toMatchObject({ membres: ['demo-comite1', 'demo-comite2'], president: 'demo-comite1' });
    expect(c.body.sieges[1]).toEqual({ id: 'demo-comite2', email: MEMBRES[1], nom: 'Marc Rousseau', qualite: 'Représentant de la DREETS' });
  });
});

describe('comités stored before user ids', () => {
  it('are migrated at start: members, president, seats, declarations, votes and exclusions by user id', async () => {
    const id = 'COMITE-ANCIEN';
    const t = g.tableName;
    const put = (Item: Record<string, unknown>) => dynamo().send(new PutCommand({ TableName: t, Item }));
    await put({
      pk: `COMITE#${id}`, sk: 'META', entite: 'COMITE', gsi1pk: `AAPCOM#${aap.id}`, gsi1sk: `2026-06-01#${id}`, id, aapId: aap.id, aapReference: 'X', oi: 'AGAPE',
      plie: HP, date: '2026-06-01', heure: '14:00', lieu: '', fuseau: 'Europe/Paris', membres: [MEMBRES[0], MEMBRES[1]], president: MEMBRES[0],
      regles: { quorum: { type: 'moitie_plus_un' }, majorite: 'simple' }, statut: 'ouvert', ordreDuJour: ['D1'], version: 3, creeLe: '2026-05-01T00:00:00.000Z',
      creePar: 'oi@guichet.test', ouvertLe: null, closLe: null, decisions: [{ dossierId: 'D1', decision: 'selectionne', motif: '', pour: 1, contre: 0, abstention: 0, exclus: [MEMBRES[1]], montantFseCentimes: 1 }], enveloppe: null,
    });
    for (const m of [MEMBRES[0]!, MEMBRES[1]!]) {
      await put({ pk: `COMITE#${id}`, sk: `MEMBRE#${m}`, entite: 'MEMBRE_COMITE', gsi1pk: `MEMBRECOM#${m}`, gsi1sk: `2026-06-01#${id}`, comiteId: id });
    }
    await put({ pk: `COMITE#${id}`, sk: `VOTE#D1#${MEMBRES[0]}`, entite: 'VOTE', dossierId: 'D1', membre: MEMBRES[0], vote: 'pour', voteLe: '2026-06-01T12:00:00.000Z' });
    await put({ pk: `COMITE#${id}`, sk: `COI#D1#${MEMBRES[1]}`, entite: 'COI', dossierId: 'D1', membre: MEMBRES[1], conflit: true, commentaire: '', declareLe: '2026-06-01T12:00:00.000Z' });

    expect(await migrerComitesParEmail('AGAPE', annuaireLocal)).toBe(1);
    expect(await migrerComitesParEmail('AGAPE', annuaireLocal)).toBe(0);
    const vue = await api.get(`/comites/${id}`, { as: MEMBRES[0] });
    expect(vue.status).toBe(200);
    expect(vue.body).toMatchObject({ membres: ['demo-comite1', 'demo-comite2'], president: 'demo-comite1', monRole: 'president' });
    expect(vue.body.sieges.map((s: { nom: string }) => s.nom)).toEqual(['Hélène Garnier', 'Marc Rousseau']);
    expect(vue.body.decisions[0].exclus).toEqual(['demo-comite2']);
    expect(vue.body.mesVotes).toEqual([expect.objectContaining({ membre: 'demo-comite1', vote: 'pour' })]);
    expect(vue.body.conflits).toEqual([expect.objectContaining({ membre: 'demo-comite2', conflit: true })]);
    expect((await api.get('/comites', { as: MEMBRES[1] })).body.items.map((x: { id: string }) => x.id)).toContain(id);
  });
});
