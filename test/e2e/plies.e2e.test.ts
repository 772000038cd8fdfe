import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientApi } from './support/api';
import { fermerSession, ouvrirSession, seConnecter, seDeconnecter, type SessionE2e } from './support/session';
import { DONNEES_AGAPE } from './support/web';

const LONG = 180_000;
/** Set E2E_CAPTURES=<dir> to keep a screenshot of the PLIE edit form. */
const CAPTURES = process.env.E2E_CAPTURES;
const NOUVEAU_SITE = 'https://www.pliedessources.fr/accueil';
const NOUVELLE_COMMUNE = 'Gradignan';
/** A texte riche with a paragraph, a list and a sub-item. */
const CRITERES_SORTIE = 'Sorties positives :\n\n- emploi durable\n  - CDI ou CDD de 6 mois et plus\n- formation qualifiante';

type Plie = { version: number; gouvernance: string | null; lignesSource: unknown; source: string | null } & Record<string, unknown>;

/** The PLIE des Sources as the seed writes it (data/plies-agape.json). */
function plieSourcesInitial(): Plie {
  const fichier = JSON.parse(readFileSync(join(DONNEES_AGAPE, '..', 'plies-agape.json'), 'utf8')) as { plies: (Plie & { id: string })[] };
  return fichier.plies.find((p) => p.id === 'sources')!;
}

