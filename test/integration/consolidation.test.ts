/**
 * Reporting and consolidation through the API (issue 16): the 2006 national consolidation shipped with the demo
 * (seed 000) read by the OI's agents with the seed's figures and its inconsistencies flagged; past years' counts
 * imported by the OI's admin as a CSV, consolidated over several PLIE from summed counts; bad lines refused whole.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Guichet } from '#local/server';
import { client, demarrerGuichet } from './helpers';

let g: Guichet;
let api: ReturnType<typeof client>;
const OI = 'oi@guichet.test';
const GESTIONNAIRE = 'gestionnaire@guichet.test';
const ENTETE = 'annee;plie;libelle;entrees;en_parcours_durant;en_parcours_fin;sorties_positives;dont_emploi;sans_suite;dont_abandons;dont_demenagements;dont_autres;fse_total;fse_directs;fse_indirects;collectivites_locales_total;collectivites_locales_directs;collectivites_locales_indirects;fse_demande;fse_consomme;taux_sorties_positives_imprime';

beforeAll(async () => {
  g = await demarrerGuichet({ seed: true });
  api = client(g);
}, 120_000);
afterAll(async () => g?.stop());

describe('the consolidation of the OI’s PLIE', () => {
  it('shows the gestionnaire the 2006 national consolidation with the seed’s figures, the PLIE behind each table and its inconsistencies', async () => {
    const r = await api.get('/gestion/consolidation?annee=2006', { as: GESTIONNAIRE });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ oi: 'AGAPE', annee: 2006, annees: [new Date().getUTCFullYear(), 2006], instantanes: [{ plie: 'RESEAU-AVE', direct: false }], direct: null });
    expect(r.body.rapport.flux).toMatchObject({ plieRepondants: 143, tauxSortiesPositives: 41.95, stockFinCalcule: 93_391 });
    expect(r.body.rapport.financements).toMatchObject({ plieRepondants: 149, tauxRealisationFse: 83.34 });
    expect(r.body.rapport.ratios.coutParParticipant).toBe(1377.01);
    expect(r.body.rapport.avertissements.map((a: { calcule: number; imprime: number }) => [a.calcule, a.imprime])).toEqual(expect.arrayContaining([[26.02, 25], [30_429, 29_315]]));
  });

  it('prints the year’s report as a PDF (the figures and the warnings, same bytes twice) and a workbook with one sheet per table', async () => {
    const pdf = await api.get('/gestion/consolidation/rapport.pdf?annee=2006', { as: GESTIONNAIRE });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from((await api.get('/gestion/consolidation/rapport.pdf?annee=2006', { as: OI })).body as Uint8Array).equals(Buffer.from(pdf.body as Uint8Array))).toBe(true);
    const chemin = join(mkdtempSync(join(tmpdir(), 'guichet-conso-')), 'rapport.pdf');
    writeFileSync(chemin, pdf.body as Uint8Array);
    const texte = spawnSync('pdftotext', ['-layout', chemin, '-'], { encoding: 'utf8' }).stdout.replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ');
    expect(texte).toContain('Flux d’entrées et de sorties (tableau 1) — 143 PLIE');
    expect(texte).toMatch(/Taux de sorties positives 41,95 %/);
    expect(texte).toMatch(/Coût par participant 1 377,01 €/);
    expect(texte).toContain('25 imprimé (l.222), 26,02 d’après les effectifs');
    const xlsx = await api.get('/gestion/consolidation/rapport.xlsx?annee=2006', { as: GESTIONNAIRE });
    expect(xlsx.status).toBe(200);
    const classeur = new ExcelJS.Workbook();
    await classeur.xlsx.load(Buffer.from(xlsx.body as Uint8Array) as never);
    expect(classeur.worksheets.map((f) => f.name)).toEqual(['T1 flux (143 PLIE)', 'T3 financements (149 PLIE)', 'Répartitions', 'Ratios', 'Avertissements']);
    const t1 = classeur.getWorksheet('T1 flux (143 PLIE)')!;
    expect(t1.getRow(12).values).toEqual([undefined, 'Taux de sorties positives (%)', 41.95]);
    expect((await api.get('/gestion/consolidation/rapport.pdf?annee=1999', { as: GESTIONNAIRE })).body.code).toBe('AUCUN_CHIFFRE');
  });

  it('imports past years’ counts per PLIE from a CSV and consolidates them from summed counts, never from their rates', async () => {
    const csv = `\uFEFF${ENTETE}\n2024;bordeaux;PLIE de Bordeaux;100;300;200;10;8;90;40;10;40;50 000;50 000;0;20 000;10 000;10 000;60 000;50 000;10\n2024;agenais;PLIE de l’Agenais;200;1 500;500;900;800;100;50;10;40;;;;;;;;;\n`;
    const r = await api.post('/gestion/consolidation/imports', { as: OI, body: { csv } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ importes: 2, annees: [2024] });
    const deux = await api.get('/gestion/consolidation?annee=2024', { as: GESTIONNAIRE });
    expect(deux.body.rapport.flux).toMatchObject({ plieRepondants: 2, sortiesPositives: 910, sansSuite: 190, tauxSortiesPositives: 82.73 });
    // Financing from Bordeaux only: the table says it rests on one PLIE and names the other.
    expect(deux.body.rapport.financements).toMatchObject({ plieRepondants: 1, plieSansDonnees: ['agenais'], tauxRealisationFse: 83.33 });
    const un = await api.get('/gestion/consolidation?annee=2024&plies=bordeaux,sources', { as: GESTIONNAIRE });
    expect(un.body.rapport.flux.tauxSortiesPositives).toBe(10);
    expect(un.body.plieSansInstantane).toEqual(['sources']);
    expect(un.body.annees).toEqual([new Date().getUTCFullYear(), 2024, 2006]);
  });

  it('refuses the whole file, line by line in French, for a negative count, a rate above 100 %, an unknown PLIE or a future year; imports and flags a contradicting total', async () => {
    const futur = new Date().getUTCFullYear() + 1;
    const csv = `${ENTETE}\n2023;bordeaux;Bordeaux;-5;300;200;10;8;90;40;10;40;;;;;;;;;\n2023;agenais;Agenais;1;1;1;0;0;0;0;0;0;;;;;;;;;140\n2023;lune;PLIE de la Lune;1;1;1;0;0;0;0;0;0;;;;;;;;;\n${futur};sources;Sources;1;1;1;0;0;0;0;0;0;;;;;;;;;\n`;
    const r = await api.post('/gestion/consolidation/imports', { as: OI, body: { csv } });
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('IMPORT_CONSOLIDATION_INVALIDE');
    const details = r.body.details.map((d: { chemin: string; message: string }) => d.message);
    expect(details).toEqual([
      expect.stringMatching(/^Ligne 2 \(bordeaux\) : .*négatif/),
      expect.stringMatching(/^Ligne 3 \(agenais\) : .*dépasser 100 %/),
      expect.stringMatching(/^Ligne 4 \(lune\) : PLIE « lune » inconnu de votre OI/),
      expect.stringMatching(new RegExp(`^Ligne 5 \\(sources\\) : Année ${futur} future`)),
    ]);
    expect((await api.get('/gestion/consolidation?annee=2023', { as: OI })).body.instantanes).toEqual([]);

    const contradictoire = `${ENTETE}\n2022;sources;Sources;10;50;45;5;3;5;1;1;1;;;;;;;;;\n`;
    const ok = await api.post('/gestion/consolidation/imports', { as: OI, body: { csv: contradictoire } });
    expect(ok.status).toBe(201);
    expect(ok.body.avertissements.map((a: { code: string; calcule: number; imprime: number }) => [a.code, a.calcule, a.imprime])).toEqual([['STOCK_FIN', 40, 45], ['SOMME_LIGNES', 3, 5]]);
    expect((await api.get('/gestion/consolidation?annee=2022', { as: OI })).body.rapport.flux.enParcoursFin).toBe(45);
  });

  it('is the OI’s alone: a porteur is refused, another OI sees none of AGAPE’s snapshots', async () => {
    expect((await api.get('/gestion/consolidation', { as: 'porteur@guichet.test' })).status).toBe(403);
    expect((await api.post('/gestion/consolidation/imports', { as: GESTIONNAIRE, body: { csv: `${ENTETE}\n2020;bordeaux;B;1;1;1;0;0;0;0;0;0;;;;;;;;;` } })).status).toBe(403);
    const autre = await api.get('/gestion/consolidation', { as: 'oi-mulhouse@guichet.test' });
    expect(autre.status).toBe(200);
    // The current year is offered to every OI (live figures), even before any figure exists.
    expect(autre.body).toMatchObject({ oi: 'MEF-MULHOUSE', annees: [new Date().getUTCFullYear()], instantanes: [], annee: new Date().getUTCFullYear(), direct: { plies: [] } });
  });
});
