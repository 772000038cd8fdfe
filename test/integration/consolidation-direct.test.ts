/**
 * The current year's report from Guichet's own data (issue 16): the PLIE-year counters maintained from the table's
 * stream agree with the rebuild from the participant records, a stream batch handed twice (or an older one handed
 * late) changes nothing, the rebuild repairs counters gone wrong, and the report, its PDF and workbook read them live.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand, type _Record } from '@aws-sdk/client-dynamodb-streams';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Guichet } from '#local/server';
import { handler } from '#functions/consolidation/agreger';
import { reconstruire, verifier } from '#shared/domain/consolidation/agregats';
import { contexteAgregats } from '#shared/http/contexte-agregats';
import { agregatsPlieRepository } from '#shared/repositories/agregats-plie-repository';
import { dossierRepository } from '#shared/repositories/dossier-repository';
import { client, demarrerGuichet } from './helpers';
import { aapOuvert } from './dossiers-helpers';
import { dossierInstruit, GESTIONNAIRE, P1 } from './comite-helpers';

let g: Guichet;
let api: ReturnType<typeof client>;
const ANNEE = new Date().getUTCFullYear();
const jour = (mois: number, j: number) => `${ANNEE}-${String(mois).padStart(2, '0')}-${String(j).padStart(2, '0')}`;

const personne = (nom: string, dateEntree: string) => ({
  identite: {
    nom, prenom: 'Alex', dateNaissance: '1990-05-20', sexe: 'femme', naissance: { commune: 'Nontron', codePostal: '24300' },
    adresse: { ligne: '3 rue des Tanneries', codePostal: '24300', commune: 'Nontron' }, telephoneMobile: null, telephoneDomicile: null, courriel: null,
  },
  dateEntree,
  questionnaire: { questionnaire: 'FSEPLUS-2021-1057', reponses: { Q1a: 'non', Q1b: 'non', Q1c: 'non', Q1d: 'non', Q1e: 'non', Q1f: 'oui', Q1g: 8, Q2: '2b', Q3: 'non', Q4: 'non', Q5: 'nsp', Q6: 'non', Q7: 'non' } },
  plie: { prescripteur: 'Mission locale', decisionCommission: null, contratEngagementSigneLe: null },
  notice: { remiseLe: dateEntree, mode: 'papier' },
});

/** Every record of the table's stream so far (DynamoDB Local), oldest first. */
async function fluxComplet(): Promise<_Record[]> {
  const creds = { accessKeyId: 'local', secretAccessKey: 'local' };
  const dynamo = new DynamoDBClient({ endpoint: g.dynamoEndpoint, region: 'eu-west-3', credentials: creds });
  const streams = new DynamoDBStreamsClient({ endpoint: g.dynamoEndpoint, region: 'eu-west-3', credentials: creds });
  const arn = (await dynamo.send(new DescribeTableCommand({ TableName: g.tableName }))).Table!.LatestStreamArn!;
  const records: _Record[] = [];
  for (const s of (await streams.send(new DescribeStreamCommand({ StreamArn: arn }))).StreamDescription?.Shards ?? []) {
    let it = (await streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: s.ShardId!, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator;
    while (it) {
      const r = await streams.send(new GetRecordsCommand({ ShardIterator: it, Limit: 1000 }));
      records.push(...(r.Records ?? []));
      if (!r.Records?.length) break;
      it = r.NextShardIterator;
    }
  }
  dynamo.destroy();
  streams.destroy();
  return records;
}

beforeAll(async () => {
  g = await demarrerGuichet({ seed: true });
  api = client(g);
}, 120_000);
afterAll(async () => g?.stop());

describe('the PLIE-year counters of the current year', () => {
  let oi = '';
  let plie = '';

  it('are maintained from the stream through creations, edits and exits, and agree with the rebuild; a batch handed twice changes nothing', async () => {
    const d = await dossierInstruit(api, (await aapOuvert(api)).id, 'HP1');
    const dossier = (await dossierRepository.lire(d.id))!;
    oi = dossier.oi;
    plie = dossier.plieId!;
    const cree = async (nom: string, entree: string) => (await api.post(`/dossiers/${d.id}/participants`, { as: P1, body: personne(nom, entree) })).body as { id: string; version: number };
    const a = await cree('Aubert', jour(1, 10));
    const b = await cree('Blanc', jour(1, 12));
    const c = await cree('Colin', jour(1, 15));
    // An edit (the name), then two exits: an abandon and a move.
    const edite = await api.put(`/dossiers/${d.id}/participants/${a.id}`, { as: P1, headers: { 'if-match': String(a.version) }, body: personne('Aubert-Martin', jour(1, 10)) });
    expect(edite.status).toBe(200);
    expect((await api.post(`/dossiers/${d.id}/participants/${b.id}/sortie`, { as: P1, headers: { 'if-match': String(b.version) }, body: { date: jour(1, 20), situation: 'abandon' } })).status).toBe(200);
    expect((await api.post(`/dossiers/${d.id}/participants/${c.id}/sortie`, { as: P1, headers: { 'if-match': String(c.version) }, body: { date: jour(1, 25), situation: 'demenagement' } })).status).toBe(200);

    const ctx = contexteAgregats();
    await expect.poll(async () => (await verifier(ctx, oi, plie)).concordent, { timeout: 30_000, interval: 300 }).toBe(true);
    const v = await verifier(ctx, oi, plie);
    expect(v.maintenus[ANNEE]).toMatchObject({ entrees: 3, sorties: 2, sansSuite: 2, dontAbandons: 1, dontDemenagements: 1 });
    expect(v.maintenus[ANNEE]!.sortiesPositives).toBeUndefined();
    // Tableau 2bis: the two exits and their days in parcours (8 and 10), kept with the counters and rebuilt alike.
    expect(v.maintenus[ANNEE]).toMatchObject({ duree_toutes_total_tous_nombre: 2, duree_toutes_total_tous_jours: 18, duree_sans_suite_total_femme_nombre: 2, duree_sans_suite_total_femme_jours: 18 });

    // The same batch of the stream (these records, every version of each) handed twice, then only the creations.
    const lot = (await fluxComplet()).filter((r) => r.dynamodb?.Keys?.pk?.S === `DOSSIER#${d.id}` && r.dynamodb?.Keys?.sk?.S?.startsWith('PART#'));
    expect(lot.map((r) => r.eventName)).toEqual(expect.arrayContaining(['INSERT', 'MODIFY']));
    const avant = await agregatsPlieRepository.compteurs(oi, plie);
    for (const records of [lot, lot, lot.filter((r) => r.eventName === 'INSERT')]) {
      const r = await handler({ Records: records } as unknown as DynamoDBStreamEvent);
      expect(r.batchItemFailures).toEqual([]);
      expect(await agregatsPlieRepository.compteurs(oi, plie)).toEqual(avant);
    }
    expect((await verifier(ctx, oi, plie)).concordent).toBe(true);
  }, 120_000);

  it('are recomputed by the rebuild from the participant records when they went wrong', async () => {
    const ctx = contexteAgregats();
    const justes = await agregatsPlieRepository.compteurs(oi, plie);
    await agregatsPlieRepository.remplacer(oi, plie, new Map([[ANNEE, { entrees: 99 }], [1999, { entrees: 1 }]]), []);
    expect((await verifier(ctx, oi, plie)).concordent).toBe(false);
    const r = await reconstruire(ctx, oi, plie);
    expect(r).toMatchObject({ oi, plie, participants: 3, annees: [ANNEE] });
    expect(await agregatsPlieRepository.compteurs(oi, plie)).toEqual(justes);
    expect((await verifier(ctx, oi, plie)).concordent).toBe(true);
  }, 60_000);

  it('feed the current year’s report, labelled live with the time it was computed, its PDF and its workbook', async () => {
    const r = await api.get(`/gestion/consolidation?annee=${ANNEE}`, { as: GESTIONNAIRE });
    expect(r.status).toBe(200);
    expect(r.body.annees).toEqual([ANNEE, 2006]);
    expect(r.body.instantanes).toEqual([expect.objectContaining({ plie, direct: true, importe: null })]);
    expect(Date.parse(r.body.direct.calculeLe)).toBeGreaterThan(Date.now() - 60_000);
    expect(r.body.direct.plies).toEqual([expect.objectContaining({ plie, participants: 3, operations: [] })]);
    expect(r.body.rapport.flux).toMatchObject({ plieRepondants: 1, entrees: 3, enParcoursDurant: 3, enParcoursFin: 1, sansSuite: 2, dontAbandons: 1, dontDemenagements: 1, tauxSortiesPositives: 0 });
    expect(r.body.rapport.repartitions).toEqual(expect.arrayContaining([
      expect.objectContaining({ tableau: 'T1bis', total: 2 }),
      expect.objectContaining({ libelle: 'Entrées de l’année par sexe', lignes: [{ libelle: 'Femmes', valeur: 3 }], total: 3 }),
    ]));
    expect(r.body.rapport.avertissements).toEqual([]);
    // Tableau 2bis from the entry and exit dates: 18 days over 2 exits; the tables Guichet does not record said so, never zeros.
    expect(r.body.rapport.dureesParcours).toMatchObject({ plieRepondants: 1, lignes: expect.arrayContaining([expect.objectContaining({ sortie: 'toutes', public: 'total', nombre: { total: 2, hommes: 0, femmes: 2 }, dureeMoyenne: { total: 0.3, hommes: null, femmes: 0.3 } })]) });
    expect(r.body.rapport.parcours).toBeNull();
    expect(r.body.nonRenseignes.map((x: { tableau: string }) => x.tableau)).toEqual(['T2', 'T2ter', 'T3ter', 'T4', 'T5']);
    // A PLIE asked for without figures this year is listed, not dropped.
    const choisis = await api.get(`/gestion/consolidation?annee=${ANNEE}&plies=${plie},bordeaux`, { as: GESTIONNAIRE });
    expect(choisis.body.plieSansInstantane).toEqual(['bordeaux']);

    const pdf = await api.get(`/gestion/consolidation/rapport.pdf?annee=${ANNEE}`, { as: GESTIONNAIRE });
    expect(pdf.status).toBe(200);
    const chemin = join(mkdtempSync(join(tmpdir(), 'h16-conso-direct-')), 'rapport.pdf');
    writeFileSync(chemin, pdf.body as Uint8Array);
    const texte = spawnSync('pdftotext', ['-layout', chemin, '-'], { encoding: 'utf8' }).stdout.replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ');
    expect(texte).toContain('chiffres en direct des données de Guichet');
    expect(texte).toContain('Flux d’entrées et de sorties (tableau 1) — 1 PLIE');
    expect(texte).toContain('Tableau 2bis : durée des parcours — 1 PLIE');
    expect(texte).toContain('Non renseigné dans Guichet pour l’année en cours (5 tableaux)');
    expect(texte).toContain('Tableau 2 : analyse des parcours — Guichet n’enregistre pas les étapes des parcours');
    const xlsx = await api.get(`/gestion/consolidation/rapport.xlsx?annee=${ANNEE}`, { as: GESTIONNAIRE });
    expect(xlsx.status).toBe(200);
  }, 60_000);
});
