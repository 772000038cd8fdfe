import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGuichet, type Guichet } from '#local/server';
import { aapDemo } from '#local/seed';
import { demarrerDynamo, type DynamoLocal } from '#local/services';
import { routes } from '#shared/http/routes';
import { client } from './helpers';

/**
 * Storage down: this file runs its own DynamoDB Local and stops it. Every route then answers 503
 * `SERVICE_INDISPONIBLE` with `Retry-After` (or a 4xx when the input is refused before storage is reached), never a
 * 500 `ERREUR_INTERNE`.
 */
let dynamo: DynamoLocal;
let g: Guichet;
let api: ReturnType<typeof client>;
const OI = 'oi@guichet.test';
const PORTEUR = 'porteur@guichet.test';

beforeAll(async () => {
  dynamo = await demarrerDynamo({});
  const id = randomUUID().slice(0, 8);
  g = await startGuichet({ port: 0, services: { dynamoEndpoint: dynamo.endpoint }, tableName: `guichet-${id}`, bucketName: `guichet-${id}`, dataDir: join(tmpdir(), `guichet-panne-${id}`) });
  api = client(g);
  // Tokens first: the local identity provider does not need the table.
  for (const as of [OI, PORTEUR, 'comite1@guichet.test']) await api.jeton(as);
  expect((await api.get('/aaps')).status).toBe(200);
  await dynamo.stop();
}, 180_000);
afterAll(async () => {
  await g?.stop();
  await dynamo?.stop();
});

function attendre503(r: { status: number; body: any; headers: Headers }, quoi: string) {
  expect(r.status, quoi).toBe(503);
  expect(r.body.code, quoi).toBe('SERVICE_INDISPONIBLE');
  expect(r.body.message, quoi).toMatch(/momentanément indisponible/);
  expect(Number(r.headers.get('retry-after')), quoi).toBeGreaterThan(0);
}

describe('DynamoDB down', () => {
  it('answers 503 with Retry-After to reads and writes that reach the table', async () => {
    attendre503(await api.get('/aaps'), 'GET /aaps');
    attendre503(await api.get('/aaps/01AAPINCONNU000000000000'), 'GET /aaps/{id}');
    attendre503(await api.get('/gestion/aaps', { as: OI }), 'GET /gestion/aaps');
    attendre503(await api.get('/dossiers', { as: PORTEUR }), 'GET /dossiers');
    attendre503(await api.get('/organisations', { as: PORTEUR }), 'GET /organisations');
    attendre503(await api.post('/aaps', { as: OI, body: { ...aapDemo(new Date()), reference: 'AAP-PANNE' } }), 'POST /aaps');
  });

  it('never answers 500 on any route of the manifest', async () => {
    const vus = new Map<number, number>();
    for (const route of routes.filter((r) => !('localOnly' in r && r.localOnly))) {
      const chemin = route.path.replace(/\{(\w+)\}/g, '01HZZZZZZZZZZZZZZZZZZZZZZZ').replace('/fiches/01HZZZZZZZZZZZZZZZZZZZZZZZ', '/fiches/HP1');
      for (const as of [undefined, OI, PORTEUR, 'comite1@guichet.test']) {
        const r = await (route.method === 'GET' ? api.get : route.method === 'DELETE' ? api.del : route.method === 'PUT' ? api.put : api.post)(
          chemin,
          { ...(as ? { as } : {}), ...(route.method === 'POST' || route.method === 'PUT' ? { raw: '{}' } : {}) },
        );
        vus.set(r.status, (vus.get(r.status) ?? 0) + 1);
        expect(r.status, `${route.method} ${chemin} (${as ?? 'anonyme'}) ${JSON.stringify(r.body).slice(0, 200)}`).not.toBe(500);
        if (r.status === 503) attendre503(r, `${route.method} ${chemin}`);
      }
    }
    expect(vus.get(503) ?? 0).toBeGreaterThan(50);
  }, 120_000);
});
