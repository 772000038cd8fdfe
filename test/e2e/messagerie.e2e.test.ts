import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dossierDepose } from './support/api';
import { emailNeuf, idAapDemo, pdfValide, seConnecterAvec } from './support/porteur';
import { fermerSession, ouvrirSession, type SessionE2e } from './support/session';

const LONG = 240_000;
const EICAR = Buffer.from('X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*');

describe('messagerie of a dossier in the web app', () => {
  let session: SessionE2e;
  let page: Page;
  const porteur = emailNeuf();
  let dossier: { id: string; reference: string };
  const annotation = `Note interne ${Date.now()} : budget à vérifier.`;

  beforeAll(async () => {
    session = await ouvrirSession();
    ({ page } = session);
    dossier = (await dossierDepose(session.guichet.url, porteur, await idAapDemo(page), 'GP1')).dossier;
  }, LONG);

  afterAll(async () => {
    await fermerSession(session);
  }, LONG);

  /** Mes dossiers → the dossier, by clicks. */
  async function ouvrirDossierPorteur() {
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Mes dossiers' }).click();
    await page.locator(`a[href="/dossiers/${dossier.id}"]`).first().click();
    await page.waitForURL(`**/dossiers/${dossier.id}`);
    await page.getByTestId('messagerie').waitFor();
  }

  it('lets the porteur open a conversation with a verified attachment', async () => {
    await seConnecterAvec(page, porteur);
    await ouvrirDossierPorteur();
    const messagerie = page.getByTestId('messagerie');
    await expect.poll(() => messagerie.textContent()).toContain('Aucune conversation');
    await messagerie.getByRole('button', { name: 'Nouvelle conversation' }).click();
    const form = messagerie.getByRole('form', { name: 'Nouvelle conversation' });
    await form.getByLabel('Sujet').fill('Date de démarrage');
    await form.getByLabel('Message', { exact: true }).fill('Pouvons-nous démarrer l’action au 1er mars ?\nMerci.');
    // A hostile file is rejected by the verification, with its reason, and can be removed before sending.
    await form.getByLabel(/Pièces jointes/).setInputFiles({ name: 'facture.pdf', mimeType: 'application/pdf', buffer: EICAR });
    const hostile = form.locator('.piece-jointe', { hasText: 'facture.pdf' });
    await expect.poll(() => hostile.getAttribute('data-etat'), { timeout: 60_000 }).toBe('rejetee');
    expect(await hostile.textContent()).toContain('logiciel malveillant');
    await hostile.getByRole('button', { name: 'Retirer facture.pdf' }).click();
    await form.getByLabel(/Pièces jointes/).setInputFiles({ name: 'planning.pdf', mimeType: 'application/pdf', buffer: await pdfValide('Planning prévisionnel') });
    await expect.poll(() => form.locator('.piece-jointe').getAttribute('data-etat'), { timeout: 60_000 }).toBe('valide');
    await form.getByRole('button', { name: 'Envoyer' }).click();
    const fil = messagerie.getByRole('button', { name: 'Date de démarrage' });
    await fil.waitFor();
    expect(await messagerie.getByTestId('messagerie-non-lus').count()).toBe(0);
  }, LONG);

  it('lets an OI agent read it (unread first), download the attachment, reply and annotate privately', async () => {
    await seConnecterAvec(page, 'gestionnaire@guichet.test');
    await page.goto('/gestion');
    await page.getByRole('link', { name: 'Dossiers déposés sur AAP-DEMO-FSEPLUS' }).click();
    await page.getByRole('link', { name: dossier.reference }).click();
    await page.waitForURL(`**/gestion/dossiers/${dossier.id}**`);
    // The messagerie has its tab on the OI's dossier page.
    const onglet = page.getByRole('tab', { name: /Messagerie/ });
    const messagerie = page.getByTestId('messagerie');
    await onglet.or(messagerie).first().waitFor();
    if (await onglet.count()) {
      await expect.poll(() => onglet.textContent()).toContain('1 non lu');
      await onglet.click();
    }
    await expect.poll(() => messagerie.getByTestId('messagerie-non-lus').textContent()).toBe('1 non lu');

    await messagerie.getByRole('button', { name: 'Date de démarrage' }).click();
    await expect.poll(() => messagerie.locator('.message').first().textContent()).toContain('Pouvons-nous démarrer l’action au 1er mars ?');
    await expect.poll(() => messagerie.getByTestId('messagerie-non-lus').count()).toBe(0);
    const [telechargement] = await Promise.all([
      page.waitForEvent('download'),
      messagerie.getByRole('button', { name: 'Télécharger planning.pdf' }).click(),
    ]);
    expect(telechargement.suggestedFilename()).toBe('planning.pdf');

    await messagerie.getByLabel('Votre réponse').fill('Oui, à condition que la convention soit signée avant.');
    await messagerie.getByRole('form', { name: 'Répondre' }).getByRole('button', { name: 'Envoyer' }).click();
    await expect.poll(() => messagerie.locator('.message').count()).toBe(2);

    const notes = page.getByTestId('annotations-privees');
    await notes.getByLabel('Nouvelle annotation').fill(annotation);
    await notes.getByRole('button', { name: 'Ajouter l’annotation' }).click();
    await expect.poll(() => notes.locator('.liste-annotations').textContent()).toContain(annotation);
    await page.screenshot({ path: '/tmp/msg/messagerie-oi.png', fullPage: true }).catch(() => undefined);
  }, LONG);

  it('shows the porteur an unread badge for the reply, and never the annotation', async () => {
    await seConnecterAvec(page, porteur);
    await ouvrirDossierPorteur();
    const messagerie = page.getByTestId('messagerie');
    await expect.poll(() => messagerie.getByTestId('messagerie-non-lus').textContent()).toBe('1 non lu');
    await messagerie.getByRole('button', { name: 'Date de démarrage' }).click();
    await expect.poll(() => messagerie.locator('.message').nth(1).textContent()).toContain('Oui, à condition que la convention soit signée avant.');
    await expect.poll(() => messagerie.getByTestId('messagerie-non-lus').count()).toBe(0);
    expect(await page.getByTestId('annotations-privees').count()).toBe(0);
    // The OI's reply also reached the porteur's inbox in the local mail catcher.
    const boite = (await (await page.request.get(`/boite-mail/messages.json?a=${encodeURIComponent(porteur)}`)).json()) as { items: { sujet: string }[] };
    expect(boite.items.map((c) => c.sujet)).toContain(`Nouveau message sur le dossier ${dossier.reference}`);
    expect(await page.locator('body').textContent()).not.toContain(annotation);
    await page.screenshot({ path: '/tmp/msg/messagerie-porteur.png', fullPage: true }).catch(() => undefined);
  }, LONG);
});
