import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Guichet } from '#local/server';
import { attendreCourriel, courriels } from '../integration/boite-mail-helpers';
import { dossierDepose } from './support/api';
import { emailNeuf, idAapDemo, pdfValide } from './support/porteur';
import { fermerSession, ouvrirSession, seConnecter, type SessionE2e } from './support/session';

const LONG = 300_000;
const CAPTURES = process.env.E2E_CAPTURES;
const [PRESIDENT, M2, M3] = [1, 2, 3].map((n) => `comite${n}@guichet.test`) as [string, string, string];

/**
 * A whole selection, by clicks only from the OI's tableau de bord: a deposited dossier, compléments asked and
 * answered, recevable, instructed, on a comité's agenda, voted, closed, programmed. The porteur (a fresh address, so
 * its inbox holds this journey only) receives each notification in the local mail catcher and in « Mes notifications ».
 */
describe('a dossier from dépôt to programmation, by clicks, with its e-mails', () => {
  let session: SessionE2e;
  let guichet: Guichet;
  let page: Page;
  const porteur = emailNeuf();
  let dossier: { id: string; reference: string };
  let plie = '';
  let comiteId = '';

  beforeAll(async () => {
    session = await ouvrirSession();
    ({ guichet, page } = session);
    // The starting point: a dossier on HP1 deposited by a new porteur (set up through the API, as the porteur's
    // dépôt by clicks is the porteur journey's subject).
    const depot = await dossierDepose(guichet.url, porteur, await idAapDemo(page), 'HP1');
    dossier = depot.dossier;
    plie = (depot.dossier as unknown as { plie: string }).plie;
    if (CAPTURES) mkdirSync(CAPTURES, { recursive: true });
  }, LONG);
  afterAll(async () => fermerSession(session), LONG);

  const capture = async (nom: string) => {
    if (CAPTURES) await page.screenshot({ path: join(CAPTURES, `${nom}.png`), fullPage: true });
  };
  const succes = () => page.locator('.alerte-succes').first();
  const statut = () => page.locator('header [data-statut]').first();
  const onglet = (nom: string) => page.getByRole('tab', { name: new RegExp(`^${nom}(\\s|$)`) });
  const courriel = (sujet: RegExp) => attendreCourriel(guichet, porteur, sujet, 30_000);

  /** From the tableau de bord: a counter's queue, then the dossier in it. */
  async function depuisTableauDeBord(file: RegExp) {
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Gestion de l’OI' }).click();
    await page.waitForURL((u) => u.pathname === '/gestion');
    await page.getByTestId('compteurs').getByRole('link', { name: file }).click();
    await page.waitForURL((u) => u.pathname === '/gestion/recherche');
    await page.getByRole('link', { name: dossier.reference, exact: true }).click();
    await page.waitForURL((u) => u.pathname === `/gestion/dossiers/${dossier.id}`);
  }

  /** A comité member, from « Mes comités », declares no conflict and votes for the dossier. */
  async function voterPour(membre: string) {
    await seConnecter(page, membre);
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Mes comités' }).click();
    await page.waitForURL((u) => u.pathname === '/comites');
    await page.locator(`main a[href="/comites/${encodeURIComponent(comiteId)}"]`).first().click();
    const article = page.locator(`article[data-reference="${dossier.reference}"]`);
    await article.getByRole('radio', { name: 'Aucun conflit d’intérêts', exact: true }).check();
    await article.getByRole('button', { name: 'Enregistrer ma déclaration' }).click();
    await article.getByTestId('lecture-dossier').waitFor();
    await article.getByRole('button', { name: 'Pour', exact: true }).click();
    await expect.poll(() => article.getByRole('button', { name: 'Pour', exact: true }).getAttribute('aria-pressed')).toBe('true');
  }

  it('lets the gestionnaire find the deposited dossier on the tableau de bord and ask for compléments', async () => {
    expect((await courriel(/^Dossier .* déposé — votre accusé de dépôt$/)).sujet).toContain(dossier.reference);
    await seConnecter(page, 'gestionnaire@guichet.test');
    await depuisTableauDeBord(/Déposés à examiner/);
    await onglet('Instruction').click();
    await page.getByRole('checkbox', { name: 'Relevé d’identité bancaire' }).check();
    await page.getByLabel('Message au porteur').fill('Le RIB fourni est illisible : merci d’en envoyer un nouveau.');
    await page.getByLabel('Date limite de réponse').fill(new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10));
    await page.getByRole('button', { name: 'Envoyer la demande de compléments' }).click();
    await expect.poll(() => succes().textContent()).toContain('Compléments demandés');
    expect(await statut().textContent()).toContain('Compléments demandés');
  }, LONG);

  it('lets the porteur, told by e-mail, send the pièce and deposit the compléments', async () => {
    const demande = await courriel(/^Compléments demandés sur le dossier/);
    expect(demande.texte).toContain('Le RIB fourni est illisible');
    await seConnecter(page, porteur);
    await page.waitForURL((u) => u.pathname === '/dossiers');
    await page.locator(`li[data-reference="${dossier.reference}"]`).getByRole('link').first().click();
    await page.waitForURL((u) => u.pathname === `/dossiers/${dossier.id}`);
    await expect.poll(() => page.locator('.alerte-avertissement').first().textContent()).toContain('Le RIB fourni est illisible');
    const rib = page.locator('li.ligne-piece[data-code="RIB"]');
    await rib.locator('input[type="file"]').setInputFiles({ name: 'rib-lisible.pdf', mimeType: 'application/pdf', buffer: await pdfValide('RIB lisible') });
    await expect
      .poll(async () => `${(await rib.locator('.piece-fichier').allTextContents()).join('')} ${await rib.locator('[data-etat]').getAttribute('data-etat')}`, { timeout: 30_000 })
      .toMatch(/rib-lisible\.pdf.* valide$/);
    await page.getByRole('button', { name: 'Déposer les compléments' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirmer le dépôt' }).click();
    await expect.poll(() => page.locator('[data-statut]').first().getAttribute('data-statut'), { timeout: 30_000 }).toBe('depose');
    expect((await courriel(/^Compléments reçus sur le dossier/)).sujet).toContain(dossier.reference);
    await capture('campagne-complements-deposes');
  }, LONG);

  it('lets the gestionnaire declare it recevable and instruct it', async () => {
    await seConnecter(page, 'gestionnaire@guichet.test');
    await depuisTableauDeBord(/Déposés à examiner/);
    await page.getByRole('button', { name: 'Examiner la recevabilité' }).click();
    await page.locator('#section-recevabilite').waitFor();
    // The fiche's conditions load after the section: « Déclarer recevable » is enabled once they are shown.
    await expect.poll(() => page.getByRole('button', { name: 'Déclarer recevable' }).isEnabled(), { timeout: 30_000 }).toBe(true);
    for (const c of await page.getByRole('checkbox', { name: /^Condition remplie/ }).all()) await c.check();
    await page.getByRole('button', { name: 'Déclarer recevable' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirmer la recevabilité' }).click();
    await expect.poll(() => succes().textContent()).toContain('recevable');
    await courriel(/déclaré recevable$/);

    const criteres = page.locator('li[data-critere]');
    await expect.poll(() => criteres.count(), { timeout: 30_000 }).toBeGreaterThan(3);
    let i = 0;
    for (const critere of await criteres.all()) {
      await critere.getByRole('radio', { name: /^4/ }).check();
      await critere.getByRole('textbox', { name: /^Justification/ }).fill(`Critère ${++i} : éléments probants dans le dossier.`);
    }
    await page.getByRole('radio', { name: 'Favorable', exact: true }).check();
    await page.getByLabel('FSE proposé').fill('40 000');
    await page.getByLabel(/^Commentaire de l’instructeur/).fill('Opération cohérente avec la fiche HP1.');
    await page.getByRole('button', { name: 'Enregistrer l’instruction' }).click();
    await expect.poll(() => succes().textContent()).toContain('Instruction enregistrée (version 1)');
    expect(await statut().textContent()).toContain('Instruit');
  }, LONG);

  it('lets the OI compose a comité from the dossier’s Décision tab and publish its agenda', async () => {
    await seConnecter(page, 'oi@guichet.test');
    await depuisTableauDeBord(/Instruits à inscrire/);
    await onglet('Décision').click();
    await page.getByRole('link', { name: 'Inscrire à un comité' }).click();
    await page.waitForURL((u) => u.pathname.endsWith('/comites'));
    await page.getByLabel('PLIE', { exact: true }).selectOption(plie);
    await page.getByLabel('Lieu').fill('Périgueux, salle du conseil');
    await page.getByLabel('Date de la séance').fill(new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(new Date()));
    await page.getByLabel('Heure', { exact: true }).fill('00:00');
    for (const m of [PRESIDENT, M2, M3]) await page.getByLabel(m, { exact: true }).check();
    await page.getByLabel('Président(e) de séance').selectOption(PRESIDENT);
    await page.getByRole('button', { name: 'Créer le comité' }).click();
    await page.waitForURL(/\/comites\/[^/]+$/);
    comiteId = new URL(page.url()).pathname.split('/').pop()!;
    await page.getByRole('checkbox', { name: new RegExp(dossier.reference) }).check();
    await page.getByRole('button', { name: 'Inscrire 1 dossier' }).click();
    await expect.poll(() => succes().textContent()).toContain('1 dossier inscrit');
    await page.getByRole('button', { name: 'Publier l’ordre du jour…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Publier et ouvrir la séance' }).click();
    await expect.poll(() => page.locator('[data-statut-comite]').first().textContent()).toBe('Séance ouverte');
  }, LONG);

  it('lets two members vote and the president close the session', async () => {
    await voterPour(M2);
    await voterPour(PRESIDENT);
    await page.getByRole('button', { name: 'Actualiser les décomptes' }).click();
    const ligne = page.locator(`li.decompte[data-dossier="${dossier.id}"]`);
    await expect.poll(() => ligne.locator('.issue').getAttribute('data-issue')).toBe('selectionne');
    await page.getByRole('button', { name: 'Clôturer la séance…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirmer la clôture' }).click();
    await expect.poll(() => succes().textContent()).toContain('Séance close');
    expect((await courriel(/^Décision du comité sur le dossier/)).sujet).toContain('sélectionné');
  }, LONG);

  it('lets the administrator program the dossier from the queue « Sélectionnés à programmer »', async () => {
    await seConnecter(page, 'oi@guichet.test');
    await depuisTableauDeBord(/Sélectionnés à programmer/);
    await onglet('Décision').click();
    await page.getByLabel('FSE programmé').fill('40 000');
    await page.getByLabel(/^Référence de la délibération/).fill('CA-2026-12');
    await page.getByRole('button', { name: 'Enregistrer la programmation' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirmer la programmation' }).click();
    await expect.poll(() => succes().textContent()).toContain('Programmation enregistrée : 40\u00a0000,00\u00a0€');
    await courriel(/^Dossier .* programmé$/);
  }, LONG);

  it('leaves in the porteur’s inbox and « Mes notifications » one e-mail per stage, each linking to the dossier', async () => {
    const attendus = [
      /déposé — votre accusé de dépôt/, /^Compléments demandés/, /^Compléments reçus/, /déclaré recevable$/, /^Décision du comité/, /programmé$/,
    ];
    const recus = (await courriels(guichet, porteur)).map((m) => m.sujet);
    for (const a of attendus) expect(recus.filter((s) => a.test(s)), `${a} parmi ${JSON.stringify(recus)}`).toHaveLength(1);
    expect(recus).toHaveLength(attendus.length);
    console.info(`Courriels reçus par le porteur :\n${[...recus].reverse().map((s) => `  - ${s}`).join('\n')}`);

    await seConnecter(page, porteur);
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Mes notifications' }).click();
    await page.waitForURL((u) => u.pathname === '/notifications');
    for (const s of recus) await page.getByRole('listitem').filter({ hasText: s }).first().waitFor();
    await capture('campagne-mes-notifications');
    await page.getByRole('link', { name: recus.find((s) => /programmé$/.test(s))!, exact: true }).click();
    await page.waitForURL((u) => u.pathname === `/dossiers/${dossier.id}`);
    await expect.poll(() => page.getByTestId('decision-dossier').textContent()).toContain('Programmé');

    // The catcher's inbox, as a person opens it (the link `npm start` prints).
    await page.goto('/boite-mail');
    await page.getByLabel('Destinataire').fill(porteur);
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.getByRole('heading', { name: `Messages reçus par ${porteur}` }).waitFor();
    expect(await page.locator('main table tbody tr').count()).toBe(attendus.length);
    await capture('campagne-boite-mail');
  }, LONG);
});
