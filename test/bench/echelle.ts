/**
 * Lists and exports at scale: 10 000 deposited dossiers seeded by BatchWrite through the repository's item builder,
 * then every page of a statut-filtered list through the API (time and DynamoDB calls per page, against one raw Query
 * of the same index page as the floor), and export jobs (CSV, XLSX; one statut and the whole AAP) from the request to
 * the download link, with the calls the job made. Then 250 dossiers of another PLIE join the 10 000: every page of the
 * PLIE-filtered list, alone and with a statut (calls and items read per page, against one raw Query of its gsi4 page),
 * and what filling one page would read with the PLIE as a FilterExpression in the AAP's partition (as before gsi4).
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ClientApi } from '#local/client-api';
import type { Guichet } from '#local/server';
import { tableName } from '#shared/config';
import { dynamo, ecouterAppels } from '#shared/repositories/clients';
import { dossierRepository, segmentPlie } from '#shared/repositories/dossier-repository';
import { semerDossiers, STATUTS_DEPOSES } from '../fixtures/dossiers-en-masse';
import { aapDemoId, brouillons } from './depot';
import { comparaison, mesurer, stats } from './stats';

const OI = 'oi@guichet.test';
const PAGE = 50;

/** Counts the DynamoDB calls the process sends (by operation) while `f` runs, through the client's own recorder. */
export async function compter<T>(f: () => Promise<T>): Promise<{ r: T; appels: Record<string, number> }> {
  const ecoute = ecouterAppels();
  try {
    const r = await f();
    const appels: Record<string, number> = {};
    for (const a of ecoute.appels) appels[a.operation] = (appels[a.operation] ?? 0) + 1;
    return { r, appels };
  } finally {
    ecoute.arreter();
  }
}

export async function benchEchelle(g: Guichet, api: ClientApi, n = 10_000) {
  const aapId = await aapDemoId(g);
  const modele = (await dossierRepository.lire((await brouillons(api, aapId, 1, 990))[0]!))!;
  const t0 = performance.now();
  const dossiers = await semerDossiers(modele, n);
  const semisMs = Math.round(performance.now() - t0);
  const recevables = dossiers.filter((d) => d.statut === 'recevable').length;

  // Every page of the recevable dossiers, first to last.
  const pages: Array<{ ms: number; items: number; appels: Record<string, number> }> = [];
  let cursor: string | null = null;
  do {
    const t = performance.now();
    const suffixe: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const { r, appels } = await compter(() => api.appel<{ items: unknown[]; cursor: string | null }>(OI, 'GET', `/gestion/dossiers?aapId=${aapId}&statut=recevable&limit=${PAGE}${suffixe}`));
    pages.push({ ms: performance.now() - t, items: r.items.length, appels });
    cursor = r.cursor;
  } while (cursor);
  const brut = await mesurer(pages.length, () => dynamo().send(new QueryCommand({
    TableName: tableName(), IndexName: 'gsi3', KeyConditionExpression: 'gsi3pk = :p AND begins_with(gsi3sk, :a)',
    ExpressionAttributeValues: { ':p': `DOSOI#${modele.oi}#recevable`, ':a': `${aapId}#` }, Limit: PAGE + 1,
  })), 5);

  const exporter = async (demande: Record<string, unknown>) => {
    const t = performance.now();
    const { r, appels } = await compter(async () => {
      const tache = await api.appel<{ id: string }>(OI, 'POST', '/gestion/dossiers/exports', demande);
      for (;;) {
        const s = await api.appel<{ etat: string; lignes: number; url: string | null }>(OI, 'GET', `/gestion/exports/${tache.id}`);
        if (s.etat === 'termine' || s.etat === 'echoue') return s;
        await new Promise((ok) => setTimeout(ok, 100));
      }
    });
    const fichier = r.url ? (await (await fetch(r.url)).arrayBuffer()).byteLength : 0;
    return { demande, etat: r.etat, lignes: r.lignes, octets: fichier, ms: Math.round(performance.now() - t), appelsDynamo: appels };
  };

  const exports = [
    await exporter({ aapId, statut: 'recevable', format: 'csv' }),
    await exporter({ aapId, statut: 'recevable', format: 'xlsx' }),
    await exporter({ aapId, format: 'csv' }),
    await exporter({ aapId, format: 'xlsx' }),
  ];

  // The PLIE filter: 250 dossiers of another PLIE join the AAP's 10 001 (after the exports, whose figures stay those of
  // the 10 001), deposited after them and named to sort after theirs in gsi2 (`<fiche>#<plie>#…`) too: a filter in the AAP's
  // partition reads the 10 001 first, as it did with gsi2's former order (fiche, dépôt).
  const plie = 'Z — PLIE de mesure';
  const duPlie = await semerDossiers({ ...modele, plie }, 250, STATUTS_DEPOSES, Date.parse('2026-09-01T08:00:00Z'));
  // Each list walked five times, first page to last: the figures are those of every page of every walk.
  const FOIS = 5;
  const parPlie = await parcourir(api, `/gestion/dossiers?aapId=${aapId}&plie=${encodeURIComponent(plie)}`, FOIS);
  const parPlieEtStatut = await parcourir(api, `/gestion/dossiers?aapId=${aapId}&plie=${encodeURIComponent(plie)}&statut=recevable`, FOIS);
  const brutPlie = await mesurer(parPlie.length, () => dynamo().send(new QueryCommand({
    TableName: tableName(), IndexName: 'gsi4', KeyConditionExpression: 'gsi4pk = :p',
    ExpressionAttributeValues: { ':p': `DOSPLIE#${aapId}#${segmentPlie(plie)}` }, Limit: PAGE + 1,
  })), 5);
  const brutPlieStatut = await mesurer(parPlieEtStatut.length, () => dynamo().send(new QueryCommand({
    TableName: tableName(), IndexName: 'gsi4', KeyConditionExpression: 'gsi4pk = :p AND begins_with(gsi4sk, :s)',
    ExpressionAttributeValues: { ':p': `DOSPLIE#${aapId}#${segmentPlie(plie)}`, ':s': 'recevable#' }, Limit: PAGE + 1,
  })), 5);
  // As before gsi4: the AAP's partition read until a page of the PLIE's dossiers (and one more) passed the filter.
  let requetesAvant = 0;
  let lusAvant = 0;
  let retenusAvant = 0;
  const tAvant = performance.now();
  for (let debut: Record<string, unknown> | undefined; requetesAvant < 1000 && retenusAvant <= PAGE; requetesAvant++) {
    const r = await dynamo().send(new QueryCommand({
      TableName: tableName(), IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :p', FilterExpression: 'plie = :plie',
      ExpressionAttributeValues: { ':p': `AAPDOS#${aapId}`, ':plie': plie }, Limit: PAGE + 1 - retenusAvant,
      ...(debut ? { ExclusiveStartKey: debut } : {}),
    }));
    lusAvant += r.ScannedCount ?? 0;
    retenusAvant += r.Count ?? 0;
    debut = r.LastEvaluatedKey;
    if (!debut) break;
  }
  const msAvant = Math.round(performance.now() - tAvant);
  const resume = (pages: Page[], dossiersFiltres: number, brut: number[]) => ({
    dossiersFiltres, taillePage: PAGE, pages: pages.length / FOIS, parcours: FOIS,
    pagesVidesAvecCurseur: pages.filter((p) => p.items === 0).length,
    requetesParPage: { min: Math.min(...pages.map((p) => p.requetes)), max: Math.max(...pages.map((p) => p.requetes)) },
    itemsLusParPage: { min: Math.min(...pages.map((p) => p.lus)), max: Math.max(...pages.map((p) => p.lus)) },
    index: [...new Set(pages.flatMap((p) => p.index))],
    appelsParPage: pages[0]!.appels,
    ...comparaison(stats(pages.map((p) => p.ms)), stats(brut)),
  });

  return {
    echelle: {
      dossiers: n + 1,
      semis: { dossiers: n, ms: semisMs, note: 'BatchWrite de 25 items construits par item() du repository, compteurs de l’OI mis à jour' },
      listeParStatut: {
        statut: 'recevable', dossiersDuStatut: recevables, taillePage: PAGE, pages: pages.length,
        pagesVidesAvecCurseur: pages.filter((p) => p.items === 0).length,
        requetesParPage: { min: Math.min(...pages.map((p) => p.appels.Query ?? 0)), max: Math.max(...pages.map((p) => p.appels.Query ?? 0)) },
        appelsParPage: pages[0]!.appels,
        ...comparaison(stats(pages.map((p) => p.ms)), stats(brut)),
      },
      exports,
      listeParPlie: {
        plie, dossiersDansLAap: n + 1 + duPlie.length,
        ...resume(parPlie, duPlie.length, brutPlie),
        avantGsi4: {
          note: 'le PLIE en FilterExpression dans la partition AAPDOS de l’AAP (gsi2), lue jusqu’à 51 dossiers retenus ; la liste d’avant s’arrêtait à 25 Query par requête (page vide avec curseur)',
          requetes: requetesAvant, itemsLus: lusAvant, retenus: retenusAvant, ms: msAvant,
        },
      },
      listeParPlieEtStatut: { plie, statut: 'recevable', ...resume(parPlieEtStatut, duPlie.filter((d) => d.statut === 'recevable').length, brutPlieStatut) },
    },
  };
}

