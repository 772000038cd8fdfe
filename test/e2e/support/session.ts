import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_USERS } from '#local/demo-users';
import { startGuichet, type Guichet } from '#local/server';
import { lancerChromium } from './navigateur';
import { construireWebSiBesoin } from './web';

/** One Guichet (in memory, demo data) and one desktop browser page on it: what each e2e file starts from. */
export interface SessionE2e {
  guichet: Guichet;
  navigateur: Browser;
  contexte: BrowserContext;
  page: Page;
}

export async function ouvrirSession(): Promise<SessionE2e> {
  await construireWebSiBesoin();
  const guichet = await startGuichet({ port: 0, inMemory: true, seed: true });
  const navigateur = await lancerChromium();
  const contexte = await navigateur.newContext({ baseURL: guichet.url, locale: 'fr-FR', viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  contexte.setDefaultTimeout(30_000);
  return { guichet, navigateur, contexte, page: await contexte.newPage() };
}

export async function fermerSession(s: Partial<SessionE2e> | undefined): Promise<void> {
  await s?.contexte?.close();
  await s?.navigateur?.close();
  await s?.guichet?.stop();
}

/**
 * Signs in as the browser does: from the home page, « Se connecter », the identity provider's page, the demo account
 * (or « Autre adresse électronique » for any other address), and back signed in. Whoever was signed in signs out
 * first (otherwise the provider would keep its session and sign the same person in again).
 */
export async function seConnecter(page: Page, email: string): Promise<void> {
  await page.goto('/');
  const utilisateur = page.getByTestId('utilisateur');
  const boutonConnexion = page.getByRole('banner').getByRole('button', { name: 'Se connecter', exact: true });
  await utilisateur.or(boutonConnexion).first().waitFor();
  if (await utilisateur.count()) {
    if ((await utilisateur.textContent()) === email) return;
    await seDeconnecter(page);
  }
  await boutonConnexion.click();
  await page.waitForURL(/\/idp\/interaction\//);
  await page.getByRole('heading', { name: 'Connexion à Guichet (fournisseur d’identité local)' }).waitFor();
  if (DEMO_USERS.some((u) => u.email === email)) {
    await page.getByRole('button', { name: email }).click();
  } else {
    await page.getByRole('textbox', { name: 'Adresse électronique' }).fill(email);
    await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
  }
  // A Playwright wait, not vitest's: the screenshot script (outside vitest) signs in too.
  const exacte = new RegExp(`^${email.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  await page.getByTestId('utilisateur').filter({ hasText: exacte }).waitFor({ timeout: 20_000 });
}

/** « Se déconnecter », through the provider's end_session (no confirmation), back on the home page signed out. */
export async function seDeconnecter(page: Page): Promise<void> {
  const fin = page.waitForResponse((r) => new URL(r.url()).pathname === '/idp/session/end/confirm');
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await fin;
  await page.waitForURL((u) => u.pathname === '/');
  await page.getByRole('banner').getByRole('button', { name: 'Se connecter', exact: true }).waitFor();
}

/** The ID token of the signed-in user, as the SPA keeps it (oidc-client-ts user in localStorage). */
export function jetonDe(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const cle = Object.keys(localStorage).find((k) => k.startsWith('oidc.user:'));
    const u = cle ? (JSON.parse(localStorage.getItem(cle) ?? 'null') as { id_token?: string } | null) : null;
    return u?.id_token ?? null;
  });
}
