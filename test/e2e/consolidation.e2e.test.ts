import { spawnSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agregatsPlieRepository } from '#shared/repositories/agregats-plie-repository';
import { captureSi } from './support/capture-si';
import { fermerSession, ouvrirSession, seConnecter, type SessionE2e } from './support/session';

const LONG = 240_000;
const ENTETE = 'annee;plie;libelle;entrees;en_parcours_durant;en_parcours_fin;sorties_positives;dont_emploi;sans_suite;dont_abandons;dont_demenagements;dont_autres';
const texte = async (p: Page, id: string) => ((await p.getByTestId(id).textContent()) ?? '').replace(/[\u00a0\u202f]/g, ' ');

/**
 * The OI's reports by clicks, from the home page: the 2006 national consolidation shipped with the demo (seed 000),
 * its figures recomputed from the counts and its inconsistencies shown with both figures; then the admin imports a
 * past year of two PLIE from a CSV and reads their consolidation, and a wrong file is refused line by line; the current
 * year is offered next to them, live from Guichet's data and labelled so.
 */
describe('reports and consolidation of the OI’s PLIE', () => {
  let session: SessionE2e;
  let page: Page;
  beforeAll(async () => {
    session = await ouvrirSession();
    page = session.page;
  }, LONG);
  afterAll(async () => fermerSession(session), LONG);

  it('shows the oi-admin the 2006 national consolidation with the seed’s figures and its inconsistencies', async () => {
    await seConnecter(page, 'oi@guichet.test');
    await page.waitForURL((u) => u.pathname === '/gestion');
    await page.getByRole('link', { name: 'Rapports et consolidation' }).click();
    await page.waitForURL((u) => u.pathname === '/gestion/consolidation');
    await page.getByRole('heading', { level: 1, name: 'Rapports et consolidation des PLIE' }).waitFor();
    await expect.poll(() => page.getByLabel('Année', { exact: true }).inputValue()).toBe('2006');
    const flux = await texte(page, 'flux');
    expect(flux).toContain('Sur 143 PLIE');
    expect(flux).toMatch(/Taux de sorties positives \(positives ÷ total des sorties\)\s*41,95 %/);
    expect(flux).toMatch(/En parcours à la fin \(calculé : durant − sorties\)\s*93 391/);
    expect(await texte(page, 'cout-participant')).toBe('1 377,01 €');
    expect(await texte(page, 'financements')).toMatch(/Taux de réalisation du FSE\s*83,34 %/);
    const avertissements = await texte(page, 'avertissements');
    expect(avertissements).toContain('Autres sorties sans suite, en % du total des sorties : 25 imprimé (l.222), 26,02 d’après les effectifs.');
    expect(avertissements).toContain('total imprimé 29 315, somme des lignes 30 429');
    // The chart is described, and its figures stand in the table.
    await page.getByRole('img', { name: /Répartition des 47 087 sorties/ }).waitFor();
    // Tableaux 2 to 5 with the seed's headings, the PLIE behind each, their own warnings.
    const t2 = await texte(page, 'tableau-T2');
    expect(t2).toContain('Sur 96 PLIE');
    expect(t2).toContain('Étapes par bénéficiaire : 3 (cumul des étapes ÷ bénéficiaires en étape au 31/12, totaux déclarés)');
    await page.getByRole('columnheader', { name: 'Nombre de bénéficiaires dans les actions au 31/12/2006' }).waitFor();
    await page.getByRole('rowheader', { name: 'Contrats de travail en GEIQ' }).first().waitFor();
    expect(await texte(page, 'avertissements-T2')).toContain('Contrats de travail en GEIQ : cumul des étapes de l’année 342, inférieur aux 653 bénéficiaires en étape au 31/12');
    expect(await texte(page, 'tableau-T2bis')).toContain('Sur 110 PLIE');
    expect(await texte(page, 'avertissements-T2bis')).toContain('sorties positives + sorties sans suite = 148 253, toutes sorties 148 306');
    expect(await texte(page, 'tableau-T2ter')).toMatch(/Nombre de PLIE non indiqué par la source\. Part des étapes financées par le PLIE : 51,08 %/);
    expect(await texte(page, 'avertissements-T2ter')).toContain('total imprimé 29 315, somme des lignes 30 429');
    expect(await texte(page, 'tableau-T3ter')).toContain('Part des ACI : 75,70 %');
    expect(await texte(page, 'avertissements-T3ter')).toContain('74 imprimé (l.938), 75,7 d’après les montants');
    expect(await texte(page, 'avertissements-T4')).toContain('Type de contrat : les parts font 100,18 %');
    expect(await texte(page, 'tableau-T5')).toContain('Sur 125 PLIE');
    expect(await texte(page, 'avertissements-T5')).toContain('138 551 412 € au total, 109 087 566 € en additionnant les « dont » par type');
    await captureSi(page, 'consolidation-2006');
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Télécharger le rapport (PDF)' }).click()]);
    const imprime = spawnSync('pdftotext', ['-layout', (await pdf.path())!, '-'], { encoding: 'utf8' }).stdout.replace(/[\u00a0\u202f]/g, ' ');
    expect(imprime).toMatch(/Taux de sorties positives \(positives ÷ total des sorties\)\s+41,95 %/);
    expect(imprime).toContain('Tableau 5 : autres données — 125 PLIE');
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Télécharger le classeur (XLSX)' }).click()]);
    expect(xlsx.suggestedFilename()).toBe('consolidation-plie-AGAPE-2006.xlsx');
  }, LONG);

  it('lets the oi-admin import a past year of two PLIE from a CSV and reads their consolidation; a wrong file is refused line by line', async () => {
    const csv = `${ENTETE}\n2024;bordeaux;PLIE de Bordeaux;100;300;200;10;8;90;40;10;40\n2024;agenais;PLIE de l’Agenais;200;1500;500;900;800;100;50;10;40\n`;
    await page.locator('#import-conso-fichier').setInputFiles({ name: 'plie-2024.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect.poll(() => page.locator('.message-succes').textContent()).toContain('2 lignes importées (2024)');
    await expect.poll(() => page.getByLabel('Année', { exact: true }).inputValue()).toBe('2024');
    await expect.poll(() => texte(page, 'flux')).toMatch(/Taux de sorties positives \(positives ÷ total des sorties\)\s*82,73 %/);
    expect(await texte(page, 'flux')).toContain('Sur 2 PLIE');

    const mauvais = `${ENTETE}\n2023;lune;PLIE de la Lune;1;1;1;0;0;0;0;0;0\n2023;sources;Sources;-4;1;1;0;0;0;0;0;0\n`;
    await page.locator('#import-conso-fichier').setInputFiles({ name: 'faux.csv', mimeType: 'text/csv', buffer: Buffer.from(mauvais) });
    const refus = page.getByRole('alert').filter({ hasText: 'Rien n’est importé' });
    await expect.poll(async () => ((await refus.textContent()) ?? '')).toMatch(/Ligne 2 \(lune\) : PLIE « lune » inconnu de votre OI/);
    expect(await refus.textContent()).toMatch(/Ligne 3 \(sources\) : flux.entrees : Un effectif ne peut pas être négatif/);
    await captureSi(page, 'consolidation-import-refuse');
  }, LONG);

  it('offers the current year live from Guichet’s data, labelled with the time it was computed', async () => {
    const annee = new Date().getFullYear();
    // The PLIE de Bordeaux's counters as the stream handler keeps them (the demo's participants are not in this stack).
    await agregatsPlieRepository.remplacer('AGAPE', 'bordeaux', new Map([[annee, {
      entrees: 12, sorties: 5, sortiesPositives: 2, dontEmploi: 2, sansSuite: 3, dontAbandons: 1, dontDemenagements: 1, dontAutres: 1, categorie_emploi_durable: 2, categorie_negative: 3,
    }]]), []);
    await page.getByLabel('Année', { exact: true }).selectOption({ label: `${annee} (en cours, en direct)` });
    await page.getByRole('heading', { level: 2, name: 'Année en cours : chiffres en direct' }).waitFor();
    expect(await texte(page, 'direct')).toMatch(/Calculés le \d{2}\/\d{2}\/\d{4} à \d{2}:\d{2}/);
    expect(await texte(page, 'direct')).toContain('PLIE de Bordeaux — 12 participants en parcours durant l’année');
    expect(await texte(page, 'sources')).toMatch(/PLIE de Bordeaux — en direct, calculé le/);
    expect(await texte(page, 'flux')).toMatch(/Taux de sorties positives \(positives ÷ total des sorties\)\s*40,00 %/);
    expect(await texte(page, 'repartition-T1bis')).toContain('sortie positive — emploi durable');
    // The live year's tables Guichet does not record: said « non renseigné » with the reason, never zeros.
    expect(await page.getByTestId('tableau-T2').count()).toBe(0);
    expect(await texte(page, 'non-renseignes')).toContain('Tableau 2 : analyse des parcours — Guichet n’enregistre pas les étapes des parcours');
    await captureSi(page, 'consolidation-annee-en-cours');
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Télécharger le classeur (XLSX)' }).click()]);
    expect(xlsx.suggestedFilename()).toBe(`consolidation-plie-AGAPE-${annee}.xlsx`);

    // Filtered by programme: Tableau 3 and the operations of that programme only, Tableau 1 said to be the PLIE's whole.
    await page.getByLabel('Programme', { exact: true }).selectOption({ label: 'Programme opérationnel national FSE « Emploi et Inclusion » 2014-2020' });
    await page.getByTestId('filtre-programme').waitFor();
    expect(await texte(page, 'filtre-programme')).toContain('Programme : Programme opérationnel national FSE « Emploi et Inclusion » 2014-2020');
    expect(await texte(page, 'filtre-programme')).toContain('Le tableau 1 (flux de participants, sorties, profils) couvre toute l’activité du PLIE');
    expect(await texte(page, 'direct')).toContain('Aucune opération programmée au titre du Programme opérationnel national FSE');
    expect(await texte(page, 'flux')).toMatch(/40,00 %/);
    expect(new URL(page.url()).searchParams.get('programme')).toBe('PON-FSE-2014-2020');
    await captureSi(page, 'consolidation-filtre-plie');
    await captureSi(page, 'consolidation-filtre-programme');

    // One PLIE of the OI: its figures alone, the programme kept, the choice in the address.
    await page.getByLabel('PLIE', { exact: true }).selectOption({ label: 'PLIE de Bordeaux' });
    await expect.poll(() => new URL(page.url()).searchParams.get('plies')).toBe('bordeaux');
    await expect.poll(() => texte(page, 'flux')).toContain('Sur 1 PLIE');
    expect(await texte(page, 'flux')).toMatch(/40,00 %/);
    expect(new URL(page.url()).searchParams.get('programme')).toBe('PON-FSE-2014-2020');
    await captureSi(page, 'consolidation-filtre-plie');
  }, LONG);
});
