/** Screenshots of key screens kept by a journey when E2E_CAPTURES=<dir> is set (a full page, or one region). */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';

const CAPTURES = process.env.E2E_CAPTURES;

export async function captureSi(cible: Page | Locator, nom: string): Promise<void> {
  if (!CAPTURES) return;
  mkdirSync(CAPTURES, { recursive: true });
  await cible.screenshot({ path: join(CAPTURES, `${nom}.png`), ...('goto' in cible ? { fullPage: true } : {}) });
}