/** `requetes`, `lus`, `index`: the list's Queries (on a partition of dossiers); `appels`: every call of the request. */
interface Page { ms: number; items: number; requetes: number; lus: number; index: string[]; appels: Record<string, number> }

/** Every page of a list, first to last, `fois` times: its time, its DynamoDB calls, its Queries, the items they read, their index. */
async function parcourir(api: ClientApi, chemin: string, fois: number): Promise<Page[]> {
  const pages: Page[] = [];
  for (let i = 0; i < fois; i++) pages.push(...(await unParcours(api, chemin)));
  return pages;
}

async function unParcours(api: ClientApi, chemin: string): Promise<Page[]> {
  const pages: Page[] = [];
  let cursor: string | null = null;
  do {
    const suffixe: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const ecoute = ecouterAppels();
    const t = performance.now();
    try {
      const r: { items: unknown[]; cursor: string | null } = await api.appel(OI, 'GET', `${chemin}&limit=${PAGE}${suffixe}`);
      const ms = performance.now() - t;
      // The list's own Queries (a partition of dossiers), apart from the caller's and the AAP's reads.
      const requetes = ecoute.appels.filter((a) => a.operation.startsWith('Query') && /^(DOSPLIE|AAPDOS|DOSOI|ORGDOS)#/.test(a.cles[0] ?? ''));
      const appels: Record<string, number> = {};
      for (const a of ecoute.appels) appels[a.operation] = (appels[a.operation] ?? 0) + 1;
      pages.push({
        ms, items: r.items.length, requetes: requetes.length, lus: requetes.reduce((n, a) => n + (a.lus ?? 0), 0),
        index: requetes.flatMap((a) => (a.index ? [a.index] : [])), appels,
      });
      cursor = r.cursor;
    } finally {
      ecoute.arreter();
    }
  } while (cursor);
  return pages;
}
