import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fermerSession, ouvrirSession, type SessionE2e } from './support/session';

const LONG = 240_000;

describe('on a phone', () => {
  let session: SessionE2e;
  let page: Page;

  beforeAll(async () => {
    session = await ouvrirSession();
    ({ page } = session);
    await page.setViewportSize({ width: 390, height: 844 });
  }, LONG);

  afterAll(async () => {
    await fermerSession(session);
  }, LONG);

  it('folds the navigation behind a « Menu » button instead of overflowing, and closes it after a click', async () => {
    await page.goto('/');
    const menu = page.getByRole('button', { name: 'Menu' });
    await menu.waitFor();
    const nav = page.getByRole('navigation', { name: 'Navigation principale' });
    expect(await nav.isVisible()).toBe(false);
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await expect.poll(() => nav.isVisible()).toBe(true);
    const lien = nav.getByRole('link', { name: 'Appels à projets' });
    const boite = (await lien.boundingBox())!;
    expect(boite.x + boite.width).toBeLessThanOrEqual(390);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await lien.click();
    await expect.poll(() => nav.isVisible()).toBe(false);
  }, LONG);

  it('shows the whole navigation without a menu button on a desktop', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Appels à projets' }).waitFor();
    expect(await page.getByRole('button', { name: 'Menu' }).isVisible()).toBe(false);
  }, LONG);
});
