import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Guichet } from '#local/server';
import { dossierDepose } from './support/api';
import { emailNeuf, idAapDemo, pdfValide, seConnecterAvec } from './support/porteur';
import { fermerSession, ouvrirSession, seDeconnecter, type SessionE2e } from './support/session';

const LONG = 240_000;

describe('OI dossier screens', () => {
  let session: SessionE2e;
  let guichet: Guichet;
  let page: Page;
  const porteur = emailNeuf();
  let dossier: { id: string; reference: string };

  beforeAll(async () => {
    session = await ouvrirSession();
    ({ guichet, page } = session);
    dossier = (await dossierDepose(guichet.url, porteur, await idAapDemo(page), 'GP1')).dossier;
  }, LONG);

  afterAll(async () => {
    await fermerSession(session);
  }, LONG);

  it('lists, filters and exports the deposited dossiers when an OI agent opens the AAP’s dossiers', async () => {
    await seConnecterAvec(page, 'gestionnaire@guichet.test');
    await page.goto('/gestion');
    await page.getByRole('link', { name: 'Dossiers déposés sur AAP-DEMO-FSEPLUS' }).click();
    await page.waitForURL('**/dossiers');
    const ligne = page.getByRole('row', { name: new RegExp(dossier.reference) });
    await expect.poll(() => ligne.count(), { timeout: 30_000 }).toBe(1);
    await page.getByLabel('Statut').selectOption('instruit');
    await expect.poll(() => page.locator('.vide').textContent()).toContain('Aucun dossier');
    await page.getByLabel('Statut').selectOption('');
    await page.getByLabel('Fiche').selectOption('GP1');
    await expect.poll(() => ligne.count(), { timeout: 30_000 }).toBe(1);

    // Exports run as jobs: the button starts one, its progress shows, then a link downloads the file.
    const telecharger = async (bouton: string) => {
      await page.getByRole('button', { name: bouton }).click();
      const lien = page.getByRole('status').getByRole('link', { name: /^télécharger / });
      await lien.waitFor({ timeout: 60_000 });
      const [fichier] = await Promise.all([page.waitForEvent('download'), lien.click()]);
      return fichier;
    };
    const csv = await telecharger('Exporter en CSV');
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    expect((await readFile((await csv.path())!)).toString('utf8')).toContain(`${dossier.reference};GP1`);
    const xlsx = await telecharger('Exporter en XLSX');
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
    expect((await readFile((await xlsx.path())!)).subarray(0, 2).toString()).toBe('PK');
  }, LONG);

  it('asks for compléments when the agent ticks a pièce, writes a message and a due date', async () => {
    await page.getByRole('link', { name: dossier.reference }).click();
    await page.waitForURL(`**/gestion/dossiers/${dossier.id}`);
    await page.getByRole('tab', { name: 'Journal' }).click();
    await expect.poll(() => page.locator('.journal').textContent()).toContain('Dépôt du dossier');
    expect(await page.locator('#section-journal').textContent()).toContain('Chaîne d’audit intègre');
    await page.getByRole('tab', { name: 'Instruction' }).click();
    await page.getByRole('button', { name: 'Envoyer la demande de compléments' }).click();
    await expect.poll(() => page.locator('#complements-pieces-erreur').textContent()).toContain('au moins une pièce');

    await page.getByRole('checkbox', { name: 'Relevé d’identité bancaire' }).check();
    await page.getByLabel('Message au porteur').fill('Le RIB fourni est illisible : merci d’en envoyer un nouveau.');
    const dans7Jours = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('Date limite de réponse').fill(dans7Jours);
    await page.getByRole('button', { name: 'Envoyer la demande de compléments' }).click();
    await expect.poll(() => page.locator('.alerte-succes').textContent()).toContain('Compléments demandés');
    expect(await page.locator('[data-statut]').first().textContent()).toContain('Compléments demandés');
    await page.getByRole('tab', { name: 'Journal' }).click();
    await expect.poll(() => page.locator('.journal').textContent()).toContain('Demande de compléments');
  }, LONG);

  it('lets the porteur send the pièce asked and deposit again when compléments are requested', async () => {
    await seDeconnecter(page);
    await seConnecterAvec(page, porteur);
    await page.waitForURL((u) => u.pathname === '/dossiers');
    await page.locator(`li[data-reference="${dossier.reference}"]`).getByRole('link').first().click();
    await page.waitForURL((u) => u.pathname === `/dossiers/${dossier.id}`);
    await expect.poll(() => page.locator('.alerte-avertissement').first().textContent()).toContain('Le RIB fourni est illisible');
    await expect.poll(() => page.locator('input[type="file"]').count()).toBe(1);
    const rib = page.locator('li.ligne-piece[data-code="RIB"]');
    await rib.locator('input[type="file"]').setInputFiles({ name: 'rib-lisible.pdf', mimeType: 'application/pdf', buffer: await pdfValide('RIB lisible') });
    // The line showed the illegible RIB as verified: wait for the new file's name with its own verdict.
    await expect.poll(async () => `${(await rib.locator('.piece-fichier').allTextContents()).join('')} ${await rib.locator('[data-etat]').getAttribute('data-etat')}`, { timeout: 30_000 }).toMatch(/rib-lisible\.pdf.* valide$/);

    await page.getByRole('button', { name: 'Déposer les compléments' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirmer le dépôt' }).click();
    // The refusal's text, if any, makes a failure say why.
    const etat = async () => (await page.locator('#section-depot .alerte').count()) ? await page.locator('#section-depot .alerte').first().textContent() : await page.locator('[data-statut]').first().getAttribute('data-statut');
    await expect.poll(etat, { timeout: 30_000 }).toBe('depose');
    expect(await page.getByRole('heading', { name: /^Déposé le / }).count()).toBe(1);
  }, LONG);
});
