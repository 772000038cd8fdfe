import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Guichet } from '#local/server';
import { aapDemo } from '#local/seed';
import { client, demarrerGuichet } from './helpers';

/**
 * Hostile input that used to answer 500: malformed percent-encoding in a path, tampered pagination cursors, unknown
 * time zones and impossible dates. Each is the client's fault: a 4xx with a stable code and a French message.
 */
let g: Guichet;
let api: ReturnType<typeof client>;
const OI = 'oi@guichet.test';
const curseur = (cle: unknown) => Buffer.from(JSON.stringify(cle)).toString('base64url');
const contenu = (reference: string) => JSON.parse(JSON.stringify({ ...aapDemo(new Date()), reference }));

beforeAll(async () => {
  g = await demarrerGuichet({ seed: true });
  api = client(g);
}, 180_000);
afterAll(async () => g?.stop());

describe('local gateway', () => {
  for (const chemin of ['/dossiers/%2/pieces', '/dossiers/%C0%AF/pieces', '/dossiers/%FF/pieces', '/aaps/%E0%A4%A', '/aaps/%']) {
    it(`answers 400 CHEMIN_INVALIDE when the path is ${chemin}`, async () => {
      for (const prefixe of ['/api', '']) {
        const r = await fetch(`${g.url}${prefixe}${chemin}`, { headers: { accept: 'application/json' } });
        expect(r.status, `${prefixe}${chemin}`).toBe(400);
        const b = (await r.json()) as { code: string; message: string };
        expect(b.code).toBe('CHEMIN_INVALIDE');
        expect(b.message).toMatch(/encodage/);
      }
    });
  }

  it('still decodes a well-formed encoded segment', async () => {
    expect((await api.get('/aaps/%C3%A9t%C3%A9')).body.code).toBe('AAP_INTROUVABLE');
  });
});

describe('pagination cursors', () => {
  it('answers 400 CURSEUR_INVALIDE to tampered cursors on every paginated list', async () => {
    const aapId = (await api.get('/gestion/aaps?limit=5', { as: OI })).body.items[0].id as string;
    // The last element: whether that well-formed key lies outside the query's key condition (DynamoDB refuses it).
    const listes: Array<[string, string | undefined, Record<string, string>, boolean]> = [
      ['/aaps', undefined, { gsi1pk: 'AAP#publie', gsi1sk: '2099-01-01T00:00:00.000Z#X', pk: 'AAP#X', sk: 'META' }, false],
      ['/aaps?statut=clos', undefined, { gsi1pk: 'AAP#publie', gsi1sk: '2099-01-01T00:00:00.000Z#X', pk: 'AAP#X', sk: 'META' }, true],
      ['/aaps?statut=publie', undefined, { gsi1pk: 'AAP#publie', gsi1sk: '0000', pk: 'AAP#X', sk: 'META' }, true],
      ['/gestion/aaps', OI, { gsi2pk: 'OI#AGAPE#AAP', gsi2sk: 'x', pk: 'AAP#X', sk: 'META' }, false],
      [`/gestion/dossiers?aapId=${aapId}`, OI, { gsi2pk: `AAPDOS#${aapId}`, gsi2sk: 'x', pk: 'DOSSIER#X', sk: 'META' }, false],
      [`/gestion/dossiers?aapId=${aapId}&ficheCode=HP1`, OI, { gsi2pk: `AAPDOS#${aapId}`, gsi2sk: 'ZZ#x', pk: 'DOSSIER#X', sk: 'META' }, true],
      ['/moi/notifications', 'porteur@guichet.test', { gsi1pk: 'NOTIF#x', gsi1sk: 'x', pk: 'x', sk: 'x' }, false],
    ];
    for (const [liste, as, valide, horsBornes] of listes) {
      const [k1, k2] = Object.keys(valide) as [string, string];
      const falsifies = [
        '%%%', 'bm9uLWpzb24', curseur(null), curseur([1]), curseur({ [k1]: valide[k1] }),
        curseur({ ...valide, [k2]: '' }), curseur({ ...valide, [k2]: 12 }), curseur({ ...valide, gsi3pk: 'x' }),
        Buffer.from(`{"__proto__":{"pk":"x"},${JSON.stringify(valide).slice(1)}`).toString('base64url'), curseur({ ...valide, [k1]: 'AUTRE#PARTITION' }),
        ...(horsBornes ? [curseur(valide)] : []),
      ];
      for (const c of falsifies) {
        const sep = liste.includes('?') ? '&' : '?';
        const r = await api.get(`${liste}${sep}cursor=${encodeURIComponent(c)}`, as ? { as } : {});
        expect([r.status, r.body.code], `${liste} ${Buffer.from(c, 'base64url').toString()}`).toEqual([400, expect.stringMatching(/^(CURSEUR_INVALIDE|REQUETE_INVALIDE)$/)]);
      }
    }
  });

  it('still follows a genuine cursor', async () => {
    const p1 = await api.get('/aaps?limit=1');
    expect(p1.body.cursor).toEqual(expect.any(String));
    const p2 = await api.get(`/aaps?limit=1&cursor=${p1.body.cursor}`);
    expect(p2.status).toBe(200);
    expect(p2.body.items[0].id).not.toBe(p1.body.items[0].id);
  });
});

describe('time zones and dates of an AAP', () => {
  const zones = ['__proto__', 'constructor', 'toString', 'Europe/Atlantis', 'europe/paris', '../etc', ''];
  for (const route of ['/aaps', '/aaps/import']) {
    it(`answers 400 on ${route} when a zone is not an IANA zone, in the opening or the closing`, async () => {
      for (const fuseau of zones) {
        for (const champ of ['ouverture', 'cloture'] as const) {
          const c = contenu(`AAP-Z-${champ}`);
          c.depot.ouverture = { date: '2020-01-01', heure: '08:00', fuseau: 'Europe/Paris' };
          c.depot[champ] = { ...c.depot[champ], fuseau };
          const r = await api.post(route, { as: OI, body: c });
          expect([r.status, r.body.code], `${route} ${champ} ${fuseau}`).toEqual([400, 'REQUETE_INVALIDE']);
          expect(r.body.details.map((d: { chemin: string }) => d.chemin)).toContain(`corps.depot.${champ}.fuseau`);
          expect(r.body.details[0].message).toMatch(/Fuseau horaire/);
        }
      }
    });

    it(`answers 400 on ${route} when a date does not exist`, async () => {
      for (const date of ['2026-02-30', '2026-13-01', '2026-00-10', '2026-02-29', '0000-01-01', '0099-12-31']) {
        for (const champ of ['ouverture', 'cloture'] as const) {
          const c = contenu(`AAP-D-${champ}`);
          c.depot.ouverture = { date: '2020-01-01', heure: '08:00', fuseau: 'Europe/Paris' };
          c.depot[champ] = { ...c.depot[champ], date };
          const r = await api.post(route, { as: OI, body: c });
          expect([r.status, r.body.code], `${route} ${champ} ${date}`).toEqual([400, 'REQUETE_INVALIDE']);
          expect(r.body.details[0].message).toMatch(/date n’existe pas/);
        }
      }
    });
  }

  it('accepts an overseas zone and UTC', async () => {
    for (const [i, fuseau] of ['America/Cayenne', 'Indian/Reunion', 'Pacific/Noumea', 'UTC'].entries()) {
      const c = contenu(`AAP-OUTREMER-${i}`);
      c.depot.cloture = { ...c.depot.cloture, fuseau };
      expect((await api.post('/aaps', { as: OI, body: c })).status, fuseau).toBe(201);
    }
  });
});
