/**
 * Every filter of the OI's list of an AAP's dossiers (fiche, PLIE, statut, organisation, in each combination the page
 * can produce) is a key condition: a page is one Query reading what it returns and one more, however many dossiers
 * of the AAP do not match. Calls and items read are counted on the real client (`ecouterAppels`, ScannedCount).
 */
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Guichet } from '#local/server';
import { tableName } from '#shared/config';
import { dynamo, ecouterAppels, type AppelDynamo } from '#shared/repositories/clients';
import { clesListe, dossierRepository, item, sansCles } from '#shared/repositories/dossier-repository';
import { indexerDossiersParFiltres } from '#shared/repositories/migrations';
import { handler as migrer } from '#functions/systeme/migrer';
import { Dossier } from '#shared/schemas/dossier';
import { semerDossiers, STATUTS_DEPOSES } from '../fixtures/dossiers-en-masse';
import { client, demarrerGuichet } from './helpers';
import { aapOuvert, organisation } from './dossiers-helpers';
import { conventionEnVigueur, GESTIONNAIRE, OI, P1 } from './comite-helpers';

const CIBLE = 'PLIE Cible #1';
/** A name that is a prefix of the target's: its dossiers must not show under the target. */
const PREFIXE = 'PLIE Cible';

async function appelsDe<T>(f: () => Promise<T>): Promise<{ r: T; appels: AppelDynamo[] }> {
  const e = ecouterAppels();
  try {
    return { r: await f(), appels: e.appels };
  } finally {
    e.arreter();
  }
}
const requetes = (appels: AppelDynamo[]) => appels.filter((a) => a.operation.startsWith('Query'));

type Filtres = { ficheCode?: string; plie?: string; statut?: Dossier['statut']; organisationId?: string };

