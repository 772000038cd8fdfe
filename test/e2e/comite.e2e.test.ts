import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGuichet, type Guichet } from '#local/server';
import { extractPages } from '../unit/templates/pdf-text';
import { aapDemo } from '#local/seed';
import { comiteOuvert, declarer as declarerApi, dossierDepose, dossierInstruit, voter as voterApi } from '../integration/comite-helpers';
import { aapOuvert } from '../integration/dossiers-helpers';
import { seConnecter } from './support/session';
import { client } from '../integration/helpers';
import { lancerChromium } from './support/navigateur';
import { construireWebSiBesoin } from './support/web';

const LONG = 300_000;
const HP = 'PLIE du Haut Périgord';
const [PRESIDENT, M2, M3, M4, M5] = [1, 2, 3, 4, 5].map((n) => `comite${n}@guichet.test`) as [string, string, string, string, string];
/** Set E2E_CAPTURES=<dir> to keep screenshots of the key screens. */
const CAPTURES = process.env.E2E_CAPTURES;
const texteDe = async (octets: Uint8Array) => (await extractPages(octets)).map((p) => p.text).join(' ');

describe('comité web journey', () => {
  let guichet: Guichet;
  let navigateur: Browser;
  const contextes: BrowserContext[] = [];
  let api: ReturnType<typeof client>;
  let aapId = '';
  let a: { id: string; reference: string };
  let b: { id: string; reference: string };
  let comiteId = '';
  let president: Page;

  beforeAll(async () => {
    await construireWebSiBesoin();
    guichet = await startGuichet({ port: 0, inMemory: true, seed: true });
    api = client(guichet);
    aapId = (await aapOuvert(api)).id;
    // Two deposited dossiers of the PLIE du Haut Périgord, each by its own organisation of porteur@guichet.test.
    a = await dossierDepose(api, aapId, 'HP1');
    b = await dossierDepose(api, aapId, 'HP2');
    navigateur = await lancerChromium();
    if (CAPTURES) mkdirSync(CAPTURES, { recursive: true });
  }, LONG);

  afterAll(async () => {
    for (const c of contextes) await c.close();
    await navigateur?.close();
    await guichet?.stop();
  }, LONG);

  /** A fresh browser context (its own session storage) signed in as `email` with the demo account buttons. */
  async function connecter(email: string, options: { telephone?: boolean } = {}): Promise<Page> {
    const contexte = await navigateur.newContext({
      baseURL: guichet.url,
      locale: 'fr-FR',
      acceptDownloads: true,
      ...(options.telephone
        ? { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }
        : { viewport: { width: 1280, height: 900 } }),
    });
    contexte.setDefaultTimeout(30_000);
    contextes.push(contexte);
    const page = await contexte.newPage();
    await seConnecter(page, email);
    return page;
  }

  const capture = async (page: Page | Locator, nom: string) => {
    if (CAPTURES) await page.screenshot({ path: join(CAPTURES, `${nom}.png`), ...('goto' in page ? { fullPage: true } : {}) });
  };
  const alerteSucces = (page: Page) => page.locator('.alerte-succes').first();

  /** By clicks through the main navigation: « Mes comités » (members) or « Mes dossiers » (porteurs), then the link. */
  async function ouvrirParNavigation(page: Page, rubrique: '/comites' | '/dossiers', id: string) {
    await page.getByRole('navigation', { name: 'Navigation principale' }).locator(`a[href="${rubrique}"]`).click();
    await page.waitForURL((u) => u.pathname === rubrique);
    await page.locator(`main a[href="${rubrique}/${encodeURIComponent(id)}"]`).first().click();
    await page.waitForURL((u) => u.pathname === `${rubrique}/${id}`);
  }

  /** The OI, from its home: the AAP, its comités, the session. */
  async function ouvrirSeanceOi(page: Page, aapId: string, comiteId: string) {
    await page.getByRole('navigation', { name: 'Navigation principale' }).locator('a[href="/gestion"]').click();
    await page.locator(`a[href="/gestion/aaps/${encodeURIComponent(aapId)}"]`).first().click();
    await page.getByRole('link', { name: 'Comités et enveloppe' }).click();
    await page.locator(`main a[href="/comites/${encodeURIComponent(comiteId)}"]`).first().click();
    await page.waitForURL((u) => u.pathname === `/comites/${comiteId}`);
  }

  /**
   * By clicks from the tableau de bord: a counter's list (`file`) or the search, the dossier, then its tab.
   */
  async function ouvrirDossier(page: Page, reference: string, onglet: 'Instruction' | 'Décision', file?: string) {
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Gestion de l’OI' }).click();
    await page.waitForURL((u) => u.pathname === '/gestion');
    if (file) {
      await page.getByTestId('compteurs').getByRole('link', { name: new RegExp(file) }).click();
    } else {
      await page.getByLabel('Rechercher un dossier').fill(reference);
      await page.getByRole('search').getByRole('button', { name: 'Rechercher' }).click();
    }
    await page.waitForURL((u) => u.pathname === '/gestion/recherche');
    await page.getByRole('link', { name: reference, exact: true }).click();
    await page.getByRole('tab', { name: onglet }).click();
    await expect.poll(() => page.getByRole('tab', { name: onglet }).getAttribute('aria-selected')).toBe('true');
  }
  const dossierSeance = (page: Page, reference: string) => page.locator(`article[data-reference="${reference}"]`);

  async function declarer(page: Page, reference: string, conflit: boolean, commentaire = '') {
    const article = dossierSeance(page, reference);
    await article.getByRole('radio', { name: conflit ? 'Conflit d’intérêts' : 'Aucun conflit d’intérêts', exact: true }).check();
    if (commentaire) await article.getByLabel('Nature du lien').fill(commentaire);
    await article.getByRole('button', { name: 'Enregistrer ma déclaration' }).click();
    if (!conflit) await article.getByTestId('lecture-dossier').waitFor();
    else await article.getByText('Vous ne participez pas à ce dossier').waitFor();
  }

  async function voter(page: Page, reference: string, vote: 'Pour' | 'Contre' | 'Abstention') {
    const article = dossierSeance(page, reference);
    await article.getByRole('button', { name: vote, exact: true }).click();
    await expect.poll(() => article.getByRole('button', { name: vote, exact: true }).getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => article.locator('.vote-etat').textContent()).toContain(`Votre vote : ${vote.toLowerCase()}, enregistré le`);
  }

  it('lets the gestionnaire mark both dossiers recevable and instruct them through the grille', async () => {
    const page = await connecter('gestionnaire@guichet.test');
    for (const [d, montant, avis, centimes] of [[a, '8 000,00', 'Favorable', 800_000], [b, '5000,5', 'Réservé', 500_050]] as const) {
      await ouvrirDossier(page, d.reference, 'Instruction', d === a ? 'Déposés à examiner' : undefined);
      await page.locator('#section-recevabilite').waitFor();
      // HP1 and HP2 each set one condition de recevabilité: the instructor confirms it before declaring the dossier recevable.
      const conditions = page.getByRole('checkbox', { name: /^Condition remplie/ });
      await expect.poll(() => conditions.count(), { timeout: 30_000 }).toBe(1);
      if (d === a) {
        await page.getByRole('button', { name: 'Déclarer recevable' }).click();
        await expect.poll(() => page.locator('#conditions-erreur').textContent()).toContain('Cochez chaque condition remplie');
      }
      await conditions.check();
      await page.getByRole('button', { name: 'Déclarer recevable' }).click();
      // Irreversible: confirmed first.
      await page.getByRole('dialog').getByRole('button', { name: 'Confirmer la recevabilité' }).click();
      await expect.poll(() => alerteSucces(page).textContent()).toContain('recevable');
      expect(await page.locator('header [data-statut]').textContent()).toContain('Recevable');

      const criteres = page.locator('li[data-critere]');
      await expect.poll(() => criteres.count(), { timeout: 30_000 }).toBeGreaterThan(10);
      if (d === a) {
        // Client-side checks first: nothing scored, no avis.
        await page.getByRole('button', { name: 'Enregistrer l’instruction' }).click();
        await expect.poll(() => page.locator('.resume-erreurs').textContent()).toContain('Choisissez une note de 1 à 5.');
        expect(await page.locator('.resume-erreurs').textContent()).toContain('Choisissez un avis.');
        expect(await criteres.first().locator('textarea').getAttribute('aria-invalid')).toBe('true');
      }
      let i = 0;
      for (const critere of await criteres.all()) {
        await critere.getByRole('radio', { name: new RegExp(`^${i % 2 ? 5 : 4}`) }).check();
        await critere.getByRole('textbox', { name: /^Justification/ }).fill(`Critère ${i + 1} : éléments probants dans le dossier.`);
        i++;
      }
      await page.getByRole('radio', { name: avis, exact: true }).check();
      await page.getByLabel('FSE proposé').fill(montant);
      await page.getByLabel(/^Commentaire de l’instructeur/).fill('Opération cohérente avec la fiche.');
      await expect.poll(() => page.locator('.progression-grille').textContent()).toMatch(/(\d+) critères notés sur \1/);
      // Each corrected field lost its error: the summary is gone before the second submission.
      await expect.poll(() => page.locator('.resume-erreurs').count()).toBe(0);
      expect(await criteres.first().locator('textarea').getAttribute('aria-invalid')).toBeNull();
      if (d === a) await capture(page.locator('form.formulaire-grille'), 'grille-instruction');
      await page.getByRole('button', { name: 'Enregistrer l’instruction' }).click();
      await expect.poll(() => alerteSucces(page).textContent()).toContain('Instruction enregistrée (version 1)');
      expect(await page.locator('header [data-statut]').textContent()).toContain('Instruit');
      await expect.poll(() => page.locator('.version-instruction').count()).toBe(1);
      expect(await page.getByRole('link', { name: 'Télécharger le rapport d’instruction (PDF)' }).count()).toBe(1);
      // Typed in euros, sent in exact cents.
      const lu = (await api.get(`/dossiers/${d.id}/instruction`, { as: 'oi@guichet.test' })).body;
      expect([lu.instruction.montantFsePropose, lu.instruction.avis]).toEqual([centimes, avis === 'Favorable' ? 'favorable' : 'reserve']);
    }

    // Rescoring makes version 2 and keeps version 1 in the history.
    await ouvrirDossier(page, b.reference, 'Instruction');
    await page.getByRole('radio', { name: 'Favorable', exact: true }).check();
    await page.getByRole('button', { name: 'Enregistrer une nouvelle version' }).click();
    await expect.poll(() => alerteSucces(page).textContent()).toContain('version 2');
    await expect.poll(() => page.locator('.version-instruction').count()).toBe(2);
    const [telechargement] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Télécharger le rapport d’instruction (PDF)' }).click()]);
    expect(await texteDe(new Uint8Array(await readFile((await telechargement.path())!)))).toContain(b.reference);
  }, LONG);

  it('lets the OI create a comité for the PLIE du Haut Périgord and publish its agenda', async () => {
    const page = await connecter('oi@guichet.test');
    // From the OI's home (where sign-in lands), the AAP's page, then its comités.
    await page.waitForURL((u) => u.pathname === '/gestion');
    await page.locator(`a[href="/gestion/aaps/${encodeURIComponent(aapId)}"]`).first().click();
    await page.waitForURL(`**/gestion/aaps/${aapId}`);
    await page.getByRole('link', { name: 'Comités et enveloppe' }).click();
    await page.waitForURL('**/comites');
    const enveloppe = page.getByTestId('enveloppe');
    await expect.poll(() => enveloppe.locator('[data-segment="restant"]').textContent()).toContain('2\u00a0450\u00a0000,00\u00a0€');
    expect(await enveloppe.getByRole('img').getAttribute('aria-label')).toContain('Programmé : 0,00\u00a0€');

    await page.getByRole('button', { name: 'Créer le comité' }).click();
    await expect.poll(() => page.locator('.resume-erreurs').textContent()).toContain('Choisissez le PLIE concerné.');
    await page.getByLabel('PLIE', { exact: true }).selectOption(HP);
    await page.getByLabel('Lieu').fill('Périgueux, salle du conseil');
    // The session is held today at midnight: it may only be closed from its scheduled instant.
    await page.getByLabel('Date de la séance').fill(new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(new Date()));
    await page.getByLabel('Heure', { exact: true }).fill('00:00');
    for (const m of [PRESIDENT, M2, M3, M4, M5]) await page.getByLabel(m, { exact: true }).check();
    await page.getByLabel('Président(e) de séance').selectOption(PRESIDENT);
    await page.getByRole('button', { name: 'Créer le comité' }).click();
    await page.waitForURL(/\/comites\/[^/]+$/);
    comiteId = new URL(page.url()).pathname.split('/').pop()!;
    await expect.poll(() => page.locator('.alerte-succes').textContent()).toContain('créé pour le PLIE du Haut Périgord');

    for (const d of [a, b]) await page.getByRole('checkbox', { name: new RegExp(d.reference) }).check();
    await page.getByRole('button', { name: 'Inscrire 2 dossiers' }).click();
    await expect.poll(() => page.locator('.alerte-succes').textContent()).toContain('2 dossiers inscrits');
    await page.getByRole('button', { name: 'Publier l’ordre du jour…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Publier et ouvrir la séance' }).click();
    await expect.poll(() => page.locator('.alerte-succes').textContent()).toContain('Ordre du jour publié (2 dossiers)');
    await expect.poll(() => page.locator('[data-statut-comite]').first().textContent()).toBe('Séance ouverte');

    await page.getByRole('link', { name: /^Comités — / }).click();
    await page.waitForURL(`**/gestion/aaps/${aapId}/comites`);
    await expect.poll(() => page.locator(`[data-comite="${comiteId}"]`).textContent()).toContain('2 dossiers');
    await capture(page.getByTestId('enveloppe'), 'enveloppe');
  }, LONG);

  it('refuses to close without quorum when the president has voted alone', async () => {
    president = await connecter(PRESIDENT);
    await president.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Mes comités' }).click();
    await president.getByRole('link', { name: new RegExp(`^${HP}`) }).click();
    await president.waitForURL(`**/comites/${comiteId}`);
    await declarer(president, a.reference, false);
    await declarer(president, b.reference, false);
    await voter(president, a.reference, 'Pour');
    await voter(president, b.reference, 'Contre');
    await president.getByRole('button', { name: 'Clôturer la séance…' }).click();
    await president.getByRole('dialog').getByRole('button', { name: 'Confirmer la clôture' }).click();
    const refus = president.getByRole('alert').filter({ hasText: 'Quorum non atteint' });
    await expect.poll(() => refus.textContent()).toContain('faites voter les membres ou ajournez');
    expect(await refus.textContent()).toContain(`${a.reference} : 1 votant(s) sur 5 membre(s) sans conflit`);
    expect(await refus.locator('[data-code]').getAttribute('data-code')).toBe('QUORUM_NON_ATTEINT');
  }, LONG);

  it('lets members declare and vote in their own sessions, one on a phone, and keeps a conflicted member out', async () => {
    // comite2, on a 390 × 844 phone.
    const telephone = await connecter(M2, { telephone: true });
    // A member lands on « Mes comités » and opens the session.
    await telephone.waitForURL((u) => u.pathname === '/comites');
    await telephone.locator(`a[href="/comites/${encodeURIComponent(comiteId)}"]`).first().click();
    await dossierSeance(telephone, a.reference).waitFor();
    expect(await telephone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await declarer(telephone, a.reference, false);
    const lecture = dossierSeance(telephone, a.reference).getByTestId('lecture-dossier');
    await expect.poll(() => lecture.textContent()).toContain('8\u00a0000,00\u00a0€');
    expect(await lecture.textContent()).toContain('Favorable');
    await voter(telephone, a.reference, 'Pour');
    await declarer(telephone, b.reference, false);
    await voter(telephone, b.reference, 'Contre');
    for (const bouton of await dossierSeance(telephone, a.reference).locator('.bouton-vote').all()) {
      expect((await bouton.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    }
    expect(await telephone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expect.poll(() => telephone.getByTestId('progression').textContent()).toContain('tout est fait');
    expect(await telephone.locator('#console-seance').count()).toBe(0);
    await capture(telephone, 'membre-telephone');

    // comite5 sits on the board of the structure behind dossier a.
    const conflit = await connecter(M5);
    await ouvrirParNavigation(conflit, '/comites', comiteId);
    await declarer(conflit, a.reference, true, 'Administrateur de la structure porteuse.');
    const articleA = dossierSeance(conflit, a.reference);
    expect(await articleA.textContent()).toContain('Administrateur de la structure porteuse.');
    expect(await articleA.getByRole('button', { name: 'Pour', exact: true }).count()).toBe(0);
    expect(await articleA.getByTestId('lecture-dossier').count()).toBe(0);
    expect((await api.post(`/comites/${comiteId}/votes`, { as: M5, body: { dossierId: a.id, vote: 'pour' } })).body.code).toBe('CONFLIT_INTERETS');
    await declarer(conflit, b.reference, false);
    await voter(conflit, b.reference, 'Abstention');

    // comite3 changes its vote before closing.
    const m3 = await connecter(M3);
    await ouvrirParNavigation(m3, '/comites', comiteId);
    await declarer(m3, a.reference, false);
    await voter(m3, a.reference, 'Pour');
    await declarer(m3, b.reference, false);
    await voter(m3, b.reference, 'Pour');
    await voter(m3, b.reference, 'Contre');
    await m3.reload();
    await expect.poll(() => dossierSeance(m3, b.reference).locator('.vote-etat').textContent()).toContain('Votre vote : contre');
  }, LONG);

  it('shows the president live tallies and closes the session into decisions and a PV', async () => {
    await president.getByRole('button', { name: 'Actualiser les décomptes' }).click();
    const ligneA = president.locator(`li.decompte[data-dossier="${a.id}"]`);
    const ligneB = president.locator(`li.decompte[data-dossier="${b.id}"]`);
    await expect.poll(() => ligneA.getByTestId('decompte-pour').textContent()).toBe('3');
    expect(await ligneA.getByTestId('decompte-contre').textContent()).toBe('0');
    expect(await ligneA.locator('.quorum').getAttribute('data-quorum')).toBe('true');
    // Members are named, not shown by address.
    expect(await ligneA.textContent()).toContain('conflit d’intérêts) : Isabelle Petit');
    expect(await ligneA.locator('.quorum').textContent()).toContain('3 votants sur 4 membres sans conflit');
    expect(await ligneA.locator('.issue').getAttribute('data-issue')).toBe('selectionne');
    await expect.poll(() => ligneB.getByTestId('decompte-contre').textContent()).toBe('3');
    expect(await ligneB.getByTestId('decompte-abstention').textContent()).toBe('1');
    expect(await ligneB.locator('.issue').getAttribute('data-issue')).toBe('rejete');
    await capture(president.locator('#console-seance'), 'console-president');
    // The rejection is motivated by the president (required), and the porteur reads it.
    await ligneB.getByLabel(/^Motif du rejet/).fill('Public visé hors du périmètre de la fiche.');

    await president.getByRole('button', { name: 'Clôturer la séance…' }).click();
    const dialogue = president.getByRole('dialog');
    expect(await dialogue.textContent()).toContain(`${a.reference} : sélectionné`);
    // Attendance: who voted or declared is ticked and locked; comite4 (Julien Moreau), who did neither, is ticked by hand.
    const rousseau = dialogue.getByRole('checkbox', { name: /^Marc Rousseau/ });
    expect([await rousseau.isChecked(), await rousseau.isDisabled()]).toEqual([true, true]);
    const moreau = dialogue.getByRole('group', { name: 'Présents à la séance' }).getByLabel(/^Julien Moreau/);
    expect([await moreau.isChecked(), await moreau.isDisabled()]).toEqual([false, false]);
    await moreau.check();
    await dialogue.getByRole('button', { name: 'Confirmer la clôture' }).click();
    await expect.poll(() => president.locator('.alerte-succes').textContent()).toContain('Séance close');
    const decisions = president.locator('#decisions');
    await expect.poll(() => decisions.locator(`[data-dossier="${a.id}"] [data-decision]`).textContent()).toContain('Sélectionné');
    expect(await decisions.locator(`[data-dossier="${b.id}"] [data-decision]`).textContent()).toContain('Rejeté');
    expect(await decisions.textContent()).toContain('FSE retenu : 8\u00a0000,00\u00a0€');
    expect(await president.locator('#console-seance').count()).toBe(0);
    expect(await president.locator('.bouton-vote').count()).toBe(0);
    const [pv] = await Promise.all([president.waitForEvent('download'), decisions.getByRole('link', { name: 'Télécharger le procès-verbal (PDF)' }).click()]);
    const texte = await texteDe(new Uint8Array(await readFile((await pv.path())!)));
    for (const d of [a, b]) expect(texte).toContain(d.reference);
    // The PV names the member in conflict, with their quality; no address appears.
    expect(texte).toContain('Isabelle Petit');
    expect(texte).not.toContain('@guichet.test');
    expect(texte).toContain('Julien Moreau, Représentant de France Travail Membre présent');
    expect(texte).toContain('5 membres présents sur 5.');
  }, LONG);

  it('shows the OI why closing over the enveloppe is refused, then closes once a dossier is adjourned with its motif', async () => {
    // The demo AAP under another référence with a 10 000 € enveloppe; two dossiers proposing 6 000 € each.
    const petite = await api.post('/aaps/import', { as: 'oi@guichet.test', body: JSON.parse(JSON.stringify({ ...aapDemo(new Date()), reference: 'AAP-E2E-PETITE-ENVELOPPE', enveloppeFseCentimes: 1_000_000 })) });
    expect((await api.post(`/aaps/${petite.body.id}/publication`, { as: 'oi@guichet.test', body: {} })).status).toBe(200);
    const [x, y] = [await dossierInstruit(api, petite.body.id, 'HP1', 600_000), await dossierInstruit(api, petite.body.id, 'HP2', 600_000)];
    const c = await comiteOuvert(api, petite.body.id, HP, [x.id, y.id]);
    for (const m of [PRESIDENT, M2, M3]) for (const d of [x, y]) await declarerApi(api, c.id, m, d.id), await voterApi(api, c.id, m, d.id, 'pour');

    const oi = await connecter('oi@guichet.test');
    await ouvrirSeanceOi(oi, petite.body.id, c.id);
    await expect.poll(() => oi.locator(`li.decompte[data-dossier="${y.id}"] .issue`).getAttribute('data-issue')).toBe('selectionne');
    await oi.getByRole('button', { name: 'Clôturer la séance…' }).click();
    await oi.getByRole('dialog').getByRole('button', { name: 'Confirmer la clôture' }).click();
    const refus = oi.getByRole('alert').filter({ hasText: 'Enveloppe FSE dépassée' });
    await expect.poll(() => refus.textContent()).toMatch(/12\u00a0000,00\u00a0€.*10\u00a0000,00\u00a0€/);
    expect(await refus.textContent()).toContain('déjà sélectionné : 0,00\u00a0€');

    const ligneY = oi.locator(`li.decompte[data-dossier="${y.id}"]`);
    await ligneY.getByLabel(/^Ajourner ce dossier/).check();
    await ligneY.getByLabel(/^Motif de l’ajournement/).fill('Plan de financement à consolider.');
    expect(await ligneY.locator('.issue').getAttribute('data-issue')).toBe('ajourne');
    await oi.getByRole('button', { name: 'Clôturer la séance…' }).click();
    await oi.getByRole('dialog').getByRole('button', { name: 'Confirmer la clôture' }).click();
    const decisions = oi.locator('#decisions');
    await expect.poll(() => decisions.locator(`[data-dossier="${y.id}"]`).textContent()).toContain('Plan de financement à consolider.');
    expect(await decisions.locator(`[data-dossier="${y.id}"] [data-decision]`).textContent()).toContain('Ajourné');
    expect(await decisions.locator(`[data-dossier="${x.id}"] [data-decision]`).textContent()).toContain('Sélectionné');
    // The OI sees the enveloppe after the session.
    await expect.poll(() => decisions.getByTestId('enveloppe').locator('[data-segment="selectionne"]').textContent()).toContain('6\u00a0000,00\u00a0€');
    expect(await decisions.getByTestId('enveloppe').locator('[data-segment="restant"]').textContent()).toContain('4\u00a0000,00\u00a0€');
    await capture(decisions, 'decisions-oi');
  }, LONG);

  it('shows the porteur the decision on their dossier, with the decision letter, then the programmation', async () => {
    const porteur = await connecter('porteur@guichet.test');
    await ouvrirParNavigation(porteur, '/dossiers', a.id);
    const decision = porteur.getByTestId('decision-dossier');
    await expect.poll(() => decision.textContent()).toContain('Sélectionné');
    expect(await decision.textContent()).toContain('8\u00a0000,00\u00a0€');
    expect(await decision.textContent()).toContain('Avis favorable du comité');
    expect(await decision.textContent()).toContain(HP);
    expect(await decision.textContent()).not.toMatch(/\/ 5|moyenne|\d+ pour|\d+ contre|abstention/);
    const [lettre] = await Promise.all([porteur.waitForEvent('download'), decision.getByRole('link', { name: 'Télécharger la lettre de décision (PDF)' }).click()]);
    expect(await texteDe(new Uint8Array(await readFile((await lettre.path())!)))).toContain(a.reference);
    await ouvrirParNavigation(porteur, '/dossiers', b.id);
    await expect.poll(() => porteur.getByTestId('decision-dossier').textContent()).toContain('Rejeté');
    await capture(porteur.getByTestId('decision-dossier'), 'decision-porteur-rejet');

    // The OI's board programs 7 500 € of the 8 000 € selected.
    const oi = await connecter('oi@guichet.test');
    await ouvrirDossier(oi, a.reference, 'Décision');
    await oi.getByLabel('FSE programmé').fill('8 000,01');
    await oi.getByRole('button', { name: 'Enregistrer la programmation' }).click();
    await expect.poll(() => oi.locator('#programmation-montant-erreur').textContent()).toContain('Au plus 8\u00a0000,00\u00a0€');
    await oi.getByLabel('FSE programmé').fill('7 500');
    await oi.getByLabel(/^Motif de la réduction/).fill('Dépenses de prestations non retenues.');
    await oi.getByLabel(/^Référence de la délibération/).fill('CA-2027-03');
    await oi.getByRole('button', { name: 'Enregistrer la programmation' }).click();
    // Irreversible: confirmed first.
    await oi.getByRole('dialog').getByRole('button', { name: 'Confirmer la programmation' }).click();
    await expect.poll(() => alerteSucces(oi).textContent()).toContain('Programmation enregistrée : 7\u00a0500,00\u00a0€');
    await ouvrirParNavigation(porteur, '/dossiers', a.id);
    await expect.poll(() => porteur.getByTestId('decision-dossier').textContent()).toContain('Programmé');
    expect(await porteur.getByTestId('decision-dossier').textContent()).toContain('7\u00a0500,00\u00a0€');
    await capture(porteur.getByTestId('decision-dossier'), 'decision-porteur');
  }, LONG);
});