describe('PLIE of the OI', () => {
  let session: SessionE2e;
  let page: Page;
  let api: ClientApi;

  beforeAll(async () => {
    session = await ouvrirSession();
    ({ page } = session);
    api = new ClientApi(`${session.guichet.url}/api`);
  }, LONG);

  afterAll(async () => {
    await fermerSession(session);
  }, LONG);

  /** From the home page, through « Se connecter » and the identity provider's page. */
  const seConnecterDepuisAccueil = (email: string) => seConnecter(page, email);

  async function ouvrirListePlies() {
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Gestion de l’OI' }).click();
    await page.waitForURL('**/gestion');
    await page.getByRole('link', { name: 'Les PLIE de l’OI' }).click();
    await page.waitForURL('**/gestion/plies');
    await expect.poll(() => page.getByRole('row', { name: /PLIE des Sources/ }).count()).toBe(1);
  }

  const champ = (debut: string) => page.getByRole('textbox', { name: new RegExp(`^${debut}`) });

  it('saves the website, a commune and an objective when an OI admin edits a PLIE, then shows them on its public page', async () => {
    await seConnecterDepuisAccueil('oi@guichet.test');
    await ouvrirListePlies();
    if (CAPTURES) {
      mkdirSync(CAPTURES, { recursive: true });
      await page.screenshot({ path: join(CAPTURES, 'plies-liste.png'), fullPage: true });
    }
    await page.getByRole('row', { name: /PLIE des Sources/ }).getByRole('link', { name: /^Modifier/ }).click();
    await page.waitForURL('**/gestion/plies/sources');
    await expect.poll(() => page.locator('h1').textContent()).toBe('PLIE des Sources');

    // The shared schema refuses an address without its scheme, next to the field and in the summary.
    await champ('Site web').fill('www.pliedessources.fr');
    await page.getByRole('button', { name: 'Enregistrer le PLIE' }).click();
    await expect.poll(() => page.locator('.resume-erreurs').textContent()).toContain('Site web');
    expect(await champ('Site web').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#champ-siteWeb-erreur').textContent()).toContain('https://');

    await champ('Site web').fill(NOUVEAU_SITE);
    const communes = champ('Communes et territoires couverts');
    await communes.fill(`${await communes.inputValue()}\n${NOUVELLE_COMMUNE}`);
    await page.getByRole('button', { name: 'Ajouter un objectif' }).click();
    await champ('Libellé de l’objectif 1').fill('Participants accompagnés');
    await champ('Cible de l’objectif 1').fill('450');
    await champ('Unité de l’objectif 1').fill('personnes');
    await champ('Critères de sortie').fill(CRITERES_SORTIE);
    const apercu = page.getByRole('group', { name: 'Aperçu : Critères de sortie' });
    expect(await apercu.locator('.sous-liste li').textContent()).toBe('CDI ou CDD de 6 mois et plus');
    if (CAPTURES) await page.screenshot({ path: join(CAPTURES, 'plie-edition.png'), fullPage: true });

    await page.getByRole('button', { name: 'Enregistrer le PLIE' }).click();
    await expect.poll(() => page.getByTestId('annonces').textContent()).toBe('PLIE enregistré (version 2).');
    expect(await page.locator('.resume-erreurs').count()).toBe(0);
    expect(await page.locator('.entete-page .meta').textContent()).toContain('version 2');

    // Someone else saves version 3: the next save is refused, what was typed stays until the user reloads.
    const lu = await api.appel<Plie>('oi@guichet.test', 'GET', '/plies/sources');
    const { id: _id, oi: _oi, version: _v, modifieLe: _m, ...contenu } = lu;
    const version3 = { ...contenu, gouvernance: 'Comité de pilotage trimestriel.' };
    await api.appel('oi@guichet.test', 'PUT', '/plies/sources', version3, { 'if-match': `"${lu.version}"` });
    await champ('Gouvernance').fill('Texte saisi pendant la modification concurrente.');
    await page.getByRole('button', { name: 'Enregistrer le PLIE' }).click();
    const avis = page.locator('.alerte-avertissement');
    await expect.poll(() => avis.locator('.alerte-titre').textContent()).toBe('Ce PLIE a été modifié entre-temps');
    expect(await avis.getAttribute('role')).toBe('status');
    expect(await page.locator('.resume-erreurs').textContent()).toContain('version 3');
    expect(await champ('Gouvernance').inputValue()).toBe('Texte saisi pendant la modification concurrente.');
    if (CAPTURES) await page.screenshot({ path: join(CAPTURES, 'plie-conflit.png') });
    await page.getByRole('button', { name: /^Recharger la dernière version/ }).click();
    await expect.poll(() => champ('Gouvernance').inputValue()).toBe('Comité de pilotage trimestriel.');
    expect(await page.locator('.entete-page .meta').textContent()).toContain('version 3');

    // What the form does not edit comes back as it was read.
    const apres = await api.appel<Plie>('oi@guichet.test', 'GET', '/plies/sources');
    const initial = plieSourcesInitial();
    expect(apres.lignesSource).toEqual(initial.lignesSource);
    expect(apres.source).toBe(initial.source);

    await page.getByRole('link', { name: 'Voir la page publique' }).click();
    await page.waitForURL((url) => url.pathname === '/plies/sources');
    const territoire = page.getByRole('region', { name: 'Territoire' });
    await expect.poll(() => territoire.locator('li').allTextContents()).toContain(NOUVELLE_COMMUNE);
    expect(await page.getByRole('link', { name: /^Site web du PLIE/ }).getAttribute('href')).toBe(NOUVEAU_SITE);
    const objectifs = page.locator('section[aria-labelledby="plie-objectifs"] tbody tr');
    expect(await objectifs.first().textContent()).toContain('Participants accompagnés');
    const sortie = page.getByRole('region', { name: 'Critères de sortie' });
    expect(await sortie.locator('.sous-liste li').textContent()).toBe('CDI ou CDD de 6 mois et plus');
  }, LONG);

  it('creates a PLIE with a valid, free id when an OI admin fills « Nouveau PLIE »', async () => {
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Appels à projets' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await ouvrirListePlies();
    const identifiant = page.getByRole('textbox', { name: 'Identifiant' });
    await identifiant.fill('PLIE Côte');
    await page.getByRole('textbox', { name: 'Nom du PLIE' }).fill('PLIE de la Côte');
    await page.getByRole('button', { name: 'Créer le PLIE' }).click();
    await expect.poll(() => page.locator('#champ-id-erreur').textContent()).toContain('minuscules');
    await identifiant.fill('sources');
    await page.getByRole('button', { name: 'Créer le PLIE' }).click();
    await expect.poll(() => page.locator('#champ-id-erreur').textContent()).toContain('déjà pris');

    await identifiant.fill('cote-e2e');
    await page.getByRole('button', { name: 'Créer le PLIE' }).click();
    await page.waitForURL('**/gestion/plies/cote-e2e');
    await expect.poll(() => page.locator('h1').textContent()).toBe('PLIE de la Côte');
    expect(await page.locator('.alerte-succes').textContent()).toContain('créé');
  }, LONG);

  it('lists the PLIE without « Modifier » nor « Nouveau PLIE » when a gestionnaire opens them', async () => {
    await seDeconnecter(page);
    await seConnecterDepuisAccueil('gestionnaire@guichet.test');
    await ouvrirListePlies();
    expect(await page.locator('tbody tr').count()).toBe(8);
    expect(await page.getByRole('link', { name: /^Modifier/ }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Nouveau PLIE' }).count()).toBe(0);
    expect(await page.getByRole('status').filter({ hasText: 'réservée aux administrateurs' }).count()).toBe(1);
    expect(await page.getByRole('row', { name: /PLIE des Sources/ }).getByRole('link', { name: /^Voir la page/ }).count()).toBe(1);
  }, LONG);

  it('keeps the gestionnaire signed in in a tab opened from a link, and after a reload; signing out there signs out here', async () => {
    const [onglet] = await Promise.all([
      session.contexte.waitForEvent('page'),
      page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Gestion de l’OI' }).click({ modifiers: ['Control'] }),
    ]);
    await onglet.waitForLoadState();
    await expect.poll(() => onglet.getByTestId('utilisateur').textContent()).toBe('gestionnaire@guichet.test');
    await onglet.reload();
    await expect.poll(() => onglet.getByTestId('utilisateur').textContent()).toBe('gestionnaire@guichet.test');
    // Signing out there (through the provider's end of session, waited for before the tab closes) signs out here.
    await seDeconnecter(onglet);
    await expect.poll(() => page.getByRole('button', { name: 'Se connecter' }).count()).toBe(1);
    await onglet.close();
  }, LONG);

  it('tells an invited account that has no role yet whom to ask, on every page, never a blank screen', async () => {
    await seConnecterDepuisAccueil('nouveau@guichet.test');
    const avis = page.getByRole('status').filter({ hasText: 'n’a pas encore de rôle' });
    await expect.poll(() => avis.count(), { timeout: 30_000 }).toBe(1);
    expect(await avis.textContent()).toContain('demandez à l’administrateur de votre OI');
    await page.locator('.carte-aap a').first().click();
    await page.waitForURL('**/aaps/**');
    await expect.poll(() => page.getByRole('heading', { name: 'Votre compte n’a pas encore de rôle dans Guichet' }).count()).toBe(1);
  }, LONG);
});
