import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fermerSession, jetonDe, ouvrirSession, seConnecter, seDeconnecter, type SessionE2e } from './support/session';

const LONG = 120_000;

describe('sign-in with OpenID Connect (local provider, code + PKCE)', () => {
  let session: SessionE2e;
  let page: Page;

  beforeAll(async () => {
    session = await ouvrirSession();
    ({ page } = session);
  }, LONG);

  afterAll(async () => {
    await fermerSession(session);
  }, LONG);

  it('brings the porteur to Mes dossiers, keeps the session on reload and in a new tab, and signs out', async () => {
    await seConnecter(page, 'porteur@guichet.test');
    await page.waitForURL((u) => u.pathname === '/dossiers');
    expect(await page.locator('.utilisateur-nom').textContent()).toBe('Sophie Lefèvre');
    const jeton = await jetonDe(page);
    expect(jeton).toMatch(/^ey/);
    // The SPA sends the ID token, which the API verifies.
    const r = await page.request.get('/api/organisations', { headers: { authorization: `Bearer ${jeton}` } });
    expect(r.status()).toBe(200);

    await page.reload();
    await expect.poll(() => page.getByTestId('utilisateur').textContent()).toBe('porteur@guichet.test');
    const onglet = await session.contexte.newPage();
    await onglet.goto('/organisation');
    await expect.poll(() => onglet.getByTestId('utilisateur').textContent()).toBe('porteur@guichet.test');
    await onglet.close();

    await seDeconnecter(page);
    expect(await jetonDe(page)).toBeNull();
    // The provider's session is over too: « Se connecter » shows its page again.
    await page.getByRole('banner').getByRole('button', { name: 'Se connecter', exact: true }).click();
    await page.waitForURL(/\/idp\/interaction\//);
    await page.getByRole('heading', { name: 'Connexion à Guichet (fournisseur d’identité local)' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Autre adresse électronique' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: /nouveau@guichet\.test.*sans rôle/ }).count()).toBe(1);
  }, LONG);

  it('brings the OI admin to the OI home page and a comité member to Mes comités', async () => {
    await seConnecter(page, 'oi@guichet.test');
    await page.waitForURL((u) => u.pathname === '/gestion');
    await seConnecter(page, 'comite1@guichet.test');
    await page.waitForURL((u) => u.pathname === '/comites');
  }, LONG);

  it('comes back to the page asked for after « Connectez-vous » on a reserved page', async () => {
    await seDeconnecter(page);
    await page.goto('/gestion/plies');
    await page.getByRole('link', { name: 'Connectez-vous' }).click();
    await page.waitForURL((u) => u.pathname === '/connexion');
    await page.getByRole('main').getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('button', { name: 'gestionnaire@guichet.test' }).click();
    await page.waitForURL((u) => u.pathname === '/gestion/plies');
    await expect.poll(() => page.getByTestId('utilisateur').textContent()).toBe('gestionnaire@guichet.test');
  }, LONG);

  it('explains in French, with « Réessayer », a callback whose state matches no sign-in in progress', async () => {
    await page.goto('/auth/callback?code=un-code&state=etat-inconnu&iss=x');
    const alerte = page.getByRole('alert').filter({ hasText: 'La connexion a échoué' });
    await alerte.waitFor();
    expect(await alerte.textContent()).toContain('ne correspond à aucune demande en cours');
    expect(await page.getByRole('button', { name: 'Réessayer' }).count()).toBe(1);
  }, LONG);

  it('explains a sign-in cancelled at the provider, with « Réessayer »', async () => {
    const contexte = await session.navigateur.newContext({ baseURL: session.guichet.url, locale: 'fr-FR' });
    try {
      const p = await contexte.newPage();
      await p.goto('/');
      await p.getByRole('banner').getByRole('button', { name: 'Se connecter', exact: true }).click();
      await p.getByRole('button', { name: 'Annuler et revenir à Guichet' }).click();
      await p.waitForURL((u) => u.pathname === '/auth/callback');
      const alerte = p.getByRole('alert').filter({ hasText: 'La connexion a échoué' });
      await alerte.waitFor();
      expect(await alerte.textContent()).toContain('annulée');
      await p.getByRole('button', { name: 'Réessayer' }).click();
      await p.waitForURL(/\/idp\/interaction\//);
    } finally {
      await contexte.close();
    }
  }, LONG);
});
