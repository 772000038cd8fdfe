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
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Guichet } from '#local/server';
import { seedDossiersDemo } from '#local/demo-dossiers';
import { tableName } from '#shared/config';
import { aapRepository } from '#shared/repositories/aap-repository';
import { dynamo } from '#shared/repositories/clients';
import { dossierRepository } from '#shared/repositories/dossier-repository';
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
    // Tableaux 2 to 5 from the shipped snapshot: the seed's check values from its counts, its inconsistencies with both figures.
    expect(r.body.rapport.parcours).toMatchObject({ plieRepondants: 96, etapesParBeneficiaire: 3, total: { stock: { total: 47_261 }, cumul: { total: 141_703 } } });
    expect(r.body.rapport.dureesParcours).toMatchObject({ plieRepondants: 110 });
    expect(r.body.rapport.beneficiairesSiae).toMatchObject({ plieRepondants: null, partFinanceeParLePlie: 51.08 });
    expect(r.body.rapport.financementsSiae).toMatchObject({ partAci: 75.7 });
    expect(r.body.rapport.sortiesEmploi).toMatchObject({ plieRepondants: 95, base: null });
    expect(r.body.rapport.autresDonnees).toMatchObject({ plieRepondants: 125, operations: { total: { nombre: 5_446, montant: 138_551_412 }, sommeDesTypes: { nombre: 5_319 } } });
    expect(r.body.rapport.avertissements.map((a: { tableau: string; calcule: number; imprime: number }) => [a.tableau, a.calcule, a.imprime])).toEqual(expect.arrayContaining([
      ['T2', 138_658, 141_703], ['T2', 342, 653], ['T2bis', 148_253, 148_306], ['T5', 5_319, 5_446], ['T5', 109_087_566, 138_551_412], ['T4', 99.64, 100], ['T3ter', 75.7, 74],
    ]));
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
    expect(texte).toMatch(/Taux de sorties positives \(positives ÷ total des sorties\) 41,95 %/);
    // Tableau 1's rows are the screen's (one list): the opening stock, which the PDF once left out.
    expect(texte).toMatch(/En parcours à l’ouverture \(calculé : durant [−-] entrées\) 89 071/);
    expect(texte).toContain('Tableau 2 : analyse des parcours — 96 PLIE');
    expect(texte).toContain('Cumul des étapes de l’année : total imprimé 141 703, somme des types d’étape 138 658.');
    expect(texte).toContain('Tableau 2bis : durée des parcours — 110 PLIE');
    expect(texte).toContain('Tableau 2ter : nombre de bénéficiaires PLIE en étapes ACI et SIAE — nombre de PLIE non indiqué');
    expect(texte).toContain('Part des étapes financées par le PLIE 51,08 %');
    expect(texte).toContain('Part des ACI 75,70 %');
    expect(texte).toContain('Tableau 4 : analyse des sorties sur emploi 6 mois — 95 PLIE');
    expect(texte).toContain('Tableau 5 : autres données — 125 PLIE');
    expect(texte).toContain('Opérations conventionnées dans l’année : 5 446 au total, 5 319 en additionnant les « dont » par type.');
    expect(texte).toMatch(/Coût par participant 1 377,01 €/);
    expect(texte).toContain('25 imprimé (l.222), 26,02 d’après les effectifs');
    const xlsx = await api.get('/gestion/consolidation/rapport.xlsx?annee=2006', { as: GESTIONNAIRE });
    expect(xlsx.status).toBe(200);
    const classeur = new ExcelJS.Workbook();
    await classeur.xlsx.load(Buffer.from(xlsx.body as Uint8Array) as never);
    expect(classeur.worksheets.map((f) => f.name)).toEqual([
      'T1 flux (143 PLIE)', 'T2 parcours (96 PLIE)', 'T2bis durées (110 PLIE)', 'T2ter SIAE (PLIE non indiqués)', 'T3 financements (149 PLIE)',
      'T3ter SIAE (PLIE non indiqués)', 'T4 sorties emploi (95 PLIE)', 'T5 autres (125 PLIE)', 'Ratios', 'Avertissements',
    ]);
    const t1 = classeur.getWorksheet('T1 flux (143 PLIE)')!;
    expect(t1.getRow(13).values).toEqual([undefined, 'Taux de sorties positives (positives ÷ total des sorties) (%)', 41.95]);
    const t2 = classeur.getWorksheet('T2 parcours (96 PLIE)')!;
    expect(t2.getRow(1).values).toContain('Nombre de bénéficiaires dans les actions au 31/12/2006 — Total');
    expect(t2.getRow(t2.rowCount).values).toEqual([undefined, 'Étapes par bénéficiaire (cumul ÷ bénéficiaires au 31/12)', 3]);
    const t3ter = classeur.getWorksheet('T3ter SIAE (PLIE non indiqués)')!;
    expect(t3ter.getRow(2).values).toEqual([undefined, 'ACI', 0, 70, 23, 7, 0, 21_260_153, 6_985_479, 2_126_015, 30_371_647, 75.7]);
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

  it('imports Tableaux 2 to 5 from their optional columns and consolidates them from summed counts; bad values refused per line naming the column', async () => {
    const entete = 'annee;plie;libelle;t2_total_stock;t2_total_cumul;t2_geiq_stock;t2_geiq_cumul;t2bis_toutes_total_nombre;t2bis_toutes_total_mois;t5_operations_nombre;t5_operations_montant;t5_operations_formations_nombre;t5_operations_formations_montant';
    const r = await api.post('/gestion/consolidation/imports', { as: OI, body: { csv: `${entete}\n2021;bordeaux;PLIE de Bordeaux;100;200;100;200;10;12;10;100 000;10;100 000\n2021;agenais;PLIE de l’Agenais;10;40;10;5;30;20;30;900 000;20;600 000\n` } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    // The Agenais' GEIQ cumul below its stock and its « dont » below its total: imported, flagged with both figures.
    expect(r.body.avertissements.map((a: { tableau: string; calcule: number; imprime: number }) => [a.tableau, a.calcule, a.imprime])).toEqual(expect.arrayContaining([['T2', 5, 10], ['T5', 20, 30]]));
    const rapport = (await api.get('/gestion/consolidation?annee=2021', { as: GESTIONNAIRE })).body.rapport;
    expect(rapport.parcours).toMatchObject({ plieRepondants: 2, total: { stock: { total: 110 }, cumul: { total: 240 } }, etapesParBeneficiaire: 2.18 });
    // 10 people of 12 months and 30 of 20 months: 18 months, not the mean of 12 and 20.
    expect(rapport.dureesParcours.lignes[0]).toMatchObject({ nombre: { total: 40 }, dureeMoyenne: { total: 18 } });
    expect(rapport.autresDonnees.operations.total).toMatchObject({ nombre: 40, montant: 1_000_000, montantMoyen: 25_000, parPlie: 20 });
    expect(rapport.sortiesEmploi).toBeNull();

    const faux = await api.post('/gestion/consolidation/imports', { as: OI, body: { csv: 'annee;plie;libelle;t4_contrat_cdi;t5_reunions_organisees\n2020;bordeaux;B;140;-2\n' } });
    expect(faux.status).toBe(422);
    expect(faux.body.code).toBe('IMPORT_CONSOLIDATION_INVALIDE');
    expect(faux.body.details.map((d: { message: string }) => d.message)).toEqual(['Ligne 2 (bordeaux) : t4_contrat_cdi : Une part ne peut pas dépasser 100 %. t5_reunions_organisees : Un effectif ne peut pas être négatif.']);
    const inconnue = await api.post('/gestion/consolidation/imports', { as: OI, body: { csv: 'annee;plie;libelle;t5_reunion\n2020;bordeaux;B;1\n' } });
    expect(inconnue.status).toBe(422);
    expect(inconnue.body.details[0].message).toBe('Ligne 1 : Colonne inconnue : t5_reunion (voir les colonnes attendues sur la page d’import).');
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

describe('the report filtered by programme', () => {
  const annee = new Date().getUTCFullYear();
  type Op = { dossierId: string; compteeAuTableau3: boolean };
  type Live = { filtre: { programme: { code: string; sansProgramme: string[]; portee: string } | null }; direct: { plies: Array<{ plie: string; operations: Op[]; participantsTableau3: number }> }; rapport: { flux: Record<string, number>; financements: { fseConsomme: number; sousTotalMobilises: { total: number } } | null } };
  const lire = async (q: string) => (await api.get(`/gestion/consolidation?annee=${annee}${q}`, { as: GESTIONNAIRE })).body as Live;
  const bordeaux = (r: Live) => r.direct.plies.find((p) => p.plie === 'bordeaux')!;

  it('counts in Tableau 3 and lists only the operations of the chosen programme; Tableau 1 stays the PLIE’s whole; an unknown programme is refused', async () => {
    // The demo's dossiers (all under the FSE+ AAP), then B3 moved to a copy of that AAP under the PON FSE 2014-2020.
    await seedDossiersDemo(`${g.url}/api`);
    await expect.poll(async () => (await lire('')).rapport.flux?.enParcoursDurant, { timeout: 30_000, interval: 500 }).toBe(6);
    const b3 = ((await api.get('/dossiers', { as: 'porteur2@guichet.test' })).body.items as Array<{ id: string; ficheCode: string }>).find((d) => d.ficheCode === 'B3')!.id;
    const fsePlus = (await aapRepository.lire((await dossierRepository.lire(b3))!.aapId))!;
    await aapRepository.creer({ ...fsePlus, id: 'aap-pon-h16p', reference: 'AAP-PON-H16P', programme: { ...fsePlus.programme, code: 'PON-FSE-2014-2020', libelle: 'PON FSE 2014-2020' } });
    await dynamo().send(new UpdateCommand({ TableName: tableName(), Key: { pk: `DOSSIER#${b3}`, sk: 'META' }, UpdateExpression: 'SET aapId = :a', ExpressionAttributeValues: { ':a': 'aap-pon-h16p' } }));

    const tous = await lire('');
    expect(tous.filtre.programme).toBeNull();
    expect(bordeaux(tous).operations.filter((o) => o.compteeAuTableau3).map((o) => o.dossierId)).toContain(b3);
    const plus = await lire('&programme=FSE-PLUS-2021-2027');
    const pon = await lire('&programme=PON-FSE-2014-2020');
    expect(plus.filtre.programme).toMatchObject({ code: 'FSE-PLUS-2021-2027', sansProgramme: [] });
    expect(plus.filtre.programme!.portee).toContain('Le tableau 1 (flux de participants, sorties, profils) couvre toute l’activité du PLIE');
    // The operations split between the two programmes, each counted once.
    expect(bordeaux(plus).operations.map((o) => o.dossierId)).not.toContain(b3);
    expect(bordeaux(plus).operations).toHaveLength(2);
    expect(bordeaux(pon).operations.map((o) => [o.dossierId, o.compteeAuTableau3])).toEqual([[b3, true]]);
    // Tableau 3 of each programme is its operations' controlled bilans; together, the unfiltered table.
    expect(plus.rapport.financements!.fseConsomme).toBeGreaterThan(0);
    expect(pon.rapport.financements!.fseConsomme).toBeGreaterThan(0);
    expect(plus.rapport.financements!.fseConsomme + pon.rapport.financements!.fseConsomme).toBe(tous.rapport.financements!.fseConsomme);
    expect(plus.rapport.financements!.sousTotalMobilises.total + pon.rapport.financements!.sousTotalMobilises.total).toBe(tous.rapport.financements!.sousTotalMobilises.total);
    // B1's four participants behind FSE+'s Tableau 3, none behind B3's.
    expect([bordeaux(plus).participantsTableau3, bordeaux(pon).participantsTableau3]).toEqual([4, 0]);
    // Tableau 1 is the PLIE's whole activity whichever programme.
    expect(plus.rapport.flux).toEqual(tous.rapport.flux);
    expect(pon.rapport.flux).toEqual(tous.rapport.flux);

    const inconnu = await api.get(`/gestion/consolidation?annee=${annee}&programme=FEDER-2021`, { as: GESTIONNAIRE });
    expect(inconnu.status).toBe(400);
    expect(inconnu.body.code).toBe('REQUETE_INVALIDE');
    expect(inconnu.body.details).toEqual([expect.objectContaining({ message: expect.stringContaining('Programme inconnu (attendu : PON-FSE-2014-2020, REACT-EU, FSE-PLUS-2021-2027)') })]);
    expect((await api.get('/gestion/consolidation/rapport.pdf?programme=FEDER-2021', { as: GESTIONNAIRE })).status).toBe(400);
  }, 180_000);

  it('keeps the imported snapshots « sans programme », and names the programme in the PDF and the workbook', async () => {
    const r = await api.get('/gestion/consolidation?annee=2006&programme=FSE-PLUS-2021-2027', { as: GESTIONNAIRE });
    expect(r.body.instantanes).toEqual([expect.objectContaining({ plie: 'RESEAU-AVE', programme: 'sans programme' })]);
    expect(r.body.filtre.programme).toMatchObject({ code: 'FSE-PLUS-2021-2027', sansProgramme: ['RESEAU-AVE'] });
    expect(r.body.rapport.flux.tauxSortiesPositives).toBe(41.95);

    const pdf = await api.get(`/gestion/consolidation/rapport.pdf?annee=${annee}&programme=PON-FSE-2014-2020`, { as: GESTIONNAIRE });
    expect(pdf.status).toBe(200);
    const chemin = join(mkdtempSync(join(tmpdir(), 'h16p-conso-')), 'rapport.pdf');
    writeFileSync(chemin, pdf.body as Uint8Array);
    const texte = spawnSync('pdftotext', ['-layout', chemin, '-'], { encoding: 'utf8' }).stdout.replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ');
    expect(texte).toContain('Programme : Programme opérationnel national FSE « Emploi et Inclusion » 2014-2020');
    expect(texte).toContain('couvre toute l’activité du PLIE');
    const xlsx = await api.get(`/gestion/consolidation/rapport.xlsx?annee=${annee}&programme=PON-FSE-2014-2020`, { as: GESTIONNAIRE });
    const classeur = new ExcelJS.Workbook();
    await classeur.xlsx.load(Buffer.from(xlsx.body as Uint8Array) as never);
    expect(classeur.title).toContain('2014-2020');
    expect(classeur.worksheets[0]!.name).toBe('Filtre');
    expect(classeur.getWorksheet('Filtre')!.getRow(2).values).toEqual([undefined, 'Programme', 'Programme opérationnel national FSE « Emploi et Inclusion » 2014-2020']);
  }, 60_000);
});

describe('the shipped 2006 snapshot across versions', () => {
  it('replaces a snapshot shipped by an earlier version at start, never one the OI imported itself for that PLIE-year', async () => {
    const { consolidationDemo } = await import('#local/seed');
    const { consolidationRepository } = await import('#shared/repositories/consolidation-repository');
    const lire = async () => (await consolidationRepository.annee('AGAPE', 2006)).find((x) => x.plie === 'RESEAU-AVE')!;
    const actuel = await lire();
    // An earlier version's figures (here: other entries), shipped by the seed: the current ones replace them.
    await consolidationRepository.ecrire([{ ...actuel, flux: { ...actuel.flux!, entrees: 1 } }]);
    await consolidationDemo();
    expect((await lire()).flux!.entrees).toBe(51_407);
    // The same PLIE-year imported by the OI: left as imported.
    await consolidationRepository.ecrire([{ ...actuel, flux: { ...actuel.flux!, entrees: 2 }, importe: { le: actuel.importe.le, par: 'admin-oi', nom: 'Import de l’OI' } }]);
    await consolidationDemo();
    expect((await lire()).flux!.entrees).toBe(2);
    await consolidationRepository.ecrire([actuel]);
  });
});
