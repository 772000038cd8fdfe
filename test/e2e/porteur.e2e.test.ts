import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractPages } from '../unit/templates/pdf-text';
import { emailNeuf, idAapDemo, pdfValide, seConnecterAvec, siretAleatoire } from './support/porteur';
import { fermerSession, jetonDe, ouvrirSession, type SessionE2e } from './support/session';

const LONG = 240_000;

describe('porteur web journey', () => {
  let session: SessionE2e;
  let page: Page;
  const email = emailNeuf();
  const raisonSociale = `Association Tremplin ${email.slice(8, 13)}`;
  let urlDossier = '';

  beforeAll(async () => {
    session = await ouvrirSession();
    ({ page } = session);
  }, LONG);

  afterAll(async () => {
    await fermerSession(session);
  }, LONG);

  /** From any page, as a porteur goes there: « Appels à projets », the demo AAP's card, then the fiche. */
  async function ouvrirFicheDemo(fiche: string) {
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Appels à projets' }).click();
    await page.getByRole('link', { name: /\(démonstration\)$/ }).first().click();
    await page.getByRole('link', { name: new RegExp(`^${fiche}\\b`) }).click();
    await page.waitForURL(`**/fiches/${fiche}`);
  }

  it('registers an organisation when a new porteur gives a Luhn-valid SIRET, after refusing an invalid one', async () => {
    await seConnecterAvec(page, email);
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Mon organisation' }).click();
    await page.getByLabel('SIRET').fill('443 061 841 00048');
    await page.getByRole('button', { name: 'Enregistrer l’organisation' }).click();
    await expect.poll(() => page.locator('#champ-siret-erreur').textContent()).toContain('clé de contrôle');
    expect(await page.locator('#champ-siret').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('SIRET').fill(siretAleatoire());
    await page.getByLabel('Statut juridique').selectOption('association');
    await page.getByLabel('Raison sociale').fill(raisonSociale);
    await page.getByLabel('Adresse', { exact: true }).fill('3 place du Marché');
    await page.getByLabel('Code postal').fill('24000');
    await page.getByLabel('Commune').fill('Périgueux');
    await page.getByRole('button', { name: 'Enregistrer l’organisation' }).click();
    await expect.poll(() => page.locator('.alerte-succes').textContent()).toContain('enregistrée');
    await expect.poll(() => page.getByRole('heading', { name: raisonSociale }).count()).toBe(1);
    await expect.poll(() => page.getByRole('cell', { name: email }).count()).toBe(1);
  }, LONG);

  it('creates the HP1 draft and checks the plan live when the porteur answers the fiche', async () => {
    await ouvrirFicheDemo('HP1');
    await page.getByRole('button', { name: 'Répondre à cette fiche' }).click();
    await page.waitForURL(/\/dossiers\/[^/]+$/);
    urlDossier = new URL(page.url()).pathname;
    expect(await page.locator('[data-statut="brouillon"]').first().textContent()).toContain('Brouillon');
    expect(await page.locator('.compte-a-rebours').textContent()).toContain('Clôture dans');

    await page.getByLabel('Objectifs').fill('Coordonner le PLIE et accompagner 120 participants vers l’emploi.');
    await page.getByLabel('Public visé').fill('Demandeurs d’emploi de longue durée, allocataires du RSA.');
    await page.getByLabel('Modalités de mise en œuvre').fill('Animation du réseau des référents, comités de suivi mensuels.');
    await page.getByLabel('Territoire').fill('Grand Périgueux');
    for (const valeur of await page.locator('[id^="champ-indicateurs-"][id$="-valeurPrevue"]').all()) {
      if (!(await valeur.inputValue())) await valeur.fill('10');
    }

    await page.getByRole('button', { name: 'Ajouter une ligne (dépenses directes de personnel)' }).click();
    await page.locator('#champ-planFinancement-depenses-personnel-0-libelle').fill('Chargée de mission (1 ETP)');
    await page.locator('#champ-planFinancement-depenses-personnel-0-montantCentimes').fill('10 000,00');
    // Under 200 000 € the FSE+ makes simplified costs mandatory: the 40 % rate on staff costs covers every other cost.
    await page.getByLabel('Taux forfaitaire', { exact: true }).check();
    await page.locator('#champ-planFinancement-indirects-option').selectOption('FORFAIT_40_PERSONNEL');
    await page.locator('#champ-planFinancement-ressources-fseCentimes').fill('11 200,00');
    await page.getByRole('button', { name: 'Ajouter un cofinancement' }).click();
    await page.locator('#champ-planFinancement-ressources-cofinancements-0-financeur').fill('Conseil départemental de la Dordogne');
    const montantCof = page.locator('#champ-planFinancement-ressources-cofinancements-0-montantCentimes');
    await montantCof.fill('1 000,00');

    const contreparties = page.locator('li[data-code="CONTREPARTIES_INSUFFISANTES"]');
    await expect.poll(() => contreparties.getAttribute('data-respectee')).toBe('false');
    expect(await contreparties.textContent()).toContain('Non respectée');
    expect(await contreparties.textContent()).toContain('il en faut au moins 20');
    expect(await contreparties.textContent()).toContain('Source : Fiche HP1');
    expect(await page.getByTestId('cout-total').textContent()).toBe('14\u00a0000,00\u00a0€');
    expect(await page.locator('li[data-code="OPTION_COUTS_SIMPLIFIES_OBLIGATOIRE"]').getAttribute('data-respectee')).toBe('true');

    await montantCof.fill('2 800,00');
    await expect.poll(() => contreparties.getAttribute('data-respectee')).toBe('true');
    expect(await contreparties.textContent()).toContain('Respectée');
    expect(await page.getByTestId('verdict-plan').textContent()).toContain('Toutes les règles sont respectées');
    expect(await page.locator('#section-controles').getByTestId('taux-contreparties').textContent()).toBe('20,00\u00a0%');
    await expect.poll(() => page.getByTestId('enregistrement').textContent(), { timeout: 15_000 }).toMatch(/Enregistré à \d\d:\d\d \([^)]+\)/);
    await expect.poll(() => page.getByTestId('controle-serveur').textContent(), { timeout: 15_000 }).toContain('✓ conforme');
  }, LONG);

  it('says the dossier exists and links to it when the porteur answers the same fiche again', async () => {
    await ouvrirFicheDemo('HP1');
    await page.getByRole('button', { name: 'Répondre à cette fiche' }).click();
    await expect.poll(() => page.locator('.alerte-info').textContent()).toContain('déjà un dossier');
    await page.getByRole('link', { name: 'Ouvrir ce dossier' }).click();
    await page.waitForURL(`**${urlDossier}`);
    expect(await page.locator('#champ-planFinancement-ressources-cofinancements-0-montantCentimes').inputValue()).toBe('2\u00a0800,00');
  }, LONG);

  it('deposits and gives a receipt naming the dossier when every required pièce is verified', async () => {
    const obligatoires = page.locator('li.ligne-piece', { has: page.locator('.badge-obligatoire') });
    await expect.poll(() => obligatoires.count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(5);
    for (const ligne of await obligatoires.all()) {
      const code = (await ligne.getAttribute('data-code'))!;
      await ligne.locator('input[type="file"]').setInputFiles({ name: `${code.toLowerCase()}.pdf`, mimeType: 'application/pdf', buffer: await pdfValide(code) });
      await expect.poll(() => ligne.locator('[data-etat]').getAttribute('data-etat'), { timeout: 30_000 }).toBe('valide');
    }

    await page.getByRole('button', { name: 'Déposer le dossier' }).click();
    const dialogue = page.getByRole('dialog');
    expect(await dialogue.textContent()).toContain('14\u00a0000,00\u00a0€');
    await dialogue.getByRole('button', { name: 'Confirmer le dépôt' }).click();
    await expect.poll(() => page.getByRole('heading', { name: /^Déposé le / }).count(), { timeout: 30_000 }).toBe(1);
    // The confirmation is brought into view and focused, and announced.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('depose-titre');
    await expect.poll(() => page.getByTestId('annonces').textContent()).toContain('Dossier déposé le');
    expect(await page.locator('[data-statut="depose"]').first().textContent()).toContain('Déposé');
    await expect.poll(() => page.locator('input[type="file"]').count()).toBe(0);
    const reference = (await page.locator('header .reference').textContent())!;

    const [telechargement] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Télécharger l’accusé de dépôt (PDF)' }).click(),
    ]);
    expect(telechargement.suggestedFilename()).toMatch(/\.pdf$/);
    const octets = new Uint8Array(await readFile((await telechargement.path())!));
    const texte = (await extractPages(octets)).map((p) => p.text).join(' ');
    expect(texte).toContain(reference);

    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Mes dossiers' }).click();
    const carte = page.locator(`li[data-reference="${reference}"]`);
    await expect.poll(() => carte.locator('[data-statut]').textContent()).toContain('Déposé');
    expect(await carte.textContent()).toContain('11\u00a0200,00\u00a0€');
  }, LONG);

  it('lists what is missing when an incomplete draft is deposited, and offers a reload when it changed elsewhere', async () => {
    const token = (await jetonDe(page))!;
    const auth = { authorization: `Bearer ${token}` };
    const orgs = (await (await page.request.get('/api/organisations', { headers: auth })).json()) as { items: { id: string }[] };
    const creation = await page.request.post('/api/dossiers', { headers: auth, data: { aapId: await idAapDemo(page), ficheCode: 'A2', organisationId: orgs.items[0]!.id } });
    const d = (await creation.json()) as { id: string; reference: string; version: number; contenu: Record<string, unknown> };
    // Through the catalogue, so that « Mes dossiers » loads again and lists the draft just created.
    const nav = page.getByRole('navigation', { name: 'Navigation principale' });
    await nav.getByRole('link', { name: 'Appels à projets' }).click();
    await page.waitForURL((u) => u.pathname === '/');
    await nav.getByRole('link', { name: 'Mes dossiers' }).click();
    await page.locator(`li[data-reference="${d.reference}"]`).getByRole('link').first().click();
    await page.waitForURL(`**/dossiers/${d.id}`);

    // Every blocker (rubriques, pièces, plan) is listed before any confirmation is offered.
    await page.getByRole('button', { name: 'Déposer le dossier' }).click();
    const refus = page.locator('#section-depot .alerte-erreur');
    await expect.poll(() => refus.textContent()).toContain('ne peut pas encore être déposé');
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await refus.textContent()).toMatch(/points sont à corriger \(rubriques, pièces, plan de financement\)/);
    expect(await refus.textContent()).toContain('Relevé d’identité bancaire : manquante.');
    expect(await refus.getByRole('link', { name: 'Décrivez les objectifs.' }).count()).toBe(1);
    await refus.getByRole('link', { name: 'Décrivez les objectifs.' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('champ-description-objectifs');

    // Another tab saves first: this page's next save must not overwrite it.
    const ailleurs = await page.request.put(`/api/dossiers/${d.id}`, { headers: { ...auth, 'if-match': `"${d.version}"` }, data: { ...d.contenu, intitule: 'Intitulé écrit ailleurs' } });
    expect(ailleurs.status()).toBe(200);
    await page.getByLabel('Objectifs').fill('Objectifs saisis ici');
    await expect.poll(() => page.getByTestId('enregistrement').getAttribute('data-etat'), { timeout: 15_000 }).toBe('conflit');
    expect(await page.locator('.alerte-avertissement').first().textContent()).toContain('modifié ailleurs');
    await page.getByRole('button', { name: /^Recharger le dossier/ }).click();
    await expect.poll(() => page.getByLabel('Intitulé de l’opération').inputValue()).toBe('Intitulé écrit ailleurs');
    expect(await page.getByTestId('enregistrement').getAttribute('data-etat')).toBe('a_jour');
  }, LONG);
});
