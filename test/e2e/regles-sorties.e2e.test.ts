import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fermerSession, ouvrirSession, seConnecter, type SessionE2e } from './support/session';
import { captureSi } from './support/capture-si';

const LONG = 180_000;

describe('PLIE exit rules on the OI’s PLIE page', () => {
  let session: SessionE2e;
  let page: Page;

  beforeAll(async () => {
    session = await ouvrirSession();
    ({ page } = session);
  }, LONG);

  afterAll(async () => {
    await fermerSession(session);
  }, LONG);

  it('an OI admin lowers Bordeaux’s 1 200 h to 1 000 h from a date, previews a sample case by the draft, then saves the version', async () => {
    await seConnecter(page, 'oi@guichet.test');
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Gestion de l’OI' }).click();
    await page.waitForURL('**/gestion');
    await page.getByRole('link', { name: 'Les PLIE de l’OI' }).click();
    await page.waitForURL('**/gestion/plies');
    await page.getByRole('row', { name: /Bordeaux/ }).getByRole('link', { name: /^Modifier/ }).click();
    await page.waitForURL('**/gestion/plies/bordeaux');

    const section = page.getByRole('region', { name: 'Règles de sortie' });
    await expect.poll(() => section.locator('summary').first().textContent()).toContain('bordeaux-2021');
    expect(await section.locator('summary').first().textContent()).toContain('en vigueur');

    const seuil = section.getByRole('spinbutton', { name: 'BORDEAUX-SUCCESSIFS — cumul (heures)' });
    expect(await seuil.inputValue()).toBe('1200');
    await seuil.fill('1000');
    await section.getByLabel('Valable à compter du').fill('2026-01-01');

    // One sample case: 1 100 h of successive contracts, 30 weeks.
    await section.getByLabel('Date de sortie du cas 1').fill('2026-11-30');
    await section.getByLabel('Début du contrat du cas 1').fill('2026-02-01');
    await section.getByLabel('Fin du contrat du cas 1').fill('2026-08-31');
    await section.getByRole('button', { name: 'Aperçu', exact: true }).click();
    const ligne = section.getByRole('table', { name: 'Aperçu' }).getByRole('row').nth(1);
    await expect.poll(() => ligne.textContent()).toContain('bordeaux-2026-01-01');
    expect(await ligne.textContent()).toContain('sortie positive — emploi durable');

    await section.getByLabel('Référence de la décision du COPIL').fill('COPIL du 15/12/2025, décision n° 4');
    await section.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await expect.poll(() => section.locator('.alerte-succes').textContent()).toContain('Version bordeaux-2026-01-01 enregistrée');
    const enVigueur = section.locator('summary').first();
    await expect.poll(() => enVigueur.textContent()).toContain('bordeaux-2026-01-01');
    expect(await enVigueur.textContent()).toContain('COPIL du 15/12/2025, décision n° 4');
    expect(await enVigueur.textContent()).toContain('en vigueur');
  }, LONG);

  it('an OI admin gives the PLIE des Sources, which had no rule, its first version: a CDI rule with an ancienneté criterion, previewed, then saved', async () => {
    await page.getByRole('link', { name: 'Les PLIE de l’OI' }).click();
    await page.waitForURL('**/gestion/plies');
    await page.getByRole('row', { name: /PLIE des Sources/ }).getByRole('link', { name: /^Modifier/ }).click();
    await page.waitForURL('**/gestion/plies/sources');

    const section = page.getByRole('region', { name: 'Règles de sortie' });
    await expect.poll(() => section.textContent()).toContain('Première version');
    const regle = section.getByRole('group', { name: 'Règle ajoutée n° 1' });
    await regle.getByLabel('Code').fill('SOURCES-CDI');
    await regle.getByLabel('Libellé (tel que le tableau du PLIE l’écrit)').fill('CDI — 6 mois ou plus dans l’emploi');
    await regle.getByLabel('Catégorie').selectOption('emploi_durable');
    await regle.getByRole('checkbox', { name: 'CDI', exact: true }).check();
    await regle.getByLabel('Règle 1 — ajouter un critère').selectOption('anciennete');
    await regle.getByRole('spinbutton', { name: 'Règle 1, critère 1 — Mois' }).fill('6');
    await section.getByLabel('Valable à compter du').fill('2026-01-01');

    // A CDI begun on 02/02/2026, left on 30/11/2026: ten months in the job.
    await section.getByLabel('Situation du cas 2').selectOption('cdi');
    await section.getByLabel('Date de sortie du cas 2').fill('2026-11-30');
    await section.getByLabel('Début du contrat du cas 2').fill('2026-02-02');
    await section.getByRole('button', { name: 'Aperçu', exact: true }).click();
    const ligne = section.getByRole('table', { name: 'Aperçu' }).getByRole('row').nth(1);
    await expect.poll(() => ligne.textContent()).toContain('sources-2026-01-01');
    expect(await ligne.textContent()).toContain('sortie positive — emploi durable');
    await captureSi(section, 'regles-premiere-version');

    await section.getByLabel('Référence de la décision du COPIL').fill('COPIL du PLIE des Sources, 10/12/2025');
    await section.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await expect.poll(() => section.locator('.alerte-succes').textContent()).toContain('Version sources-2026-01-01 enregistrée');
    const enVigueur = section.locator('summary').first();
    await expect.poll(() => enVigueur.textContent()).toContain('sources-2026-01-01');
    expect(await section.getByRole('cell', { name: /SOURCES-CDI/ }).first().textContent()).toContain('CDI — 6 mois ou plus');
    // The new version starts from the first one: its rule can now be dropped or its threshold changed.
    expect(await section.getByRole('spinbutton', { name: 'SOURCES-CDI — ancienneté dans l’emploi (mois)' }).inputValue()).toBe('6');
  }, LONG);
});
