import type { Browser, BrowserContext, Page } from 'playwright-core';
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
