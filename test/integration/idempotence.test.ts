/**
 * Idempotency keys of the dépôt against DynamoDB Local: scoped to the user and the route, valid 24 hours (an expired
 * record is ignored even before DynamoDB's TTL deletes it), refused with another request.
 */
import { DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLE } from '#infra/definitions';
import type { Guichet } from '#local/server';
import { dynamo } from '#shared/repositories/clients';
import { ATTRIBUT_TTL, dossierRepository } from '#shared/repositories/dossier-repository';
import { client, demarrerGuichet } from './helpers';
import { aapOuvert, cle, complet, organisation, planEquilibre } from './dossiers-helpers';
import { piecesObligatoires } from './pieces-helpers';

let g: Guichet;
let api: ReturnType<typeof client>;
let aap: { id: string; reference: string };
const A = 'porteur@guichet.test';
const B = 'porteur2@guichet.test';
const DEPOT = 'POST /dossiers/{id}/depot';

beforeAll(async () => {
  g = await demarrerGuichet({ seed: true });
  api = client(g);
  aap = await aapOuvert(api);
});
afterAll(async () => g?.stop());

/** A complete draft of `as`, ready for its dépôt, and its author's user id (`sub`, read from the creation event). */
async function brouillon(as: string, fiche: string): Promise<{ id: string; sub: string }> {
  const org = await organisation(api, as);
  const d = (await api.post('/dossiers', { as, body: { aapId: aap.id, ficheCode: fiche, organisationId: org.id } })).body;
  expect((await api.put(`/dossiers/${d.id}`, { as, headers: { 'if-match': '1' }, body: complet(d, planEquilibre(1_000_000, 856_000)) })).status).toBe(200);
  await piecesObligatoires(api, as, d.id);
  const journal = await api.get(`/dossiers/${d.id}/evenements`, { as });
  return { id: d.id, sub: journal.body.items[0].auteur };
}
const deposer = (as: string, id: string, k: string) => api.post(`/dossiers/${id}/depot`, { as, headers: { 'idempotency-key': k } });
const enregistrement = (sub: string, route: string, k: string) =>
  dynamo().send(new GetCommand({ TableName: g.tableName, Key: { pk: `IDEMP#${sub}#${route}#${k}`, sk: 'IDEMP' }, ConsistentRead: true }));

describe('idempotency keys', () => {
  it('gives user B reusing user A’s key its own fresh result, and A still its own', async () => {
    const [da, db] = await Promise.all([brouillon(A, 'HP1'), brouillon(B, 'HP1')]);
    const k = cle();
    const ra = await deposer(A, da.id, k);
    expect([ra.status, ra.body.id, ra.body.statut]).toEqual([200, da.id, 'depose']);
    const rb = await deposer(B, db.id, k);
    expect([rb.status, rb.body.id, rb.body.statut]).toEqual([200, db.id, 'depose']);
    expect((await deposer(A, da.id, k)).body).toEqual(ra.body);
    expect((await deposer(B, db.id, k)).body).toEqual(rb.body);
    expect((await enregistrement(da.sub, DEPOT, k)).Item?.resultat.id).toBe(da.id);
    expect((await enregistrement(db.sub, DEPOT, k)).Item?.resultat.id).toBe(db.id);
  });

  it('keeps the same key on another route apart', async () => {
    const d = await brouillon(A, 'HP2');
    const k = cle();
    expect((await deposer(A, d.id, k)).status).toBe(200);
    expect(await dossierRepository.idempotence({ utilisateur: d.sub, route: DEPOT, cle: k })).toMatchObject({ resultat: { id: d.id } });
    expect(await dossierRepository.idempotence({ utilisateur: d.sub, route: 'POST /dossiers/{id}/complements', cle: k })).toBeNull();
    expect(await dossierRepository.idempotence({ utilisateur: 'quelqu-un-d-autre', route: DEPOT, cle: k })).toBeNull();
  });

  it('refuses with 422 IDEMPOTENCE_CONFLIT the same key sent with another request, which changes nothing', async () => {
    const [d1, d2] = await Promise.all([brouillon(A, 'PS1'), brouillon(A, 'PS2')]);
    const k = cle();
    expect((await deposer(A, d1.id, k)).status).toBe(200);
    const conflit = await deposer(A, d2.id, k);
    expect([conflit.status, conflit.body.code]).toEqual([422, 'IDEMPOTENCE_CONFLIT']);
    expect(conflit.body.message).toContain('requête différente');
    expect((await api.get(`/dossiers/${d2.id}`, { as: A })).body.statut).toBe('brouillon');
  });

  it('ignores an expired record that DynamoDB’s TTL has not deleted yet, and writes the new one over it', async () => {
    const d = await brouillon(A, 'PS3');
    const k = cle();
    const brouillonLu = (await api.get(`/dossiers/${d.id}`, { as: A })).body;
    const hier = Date.now() - 25 * 3600 * 1000;
    await dynamo().send(new PutCommand({
      TableName: g.tableName,
      Item: {
        pk: `IDEMP#${d.sub}#${DEPOT}#${k}`, sk: 'IDEMP', entite: 'IDEMP', utilisateur: d.sub, route: DEPOT, cle: k, empreinte: 'une-autre-requete',
        enregistreLe: new Date(hier).toISOString(), expireLe: new Date(hier + 24 * 3600 * 1000).toISOString(), resultat: brouillonLu,
        [ATTRIBUT_TTL]: Math.floor((hier + 24 * 3600 * 1000) / 1000),
      },
    }));
    const r = await deposer(A, d.id, k);
    expect([r.status, r.body.statut]).toEqual([200, 'depose']);
    const apres = (await enregistrement(d.sub, DEPOT, k)).Item!;
    expect(apres[ATTRIBUT_TTL]).toBeGreaterThan(Date.now() / 1000 + 23 * 3600);
    expect(apres.resultat.statut).toBe('depose');
  });

  it('stores the expiry in the table’s TTL attribute, 24 hours ahead', async () => {
    const ttl = await dynamo().send(new DescribeTimeToLiveCommand({ TableName: g.tableName }));
    expect(ttl.TimeToLiveDescription?.AttributeName).toBe(TABLE.ttlAttribute);
    expect(ATTRIBUT_TTL).toBe(TABLE.ttlAttribute);
    const d = await brouillon(A, 'S1');
    const k = cle();
    const avant = Date.now() / 1000;
    expect((await deposer(A, d.id, k)).status).toBe(200);
    const item = (await enregistrement(d.sub, DEPOT, k)).Item!;
    expect(item[ATTRIBUT_TTL]).toBeGreaterThanOrEqual(Math.floor(avant) + 24 * 3600 - 1);
    expect(item[ATTRIBUT_TTL]).toBeLessThanOrEqual(Date.now() / 1000 + 24 * 3600 + 1);
  });
});