describe('the OI list of an AAP’s dossiers, filtered', () => {
  let g: Guichet;
  let api: ReturnType<typeof client>;
  let aapId: string;
  let modele: Dossier;
  let tous: Dossier[];

  beforeAll(async () => {
    g = await demarrerGuichet({ seed: true });
    api = client(g);
    aapId = (await aapOuvert(api)).id;
    const org = await organisation(api, P1);
    const brouillon = await api.post('/dossiers', { as: P1, body: { aapId, ficheCode: 'GP2', organisationId: org.id } });
    expect(brouillon.status).toBe(201);
    modele = (await dossierRepository.lire(brouillon.body.id))!;
    // 300 dossiers of another PLIE (two fiches; organisations masse-0… hold one dossier of each), 5 of the target, 3 of
    // a PLIE whose name is a prefix of the target's.
    const autre = { ...modele, plie: 'PLIE Autre' };
    tous = [
      ...(await semerDossiers({ ...autre, ficheCode: 'GP2' }, 150)),
      ...(await semerDossiers({ ...autre, ficheCode: 'GP1' }, 150, STATUTS_DEPOSES, Date.parse('2026-04-01T08:00:00Z'))),
      ...(await semerDossiers({ ...modele, ficheCode: 'GP3', plie: CIBLE }, 5, STATUTS_DEPOSES, Date.parse('2026-05-01T08:00:00Z'))),
      ...(await semerDossiers({ ...modele, ficheCode: 'GP4', plie: PREFIXE }, 3, STATUTS_DEPOSES, Date.parse('2026-06-01T08:00:00Z'))),
    ];
  }, 120_000);

  afterAll(async () => {
    await g?.stop();
  });

  /** Every page of the list with these filters, each page's Queries and items read. */
  async function toutesLesPages(f: Filtres, limit: number) {
    const pages: { ids: string[]; requetes: AppelDynamo[] }[] = [];
    let cursor: string | undefined;
    do {
      const { r, appels } = await appelsDe(() => dossierRepository.parAap({ ...f, oi: modele.oi, aapId, limit, ...(cursor ? { cursor } : {}) }));
      pages.push({ ids: r.items.map((d) => d.id), requetes: requetes(appels) });
      cursor = r.cursor ?? undefined;
    } while (cursor && pages.length < 100);
    return pages;
  }

  const attendus = (f: Filtres) =>
    tous.filter((d) => (!f.ficheCode || d.ficheCode === f.ficheCode) && (!f.plie || d.plie === f.plie)
      && (!f.statut || d.statut === f.statut) && (!f.organisationId || d.organisationId === f.organisationId)).map((d) => d.id).sort();

  it('serves a PLIE among 300 dossiers of another with one Query per page reading at most limit + 1 items, through the API', async () => {
    const { r, appels } = await appelsDe(() => api.get(`/gestion/dossiers?aapId=${aapId}&plie=${encodeURIComponent(CIBLE)}&limit=3`, { as: GESTIONNAIRE }));
    expect(r.status).toBe(200);
    expect(r.body.items).toHaveLength(3);
    const listes = requetes(appels);
    expect(listes).toHaveLength(1);
    expect(listes[0]).toMatchObject({ index: 'gsi4', lus: 4 });
    const suite = await appelsDe(() => api.get(`/gestion/dossiers?aapId=${aapId}&plie=${encodeURIComponent(CIBLE)}&limit=3&cursor=${encodeURIComponent(r.body.cursor)}`, { as: GESTIONNAIRE }));
    expect(suite.r.body.items).toHaveLength(2);
    expect(suite.r.body.cursor).toBeNull();
    expect(requetes(suite.appels).map((a) => a.lus)).toEqual([2]);
    const ids = [...r.body.items, ...suite.r.body.items].map((d: { id: string }) => d.id).sort();
    expect(ids).toEqual(attendus({ plie: CIBLE }));
    expect(r.body.items.every((d: { plie: string }) => d.plie === CIBLE)).toBe(true);
  });

  it('serves each combination of fiche, PLIE, statut and organisation by a key condition: pages read what they return and one more', async () => {
    const valeurs: Filtres[] = [
      { ficheCode: 'GP3', plie: CIBLE, statut: 'recevable', organisationId: 'masse-2' },
      { ficheCode: 'GP2', plie: 'PLIE Autre', statut: 'depose', organisationId: 'masse-8' },
      { ficheCode: 'GP3', plie: 'PLIE Autre', statut: 'instruit', organisationId: 'masse-4' },
      { ficheCode: 'GP4', plie: PREFIXE, statut: 'depose', organisationId: 'masse-0' },
    ];
    const cles = ['ficheCode', 'plie', 'statut', 'organisationId'] as const;
    for (const v of valeurs) {
      for (let masque = 0; masque < 16; masque++) {
        const f: Filtres = Object.fromEntries(cles.filter((_, i) => masque & (1 << i)).map((k) => [k, v[k]]));
        const pages = await toutesLesPages(f, 7);
        const contexte = JSON.stringify(f);
        expect(pages.flatMap((p) => p.ids).sort(), contexte).toEqual(attendus(f));
        for (const p of pages) {
          expect(p.requetes, contexte).toHaveLength(1);
          // An organisation holds one dossier per fiche of the AAP at most (four fiches here): what it filters is bounded
          // by that; every other filter reads the page and the one item that says a next page exists.
          const borne = f.organisationId ? tous.filter((d) => d.organisationId === f.organisationId).length : p.ids.length + 1;
          expect(p.requetes[0]!.lus, contexte).toBeLessThanOrEqual(borne);
        }
      }
    }
  }, 120_000);

  it('keeps every key through the write paths: creation, save, dépôt, recevabilité, instruction, comité, programmation, convention', async () => {
    // Every dossier item written on the way (PutItem or a transaction's Put) carries the keys of what it holds.
    const espion = vi.spyOn(dynamo(), 'send');
    let d: Awaited<ReturnType<typeof conventionEnVigueur>>;
    let appels: unknown[][];
    try {
      d = await conventionEnVigueur(api, aapId);
    } finally {
      appels = [...espion.mock.calls];
      espion.mockRestore();
    }
    const ecrits = appels.flatMap(([c]) => {
      const input = (c as { input: { Item?: Record<string, unknown>; TransactItems?: { Put?: { Item: Record<string, unknown> } }[] } }).input;
      return [input.Item, ...(input.TransactItems ?? []).map((t) => t.Put?.Item)];
    }).filter((i): i is Record<string, unknown> => !!i && String(i.pk).startsWith('DOSSIER#') && i.sk === 'META');
    const statuts = new Set<string>();
    for (const i of ecrits) {
      const ecrit = Dossier.parse(sansCles(i));
      statuts.add(ecrit.statut);
      const attendues = clesListe(ecrit);
      expect(i, `${ecrit.statut} v${ecrit.version}`).toMatchObject(attendues);
      for (const k of ['gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk', 'gsi4pk', 'gsi4sk']) if (!(k in attendues)) expect(i[k], k).toBeUndefined();
    }
    expect([...statuts]).toEqual(expect.arrayContaining(['brouillon', 'depose', 'recevable', 'instruit', 'inscrit_comite', 'selectionne', 'programme']));
    // The convention's writes (convention-repository) too.
    expect(ecrits.filter((i) => (i.suivi as { convention?: unknown } | undefined)?.convention).length).toBeGreaterThan(1);
    const lu = (await dossierRepository.lire(d!.id))!;
    const stocke = (await dynamo().send(new GetCommand({ TableName: tableName(), Key: { pk: `DOSSIER#${d!.id}`, sk: 'META' } }))).Item!;
    expect(stocke).toMatchObject(clesListe(lu));
    const programmes = await toutesLesPages({ plie: lu.plie, statut: 'programme' }, 50);
    expect(programmes.flatMap((p) => p.ids)).toContain(d!.id);
    for (const statut of ['depose', 'recevable', 'instruit', 'inscrit_comite', 'selectionne'] as const) {
      expect((await toutesLesPages({ plie: lu.plie, statut }, 50)).flatMap((p) => p.ids), statut).not.toContain(d!.id);
    }
    const parFiche = await toutesLesPages({ ficheCode: lu.ficheCode, plie: lu.plie }, 50);
    expect(parFiche.flatMap((p) => p.ids)).toContain(d!.id);
    const parOrganisation = await toutesLesPages({ organisationId: lu.organisationId, statut: 'programme' }, 50);
    expect(parOrganisation.flatMap((p) => p.ids)).toEqual([d!.id]);
    expect((await api.get(`/gestion/dossiers?aapId=${aapId}&plie=${encodeURIComponent(lu.plie)}&statut=programme`, { as: OI })).body.items.map((x: { id: string }) => x.id)).toContain(d!.id);
  }, 120_000);

  it('gives dossiers stored before these keys their keys after a deployment (and at start), once', async () => {
    const [ancien] = await semerDossiers({ ...modele, ficheCode: 'GP9', plie: 'PLIE Ancien' }, 1, ['recevable'], Date.parse('2026-07-01T08:00:00Z'));
    const { gsi4pk: _p, gsi4sk: _s, ...sansGsi4 } = item(ancien!);
    await dynamo().send(new PutCommand({
      TableName: tableName(),
      Item: { ...sansGsi4, gsi1sk: `${ancien!.creeLe}#${ancien!.id}`, gsi2sk: `GP9#${ancien!.depot!.deposeLe}#${ancien!.id}` },
    }));
    expect((await toutesLesPages({ plie: 'PLIE Ancien' }, 10)).flatMap((p) => p.ids)).toEqual([]);
    // The function a deployment's trigger runs, on a table where this migration has not run yet (its record removed):
    // it finds the OI (its published AAP), migrates it and records it; the next deployment skips it.
    await dynamo().send(new DeleteCommand({ TableName: tableName(), Key: { pk: 'MIGRATIONS', sk: 'dossiers-par-filtres' } }));
    const premier = await migrer({});
    expect(premier.faites).toEqual(['dossiers-par-filtres']);
    expect(premier.parOi[modele.oi]).toEqual({ 'dossiers-par-filtres': 1 });
    expect(await migrer({})).toEqual({ faites: [], parOi: {} });
    expect(await indexerDossiersParFiltres(modele.oi)).toBe(0);
    expect((await toutesLesPages({ plie: 'PLIE Ancien' }, 10)).flatMap((p) => p.ids)).toEqual([ancien!.id]);
    expect((await toutesLesPages({ ficheCode: 'GP9', plie: 'PLIE Ancien' }, 10)).flatMap((p) => p.ids)).toEqual([ancien!.id]);
    expect((await toutesLesPages({ organisationId: ancien!.organisationId, statut: 'recevable', ficheCode: 'GP9' }, 10)).flatMap((p) => p.ids)).toEqual([ancien!.id]);
  });
});
