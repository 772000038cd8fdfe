import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Guichet } from '#local/server';
import { seedDossiersDemo } from '#local/demo-dossiers';
import { colonnes } from '#shared/domain/participant/csv';
import { GESTIONNAIRE, P1 } from '../integration/comite-helpers';
import { client } from '../integration/helpers';
import { fermerSession, ouvrirSession, seConnecter, type SessionE2e } from './support/session';
import { captureSi } from './support/capture-si';

const LONG = 300_000;
/** A day `n` days ago in Paris, as `AAAA-MM-JJ`. */
const ilYa = (n: number) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(new Date(Date.now() - n * 86_400_000));
const enFr = (iso: string) => iso.split('-').reverse().join('/');

/**
 * The participants of an operation, by clicks only: the porteur opens B1 (programmed, four demo participants) from
 * « Mes dossiers », adds a participant (the questionnaire's conditional questions come and go, a server error lands
 * next to its question), imports a two-row CSV with one error and downloads the error report, records an exit, and
 * adds one more with the keyboard only; the gestionnaire reads them in the dossier's Participants tab, whose access
 * journal lists the porteur's actions.
 */
describe('participants web journey: list, questionnaire, import, exit, OI tab', () => {
  let session: SessionE2e;
  let guichet: Guichet;
  let page: Page;
  let b1: { id: string; reference: string };

  beforeAll(async () => {
    session = await ouvrirSession();
    ({ guichet, page } = session);
    await seedDossiersDemo(`${guichet.url}/api`);
    const liste = (await client(guichet).get('/dossiers', { as: P1 })).body as { items: Array<{ id: string; reference: string; ficheCode: string }> };
    b1 = liste.items.find((d) => d.ficheCode === 'B1')!;
  }, LONG);
  afterAll(async () => fermerSession(session), LONG);

  const capture = captureSi;
  const succes = () => page.locator('.alerte-succes').first();
  const navigation = () => page.getByRole('navigation', { name: 'Navigation principale' });
  const compte = () => page.getByTestId('compte-participants');
  const formulaire = () => page.locator('#formulaire-participant');
  /** The radio group of a question (a fieldset named by its legend, « 1b. Occupez-vous… »). */
  const question = (code: string) => page.locator(`fieldset[data-chemin="questionnaire.reponses.${code}"]`);
  const repondre = (code: string, libelle: string) => question(code).getByRole('radio', { name: libelle, exact: true }).check();
  const ligne = (nom: string) => page.locator('#liste-participants tbody tr').filter({ hasText: nom });

  /** From « Mes dossiers », B1, then its Participants. */
  async function participantsDeB1() {
    // On a phone the main navigation is behind « Menu ».
    const menu = page.getByRole('button', { name: 'Menu' });
    if (await menu.isVisible()) await menu.click();
    await navigation().locator('a[href="/dossiers"]').click();
    await page.waitForURL((u) => u.pathname === '/dossiers');
    await page.locator(`li[data-reference="${b1.reference}"]`).getByRole('link').first().click();
    await page.waitForURL((u) => u.pathname === `/dossiers/${b1.id}`);
    await page.locator('#section-participants').getByRole('link', { name: 'Participants de l’opération' }).click();
    await page.waitForURL((u) => u.pathname === `/dossiers/${b1.id}/participants`);
    await compte().waitFor();
  }

  async function telecharger(lien: Locator): Promise<string> {
    const [telechargement] = await Promise.all([page.waitForEvent('download'), lien.click()]);
    return (await readFile((await telechargement.path())!)).toString('utf8');
  }

  /** Tab until `cible` has the focus (a date field holds it across its day, month and year). */
  async function tabVers(cible: Locator) {
    for (let i = 0; i < 80; i++) {
      if (await cible.evaluate((el) => el === document.activeElement)) return;
      await page.keyboard.press('Tab');
    }
    throw new Error(`Focus jamais atteint : ${cible.toString()}`);
  }

  it('shows the porteur B1’s four participants, from « Mes dossiers »', async () => {
    await seConnecter(page, P1);
    await participantsDeB1();
    expect(await compte().textContent()).toBe('4 participants');
    await expect.poll(() => page.getByTestId('total-participants').textContent()).toBe('4');
    // The two demo exits, qualified by Bordeaux's rules.
    expect(await ligne('BENALI').locator('.qualification').textContent()).toContain('emploi durable');
    expect(await ligne('LEFÈVRE').locator('[data-categorie]').getAttribute('data-categorie')).not.toBe('emploi_durable');
    // The search on the name.
    await page.getByLabel('Rechercher (nom ou prénom)').fill('nguyen');
    await page.getByRole('search').getByRole('button', { name: 'Rechercher' }).click();
    await expect.poll(() => compte().textContent()).toBe('1 participant pour « nguyen »');
    await page.getByRole('search').getByRole('button', { name: 'Effacer' }).click();
    await expect.poll(() => compte().textContent()).toBe('4 participants');
    await capture(page, 'participants-porteur-liste');
  }, LONG);

  it('adds a participant: 1e–1g come and go with 1a–1d, a missing answer is shown next to its question', async () => {
    await page.getByRole('button', { name: 'Ajouter un participant' }).click();
    const f = formulaire();
    await f.getByLabel('Nom', { exact: true }).fill('Roussel');
    await f.getByLabel('Prénom').fill('Inès');
    await f.getByLabel('Date de naissance').fill('21/07/1994');
    await f.getByRole('radio', { name: 'Femme' }).check();
    await f.getByLabel('Commune de naissance').fill('Libourne');
    await f.getByLabel('Code postal de naissance').fill('33500');
    await f.getByLabel('Adresse', { exact: true }).fill('8 quai des Chartrons');
    await f.getByLabel('Code postal', { exact: true }).fill('33000');
    await f.getByLabel('Commune', { exact: true }).fill('Bordeaux');
    await f.getByLabel('Date d’entrée').fill(ilYa(7));
    await f.getByLabel('Prescripteur').fill('Mission locale');
    await f.getByLabel('Commission d’entrée').selectOption('validee');
    await f.getByLabel('Date de la commission').fill(ilYa(5));
    // The notice is shown, with its retention date; its delivery is recorded.
    expect(await f.getByTestId('notice-information').textContent()).toMatch(/obligation légale.*Destinataires.*jusqu’au 31\/12\/2035.*délégué à la protection des données/s);
    await f.getByLabel('Mode de remise').selectOption('courriel');

    // 1a–1d all « non »: 1e and 1f appear; 1f = oui brings 1g.
    expect(await question('Q1e').count()).toBe(0);
    for (const code of ['Q1a', 'Q1b', 'Q1c', 'Q1d']) await repondre(code, 'Non');
    await question('Q1e').waitFor();
    await repondre('Q1e', 'Non');
    await repondre('Q1f', 'Oui');
    await f.getByLabel(/^1g\./).fill('9');
    // « Ne souhaite pas répondre » only where the questionnaire allows it.
    expect(await question('Q4').getByRole('radio').count()).toBe(2);
    expect(await question('Q5').getByRole('radio', { name: 'Ne souhaite pas répondre' }).count()).toBe(1);
    await capture(f, 'participants-porteur-formulaire');
    // In employment (1b = oui): 1e–1g are no longer asked.
    await repondre('Q1b', 'Oui');
    await expect.poll(() => question('Q1e').count()).toBe(0);
    expect(await question('Q1f').count()).toBe(0);
    expect(await f.getByLabel(/^1g\./).count()).toBe(0);
    expect(await f.locator('.questions-masquees').textContent()).toContain('1e, 1f, 1g sans objet');
    await question('Q2').getByRole('radio').nth(1).check();
    for (const code of ['Q3', 'Q4', 'Q6', 'Q7']) await repondre(code, 'Non');

    // Q5 left empty: the server's detail is shown on the question.
    await f.getByRole('button', { name: 'Enregistrer le participant' }).click();
    await expect.poll(() => question('Q5').locator('.message-erreur').textContent()).toBe('Q5 — réponse obligatoire');
    expect(await question('Q5').getAttribute('class')).toContain('champ-erreur');
    await repondre('Q5', 'Ne souhaite pas répondre');
    await f.getByRole('button', { name: 'Enregistrer le participant' }).click();
    await expect.poll(() => succes().textContent()).toContain('Inès Roussel est inscrit(e)');
    await expect.poll(() => compte().textContent()).toBe('5 participants');
    await expect.poll(() => page.getByTestId('total-participants').textContent()).toBe('5');
  }, LONG);

  it('imports a two-row CSV with one error, and downloads the error report and the template', async () => {
    const section = page.locator('#import-participants');
    const modele = await telecharger(section.getByRole('link', { name: /Modèle CSV/ }));
    expect(modele.replace(/^\uFEFF/, '').trim()).toBe(colonnes('FSEPLUS-2021-1057').join(';'));

    const entree = enFr(ilYa(20));
    const identite = (nom: string, prenom: string) => [nom, prenom, '05/03/1992', 'F', 'Bordeaux', '33000', '3 rue Judaïque', '33000', 'Bordeaux', '', '', '', entree, entree, 'papier', 'France Travail'];
    const csv = [
      colonnes('FSEPLUS-2021-1057').join(';'),
      [...identite('Garnier', 'Léa'), 'non', 'non', 'non', 'non', 'non', 'oui', '12', '2b', 'non', 'non', 'non', 'nsp', 'non'].join(';'),
      // Q2 missing.
      [...identite('Morel', 'Hugo'), 'non', 'non', 'non', 'non', 'non', 'oui', '5', '', 'non', 'non', 'non', 'non', 'non'].join(';'),
    ].join('\r\n');
    await section.getByLabel('Fichier CSV des participants').setInputFiles({ name: 'participants.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await section.getByRole('button', { name: 'Importer le fichier' }).click();
    // The file goes to the bucket, then the job runs on the server: a labelled progress bar follows it.
    await section.getByRole('progressbar', { name: 'Avancement de l’import' }).waitFor();
    const rapport = page.getByTestId('rapport-import');
    await rapport.waitFor();
    expect(await rapport.locator('[data-compte="crees"]').textContent()).toBe('1');
    expect(await rapport.locator('[data-compte="erreurs"]').textContent()).toBe('1');
    expect(await rapport.getByRole('table', { name: 'Lignes non enregistrées' }).textContent()).toContain('Q2 — réponse obligatoire');
    const erreurs = await telecharger(rapport.getByRole('link', { name: 'Télécharger le rapport d’erreurs' }));
    expect(erreurs).toContain('ligne;erreur');
    expect(erreurs).toMatch(/^\uFEFF?ligne;erreur\r\n3;"ligne 3 : Q2 — réponse obligatoire"/);
    await expect.poll(() => compte().textContent()).toBe('6 participants');
    await capture(section, 'participants-porteur-import');
  }, LONG);

  it('records an exit and shows its qualification', async () => {
    await ligne('ROUSSEL').getByRole('button', { name: 'ROUSSEL Inès' }).click();
    const fiche = page.getByTestId('fiche-participant');
    await fiche.getByRole('heading', { name: 'ROUSSEL Inès' }).waitFor();
    await fiche.getByRole('button', { name: 'Déclarer la sortie' }).click();
    await fiche.getByLabel('Date de sortie').fill(ilYa(1));
    await fiche.getByLabel('Situation à la sortie').selectOption('cdi');
    await fiche.getByLabel('Début du contrat').fill(ilYa(1));
    await fiche.getByLabel('Heures par semaine').fill('35');
    await fiche.getByLabel('Temps plein').selectOption('oui');
    await fiche.getByLabel('Employeur (ou entreprise utilisatrice)').fill('Boulangerie des Chartrons');
    await fiche.getByRole('button', { name: 'Enregistrer la sortie' }).click();
    await expect.poll(() => succes().textContent()).toContain('Sortie de Inès Roussel enregistrée');
    const qualification = page.getByTestId('fiche-participant').locator('.qualification');
    await qualification.waitFor();
    expect(await qualification.locator('.badge').first().textContent()).toBeTruthy();
    expect(await qualification.locator('.qualification-motif').textContent()).toBeTruthy();
    await expect.poll(() => ligne('ROUSSEL').textContent()).toContain('CDI');

    // Three months exactly: Bordeaux's two incarceration rows leave it open, the commission decides.
    await ligne('GARNIER').getByRole('button', { name: 'GARNIER Léa' }).click();
    await fiche.getByRole('heading', { name: 'GARNIER Léa' }).waitFor();
    await fiche.getByRole('button', { name: 'Déclarer la sortie' }).click();
    await fiche.getByLabel('Situation à la sortie').selectOption('incarceration');
    await fiche.getByLabel('Durée de la situation (mois)').fill('3');
    await fiche.getByRole('button', { name: 'Enregistrer la sortie' }).click();
    await expect.poll(() => succes().textContent()).toContain('Sortie de Léa Garnier enregistrée : à décider par la commission');
    await expect.poll(() => ligne('GARNIER').locator('[data-categorie]').getAttribute('data-categorie')).toBe('a_decider_commission');
  }, LONG);

  it('lets the porteur fill and submit the add form with the keyboard only', async () => {
    const ajouter = page.getByRole('button', { name: 'Ajouter un participant' });
    await ajouter.focus();
    await page.keyboard.press('Enter');
    const f = formulaire();
    const nom = f.getByLabel('Nom', { exact: true });
    await expect.poll(() => nom.evaluate((el) => el === document.activeElement)).toBe(true);
    const taper = async (cible: Locator, texte: string) => {
      await tabVers(cible);
      await page.keyboard.type(texte);
    };
    /** The first radio of a group takes the focus; the arrows move to the option wanted, which checks it. */
    const choisir = async (chemin: string, rang: number) => {
      const radios = f.locator(`fieldset[data-chemin="${chemin}"] input[type=radio]`);
      await tabVers(radios.first());
      if (rang === 0) await page.keyboard.press('Space');
      for (let i = 0; i < rang; i++) await page.keyboard.press('ArrowDown');
      expect(await radios.nth(rang).isChecked()).toBe(true);
    };
    await page.keyboard.type('Faure');
    await taper(f.getByLabel('Prénom'), 'Yanis');
    await taper(f.getByLabel('Date de naissance'), '14/02/1999');
    await choisir('identite.sexe', 1);
    await taper(f.getByLabel('Commune de naissance'), 'Mérignac');
    await taper(f.getByLabel('Code postal de naissance'), '33700');
    await taper(f.getByLabel('Adresse', { exact: true }), '2 avenue Thiers');
    await taper(f.getByLabel('Code postal', { exact: true }), '33100');
    await taper(f.getByLabel('Commune', { exact: true }), 'Bordeaux');
    for (const code of ['Q1a', 'Q1b', 'Q1c', 'Q1d']) await choisir(`questionnaire.reponses.${code}`, 1);
    await choisir('questionnaire.reponses.Q1e', 1);
    await choisir('questionnaire.reponses.Q1f', 0);
    await taper(f.getByLabel(/^1g\./), '3');
    await choisir('questionnaire.reponses.Q2', 0);
    for (const code of ['Q3', 'Q4', 'Q5', 'Q6', 'Q7']) await choisir(`questionnaire.reponses.${code}`, 1);
    await tabVers(f.getByRole('button', { name: 'Enregistrer le participant' }));
    await page.keyboard.press('Enter');
    await expect.poll(() => succes().textContent()).toContain('Yanis Faure est inscrit(e)');
    await expect.poll(() => compte().textContent()).toBe('7 participants');
  }, LONG);

  it('shows the gestionnaire the participants in the dossier’s tab, read-only, with the access journal', async () => {
    await seConnecter(page, GESTIONNAIRE);
    await navigation().getByRole('link', { name: 'Gestion de l’OI' }).click();
    await page.waitForURL((u) => u.pathname === '/gestion');
    await page.getByLabel('Rechercher un dossier').fill(b1.reference);
    await page.getByRole('search').getByRole('button', { name: 'Rechercher' }).click();
    await page.waitForURL((u) => u.pathname === '/gestion/recherche');
    await page.getByRole('link', { name: b1.reference, exact: true }).click();
    await page.waitForURL((u) => u.pathname === `/gestion/dossiers/${b1.id}`);
    const onglet = page.getByRole('tab', { name: /^Participants/ });
    await onglet.click();
    await expect.poll(() => onglet.getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => compte().textContent()).toBe('7 participants');
    // Read-only: no add, no import, no exit.
    expect(await page.getByRole('button', { name: 'Ajouter un participant' }).count()).toBe(0);
    expect(await page.locator('#import-participants').count()).toBe(0);
    await ligne('ROUSSEL').getByRole('button', { name: 'ROUSSEL Inès' }).click();
    const fiche = page.getByTestId('fiche-participant');
    await fiche.getByRole('heading', { name: 'ROUSSEL Inès' }).waitFor();
    expect(await fiche.getByRole('button', { name: /sortie|Rectifier/ }).count()).toBe(0);
    expect(await fiche.textContent()).toContain('Notice d’information remise');
    // Settled by the rule: nothing for the commission.
    expect(await page.getByTestId('decision-commission').count()).toBe(0);

    // « À qualifier »: the gestionnaire records the commission's decision.
    await ligne('GARNIER').getByRole('button', { name: 'GARNIER Léa' }).click();
    await fiche.getByRole('heading', { name: 'GARNIER Léa' }).waitFor();
    const decision = page.getByTestId('decision-commission');
    await decision.getByLabel('Catégorie retenue').selectOption('autre');
    await decision.getByLabel('Motif').fill('Incarcération de trois mois : sortie administrative.');
    await decision.getByLabel('Référence du compte rendu').fill('CR-2026-11');
    await decision.getByRole('button', { name: 'Enregistrer la décision' }).click();
    await expect.poll(() => succes().textContent()).toContain('Décision de la commission enregistrée');
    expect(await fiche.locator('.qualification [data-categorie], .qualification').first().getAttribute('data-categorie')).toBe('autre');
    expect(await fiche.textContent()).toContain('Incarcération de trois mois : sortie administrative.');
    expect(await page.getByTestId('decision-commission').count()).toBe(0);
    // The journal: the porteur's writes, import and exit.
    const journal = page.getByTestId('journal-acces');
    await journal.getByRole('button', { name: 'Actualiser' }).click();
    await journal.getByRole('button', { name: /Afficher tout le journal/ }).click();
    const lignesPorteur = journal.locator('tbody tr').filter({ hasText: 'Sophie Lefèvre' });
    await expect.poll(() => lignesPorteur.count(), { timeout: 30_000 }).toBeGreaterThan(3);
    const actions = await lignesPorteur.evaluateAll((l) => l.map((e) => e.getAttribute('data-action')));
    expect(actions).toEqual(expect.arrayContaining(['liste', 'creation', 'import', 'sortie', 'lecture']));
    expect(await journal.locator('tbody tr[data-action="sortie"]').filter({ hasText: 'Inès Roussel' }).filter({ hasText: 'Sophie Lefèvre' }).count()).toBe(1);
    expect(await journal.locator('tbody tr[data-action="decision_commission"]').filter({ hasText: 'Karim Benali' }).filter({ hasText: 'Léa Garnier' }).count()).toBe(1);
    // The export, as the OI may.
    const [telechargement] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Exporter en CSV' }).click()]);
    expect((await readFile((await telechargement.path())!)).toString('utf8')).toContain('Roussel;Inès');
    await capture(page, 'participants-oi-onglet');
  }, LONG);

  it('keeps the porteur’s list and form within a phone’s width', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await seConnecter(page, P1);
    await participantsDeB1();
    await page.getByRole('button', { name: 'Ajouter un participant' }).click();
    await formulaire().waitFor();
    // Anything wider than the screen, outside the tables that scroll sideways, is a layout defect.
    const debords = await page.evaluate(() =>
      [...document.querySelectorAll('main *')]
        .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.table-defilante'))
        .slice(0, 5)
        .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}`),
    );
    expect(debords).toEqual([]);
    await capture(page.locator('#liste-participants'), 'participants-porteur-telephone-liste');
    await capture(formulaire().locator('fieldset.questionnaire'), 'participants-porteur-telephone-questionnaire');
    await page.setViewportSize({ width: 1280, height: 900 });
  }, LONG);
});
