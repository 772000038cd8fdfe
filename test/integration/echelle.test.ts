import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Guichet } from '#local/server';
import { dynamo } from '#shared/repositories/clients';
import { dossierRepository } from '#shared/repositories/dossier-repository';
import type { Dossier } from '#shared/schemas/dossier';
import { semerDossiers } from '../fixtures/dossiers-en-masse';
import { client, demarrerGuichet } from './helpers';
import { aapOuvert, organisation } from './dossiers-helpers';
import { GESTIONNAIRE, P1 } from './comite-helpers';
import { exporter } from './exports-helpers';
import ExcelJS from 'exceljs';

/** The index Queries (IndexName set) the process sends while `f` runs. */
async function requetesIndex<T>(f: () => Promise<T>): Promise<{ r: T; requetes: number }> {
  const espion = vi.spyOn(dynamo(), 'send');
  try {
    const r = await f();
    const requetes = espion.mock.calls.filter(([c]) => c instanceof QueryCommand && !!c.input.IndexName).length;
    return { r, requetes };
  } finally {
    espion.mockRestore();
  }
}

describe('lists at scale', () => {
  let g: Guichet;
  let api: ReturnType<typeof client>;
  let aapId: string;
  let dossiers: Dossier[];
  const nombre = (s: string) => dossiers.filter((d) => d.statut === s).length;

  beforeAll(async () => {
    g = await demarrerGuichet({ seed: true });
    api = client(g);
    aapId = (await aapOuvert(api)).id;
    const org = await organisation(api, P1);
    const brouillon = await api.post('/dossiers', { as: P1, body: { aapId, ficheCode: 'GP2', organisationId: org.id } });
    expect(brouillon.status).toBe(201);
    dossiers = await semerDossiers((await dossierRepository.lire(brouillon.body.id))!, 300);
  }, 120_000);

  afterAll(async () => {
    await g?.stop();
  });

  it('fills the first page of a statut-filtered list with one Query, and pages to the end without an empty page', async () => {
    const { r, requetes } = await requetesIndex(() => api.get(`/gestion/dossiers?aapId=${aapId}&statut=recevable&limit=20`, { as: GESTIONNAIRE }));
    expect(r.status).toBe(200);
    expect(r.body.items).toHaveLength(20);
    expect(r.body.cursor).toEqual(expect.any(String));
    expect(requetes).toBe(1);
    const vus = [...r.body.items];
    for (let cursor = r.body.cursor; cursor; ) {
      const p = (await api.get(`/gestion/dossiers?aapId=${aapId}&statut=recevable&limit=20&cursor=${encodeURIComponent(cursor)}`, { as: GESTIONNAIRE })).body;
      expect(p.items.length).toBeGreaterThan(0);
      vus.push(...p.items);
      cursor = p.cursor;
    }
    expect(vus.every((d: { statut: string }) => d.statut === 'recevable')).toBe(true);
    expect(new Set(vus.map((d: { id: string }) => d.id)).size).toBe(nombre('recevable'));
  });

  it('serves a queue of the OI with one Query and counts it from the counters', async () => {
    const { r, requetes } = await requetesIndex(() => api.get('/gestion/recherche?file=a_instruire&limit=25', { as: GESTIONNAIRE }));
    expect(r.body.items).toHaveLength(25);
    expect(r.body.total).toBe(nombre('recevable'));
    expect(requetes).toBe(1);
  });

  it('counts the tableau de bord’s queues without reading the dossiers', async () => {
    const { r, requetes } = await requetesIndex(() => api.get('/gestion/tableau-de-bord', { as: GESTIONNAIRE }));
    expect(r.body.compteurs).toMatchObject({
      a_examiner: nombre('depose'), complements: nombre('complement_demande'), a_instruire: nombre('recevable'), a_programmer: nombre('selectionne'),
      complements_en_retard: dossiers.filter((d) => d.statut === 'complement_demande' && d.complements!.dateLimite < '2099').length,
    });
    expect(r.body.total).toBe(300);
    // The AAPs of the OI and the compléments queue: never the 300 dossiers page after page.
    expect(requetes).toBeLessThanOrEqual(3);
  });

  it('exports the statut-filtered list and the whole list as jobs, with progress, in CSV and XLSX', async () => {
    const csv = await exporter(api, GESTIONNAIRE, { aapId, statut: 'recevable', format: 'csv' });
    const lignesCsv = csv.fichier.toString('utf8').split('\r\n').filter(Boolean);
    expect(lignesCsv).toHaveLength(1 + nombre('recevable'));
    expect(csv.suivi).toMatchObject({ etat: 'termine', lignes: nombre('recevable'), nomFichier: expect.stringMatching(/\.csv$/) });

    const xlsx = await exporter(api, GESTIONNAIRE, { aapId, format: 'xlsx' });
    const classeur = await new ExcelJS.Workbook().xlsx.load(xlsx.fichier as unknown as ArrayBuffer);
    const feuille = classeur.worksheets[0]!;
    expect(feuille.getRow(1).getCell(1).value).toBe('Référence');
    expect(feuille.actualRowCount).toBe(1 + 300);
    expect(xlsx.suivi.lignes).toBe(300);
    expect(typeof feuille.getRow(2).getCell(10).value).toBe('number');
  }, 120_000);

  it('refuses a job to a porteur with a 403, and an unknown job with a 404', async () => {
    const { suivi } = await exporter(api, GESTIONNAIRE, { aapId, statut: 'depose', format: 'csv' });
    expect((await api.get(`/gestion/exports/${suivi.id}`, { as: P1 })).status).toBe(403);
    expect((await api.get('/gestion/exports/01ARZ3NDEKTSV4RRFFQ69G5FAV', { as: GESTIONNAIRE })).status).toBe(404);
  });
});
