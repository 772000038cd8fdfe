import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailNeuf, idAapDemo, pdfValide, seConnecterAvec, sha256, siretAleatoire } from './support/porteur';
import { fermerSession, ouvrirSession, type SessionE2e } from './support/session';

const LONG = 240_000;

describe('pièces in the web app', () => {
  let session: SessionE2e;
  let page: Page;
  const email = emailNeuf();
  let dossierId = '';

  beforeAll(async () => {
    session = await ouvrirSession();
    ({ page } = session);
    // The organisation and the draft come from the API: this file is about files, not forms.
    const { token } = (await (await page.request.post('/api/auth/dev/token', { data: { email } })).json()) as { token: string };
    const auth = { authorization: `Bearer ${token}` };
    const org = await page.request.post('/api/organisations', {
      headers: auth,
      data: { siret: siretAleatoire(), raisonSociale: 'Régie Pièces', statutJuridique: 'entreprise', adresse: { ligne1: '1 rue Neuve', codePostal: '33000', commune: 'Bordeaux' } },
    });
    expect(org.status()).toBe(201);
    const d = await page.request.post('/api/dossiers', { headers: auth, data: { aapId: await idAapDemo(page), ficheCode: 'GP2', organisationId: ((await org.json()) as { id: string }).id } });
    expect(d.status()).toBe(201);
    dossierId = ((await d.json()) as { id: string }).id;
  }, LONG);

  afterAll(async () => {
    await fermerSession(session);
  }, LONG);

  it('shows the upload progress, then « vérifiée », and gives back the same bytes when a PDF is uploaded', async () => {
    await seConnecterAvec(page, email);
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Mes dossiers' }).click();
    await page.locator(`a[href="/dossiers/${dossierId}"]`).first().click();
    await page.waitForURL(`**/dossiers/${dossierId}`);
    const ligne = page.locator('li.ligne-piece[data-code="RIB"]');
    await expect.poll(() => ligne.locator('[data-etat]').getAttribute('data-etat')).toBe('attendue');

    // Record every value the progress bar takes, and slow the upload down so that it has several.
    await page.evaluate(() => {
      const w = window as unknown as { valeursProgression: string[] };
      w.valeursProgression = [];
      new MutationObserver(() => {
        const p = document.querySelector('li[data-code="RIB"] progress');
        if (p) w.valeursProgression.push(p.getAttribute('value') ?? 'indéterminée');
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    const cdp = await session.contexte.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 400 * 1024 });

    const pdf = await pdfValide('Relevé d’identité bancaire', 150);
    expect(pdf.length).toBeGreaterThan(300_000);
    await ligne.locator('input[type="file"]').setInputFiles({ name: 'rib.pdf', mimeType: 'application/pdf', buffer: pdf });
    await ligne.locator('progress').waitFor({ state: 'visible' });
    await expect.poll(() => ligne.locator('[data-etat]').getAttribute('data-etat'), { timeout: 60_000 }).toBe('valide');
    expect(await ligne.locator('[data-etat]').textContent()).toContain('vérifiée');
    expect(await ligne.locator('progress').count()).toBe(0);
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

    const valeurs = await page.evaluate(() => (window as unknown as { valeursProgression: string[] }).valeursProgression);
    const nombres = valeurs.filter((v) => /^\d+$/.test(v)).map(Number);
    expect(nombres).toContain(100);
    expect(nombres.some((n) => n > 0 && n < 100)).toBe(true);

    const [telechargement] = await Promise.all([
      page.waitForEvent('download'),
      ligne.getByRole('button', { name: /^Télécharger/ }).click(),
    ]);
    expect(telechargement.suggestedFilename()).toBe('rib.pdf');
    const recu = await readFile((await telechargement.path())!);
    expect(sha256(recu)).toBe(sha256(pdf));
  }, LONG);

  it('puts the line back to « attendue » when the porteur deletes the pièce and confirms', async () => {
    const ligne = page.locator('li.ligne-piece[data-code="RIB"]');
    await ligne.getByRole('button', { name: /^Supprimer/ }).click();
    await ligne.getByRole('button', { name: 'Confirmer la suppression' }).click();
    await expect.poll(() => ligne.locator('[data-etat]').getAttribute('data-etat')).toBe('attendue');
    expect(await ligne.getByRole('button', { name: /^Télécharger/ }).count()).toBe(0);
  }, LONG);

  it('refuses client-side a file of a type the line does not accept', async () => {
    const ligne = page.locator('li.ligne-piece[data-code="STATUTS"]');
    await ligne.locator('input[type="file"]').setInputFiles({ name: 'statuts.txt', mimeType: 'text/plain', buffer: Buffer.from('pas un PDF') });
    await expect.poll(() => ligne.locator('.message-erreur').textContent()).toContain('Format non accepté');
    expect(await ligne.locator('[data-etat]').getAttribute('data-etat')).toBe('attendue');
  }, LONG);
});
