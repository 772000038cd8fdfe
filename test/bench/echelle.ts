/**
 * Lists and exports at scale: 10 000 deposited dossiers seeded by BatchWrite through the repository's item builder,
 * then every page of a statut-filtered list through the API (time and DynamoDB calls per page, against one raw Query
 * of the same index page as the floor), and export jobs (CSV, XLSX; one statut and the whole AAP) from the request to
 * the download link, with the calls the job made.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ClientApi } from '#local/client-api';
import type { Guichet } from '#local/server';
import { tableName } from '#shared/config';
import { dynamo, ecouterAppels } from '#shared/repositories/clients';
import { dossierRepository } from '#shared/repositories/dossier-repository';
import { semerDossiers } from '../fixtures/dossiers-en-masse';
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

  return {
    echelle: {
      dossiers: n + 1,
      semis: { dossiers: n, ms: semisMs, note: 'BatchWrite de 25 items construits par item() du repository, compteurs de l’OI mis à jour' },
      listeParStatut: {
        statut: 'recevable', dossiersDuStatut: recevables, taillePage: PAGE, pages: pages.length,
        pagesVidesAvecCurseur: pages.filter((p) => p.items === 0).length,
        requetesParPage: { min: Math.min(...pages.map((p) => p.appels.QueryCommand ?? 0)), max: Math.max(...pages.map((p) => p.appels.QueryCommand ?? 0)) },
        appelsParPage: pages[0]!.appels,
        ...comparaison(stats(pages.map((p) => p.ms)), stats(brut)),
      },
      exports: [
        await exporter({ aapId, statut: 'recevable', format: 'csv' }),
        await exporter({ aapId, statut: 'recevable', format: 'xlsx' }),
        await exporter({ aapId, format: 'csv' }),
        await exporter({ aapId, format: 'xlsx' }),
      ],
    },
  };
}
