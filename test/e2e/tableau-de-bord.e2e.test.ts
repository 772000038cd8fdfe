import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDossiersDemo } from '#local/demo-dossiers';
import { fermerSession, ouvrirSession, seConnecter, seDeconnecter, type SessionE2e } from './support/session';

const LONG = 240_000;
const CAPTURES = process.env.E2E_CAPTURES;

/**
 * The OI's day by clicks only, from the home page: sign in, a counter of the tableau de bord, the dossier (the demo's
 * GP1, deposited by porteur2@ and waiting for its recevabilité), its tabs (mouse, keyboard, deep link), recevable
 * after a confirmation, the grille; then the porteur reads the plain statut and « et ensuite ? ».
 */
describe('the OI’s tableau de bord and dossier tabs', () => {
  let session: SessionE2e;
  let page: Page;
  let reference = '';

  beforeAll(async () => {
    session = await ouvrirSession();
    page = session.page;
    // The demo dossiers of `npm start`: GP1 deposited by porteur2@, HP1 and HP2 instructed and on a comité's agenda.
    await seedDossiersDemo(`${session.guichet.url}/api`);
    if (CAPTURES) mkdirSync(CAPTURES, { recursive: true });
  }, LONG);
  afterAll(async () => fermerSession(session), LONG);

  const capture = async (cible: Page | Locator, nom: string) => {
    if (CAPTURES) await cible.screenshot({ path: join(CAPTURES, `${nom}.png`), ...('goto' in cible ? { fullPage: true } : {}) });
  };
  // A tab's name may end with a count (« Pièces 5 », « Messagerie 1 non lu »).
  const onglet = (nom: string) => page.getByRole('tab', { name: new RegExp(`^${nom}(\\s|$)`) });
  const selectionne = (nom: string) => expect.poll(() => onglet(nom).getAttribute('aria-selected')).toBe('true');

  it('lands the gestionnaire on the tableau de bord, whose counter opens the dossiers to examine', async () => {
    await seConnecter(page, 'gestionnaire@guichet.test');
    await page.waitForURL((u) => u.pathname === '/gestion');
    await page.getByRole('heading', { level: 1, name: /^Tableau de bord (de |d’)AGAPE/ }).waitFor();
    const compteur = page.getByTestId('compteurs').getByRole('link', { name: /Déposés à examiner/ });
    await expect.poll(async () => Number((await compteur.locator('.file-nombre').textContent()) ?? 0)).toBeGreaterThanOrEqual(1);
    await capture(page, 'oi-tableau-de-bord');
    await compteur.click();
    await page.waitForURL((u) => u.pathname === '/gestion/recherche' && u.searchParams.get('file') === 'a_examiner');
    await page.getByRole('heading', { level: 1, name: 'Déposés à examiner' }).waitFor();
    const ligne = page.locator('table.table-dossiers tbody tr').filter({ hasText: 'GP1' }).first();
    reference = (await ligne.locator('a.reference').textContent()) ?? '';
    expect(reference).toMatch(/GP1/);
    await ligne.getByRole('link', { name: reference, exact: true }).click();
    await page.waitForURL(/\/gestion\/dossiers\/[^/?]+$/);
    await selectionne('Résumé');
  }, LONG);

  it('switches tabs with the mouse and the keyboard, keeps the tab in the address, and takes the dossier', async () => {
    await page.getByRole('button', { name: 'Je m’en charge' }).click();
    await expect.poll(() => page.getByTestId('instructeur').textContent()).toMatch(/Instructeur : vous/);
    await onglet('Résumé').focus();
    await page.keyboard.press('ArrowRight');
    await selectionne('Demande');
    await expect.poll(() => new URL(page.url()).searchParams.get('onglet')).toBe('demande');
    await page.keyboard.press('End');
    await selectionne('Journal');
    await expect.poll(() => page.locator('.journal').textContent()).toContain('Dépôt du dossier');
    await onglet('Pièces').click();
    await selectionne('Pièces');
    await onglet('Messagerie').click();
    await selectionne('Messagerie');
    await page.reload();
    await selectionne('Messagerie');
    expect(await page.getByRole('tablist', { name: 'Sections du dossier' }).getByRole('tab').allTextContents()).toEqual(
      expect.arrayContaining(['Résumé', 'Demande', 'Messagerie', 'Instruction', 'Décision', 'Journal']),
    );
  }, LONG);

  it('declares the dossier recevable after a confirmation, then instructs it in the Instruction tab', async () => {
    await onglet('Résumé').click();
    await page.getByRole('button', { name: 'Examiner la recevabilité' }).click();
    await selectionne('Instruction');
    await page.locator('#section-recevabilite').waitFor();
    // The fiche's conditions load after the section: « Déclarer recevable » is enabled once they are shown.
    await expect.poll(() => page.getByRole('button', { name: 'Déclarer recevable' }).isEnabled(), { timeout: 30_000 }).toBe(true);
    for (const c of await page.getByRole('checkbox', { name: /^Condition remplie/ }).all()) await c.check();
    await page.getByRole('button', { name: 'Déclarer recevable' }).click();
    const dialogue = page.getByRole('dialog', { name: /recevable \?$/ });
    await dialogue.waitFor();
    await capture(page, 'oi-confirmation-recevable');
    await dialogue.getByRole('button', { name: 'Annuler' }).click();
    expect(await page.locator('header [data-statut]').getAttribute('data-statut')).toBe('depose');
    await page.getByRole('button', { name: 'Déclarer recevable' }).click();
    await dialogue.getByRole('button', { name: 'Confirmer la recevabilité' }).click();
    await expect.poll(() => page.locator('.alerte-succes').first().textContent()).toContain('recevable');
    expect(await page.locator('header [data-statut]').textContent()).toContain('Recevable');

    const criteres = page.locator('li[data-critere]');
    await expect.poll(() => criteres.count(), { timeout: 30_000 }).toBeGreaterThan(3);
    let i = 0;
    for (const critere of await criteres.all()) {
      await critere.getByRole('radio', { name: new RegExp(`^${i % 2 ? 5 : 4}`) }).check();
      await critere.getByRole('textbox', { name: /^Justification/ }).fill(`Critère ${++i} : éléments probants dans le dossier.`);
    }
    await page.getByRole('radio', { name: 'Favorable', exact: true }).check();
    await page.getByLabel('FSE proposé').fill('10 000');
    await page.getByLabel(/^Commentaire de l’instructeur/).fill('Parcours cohérent avec la fiche GP1.');
    await page.getByRole('button', { name: 'Enregistrer l’instruction' }).click();
    await expect.poll(() => page.locator('.alerte-succes').first().textContent()).toContain('Instruction enregistrée (version 1)');
    expect(await page.locator('header [data-statut]').textContent()).toContain('Instruit');
    await onglet('Décision').click();
    await page.getByRole('link', { name: 'Inscrire à un comité' }).waitFor();
    await capture(page, 'oi-dossier-decision');
  }, LONG);

  it('shows the dossier in « Mes dossiers » and in the queue of instructed dossiers', async () => {
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Gestion de l’OI' }).click();
    await page.waitForURL((u) => u.pathname === '/gestion');
    const mes = page.getByRole('region', { name: 'Mes dossiers' });
    await expect.poll(() => mes.getByRole('link', { name: reference, exact: true }).count()).toBe(1);
    await page.getByTestId('compteurs').getByRole('link', { name: /Instruits à inscrire/ }).click();
    await expect.poll(() => page.getByRole('link', { name: reference, exact: true }).count()).toBe(1);
    await page.getByLabel('Référence, organisation, SIRET ou intitulé').fill('zzz introuvable');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await expect.poll(() => page.locator('.vide').textContent()).toContain('Aucun dossier');
  }, LONG);

  it('tells the porteur « Déposé / en instruction » and what comes next', async () => {
    await seDeconnecter(page);
    await seConnecter(page, 'porteur2@guichet.test');
    await page.waitForURL((u) => u.pathname === '/dossiers');
    const carte = page.locator(`li[data-reference="${reference}"]`);
    await expect.poll(() => carte.locator('[data-statut-porteur]').textContent()).toContain('Déposé / en instruction');
    await carte.getByRole('link').first().click();
    await expect.poll(() => page.getByTestId('et-ensuite').textContent()).toContain('comité de pilotage');
    // The journal speaks the porteur's vocabulary too: no « Recevable » nor « Instruit ».
    await expect.poll(() => page.locator('.journal').textContent()).toContain('Brouillon → Déposé / en instruction');
    expect(await page.locator('.journal').textContent()).not.toMatch(/Recevable|Instruit/);
    await capture(page, 'porteur-et-ensuite');
  }, LONG);

  it('lists B1’s final bilan under control in « Bilans et paiements », whose link opens the dossier’s bilans tab', async () => {
    await seDeconnecter(page);
    await seConnecter(page, 'gestionnaire@guichet.test');
    await page.waitForURL((u) => u.pathname === '/gestion');
    const bloc = page.getByTestId('bilans');
    const ligne = bloc.locator('tr[data-etape="en_csf"]').filter({ hasText: 'B1' });
    await expect.poll(() => ligne.textContent()).toContain('Contrôle en cours — bilan final n° 1');
    await capture(bloc, 'oi-tableau-de-bord-bilans');
    await ligne.getByRole('link').click();
    await page.waitForURL((u) => /^\/gestion\/dossiers\//.test(u.pathname) && u.searchParams.get('onglet') === 'bilans');
    await selectionne('Bilans et paiements');
  }, LONG);
});
