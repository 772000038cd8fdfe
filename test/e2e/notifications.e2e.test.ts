import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { notification } from '#shared/domain/notification/notification';
import { notificationRepository } from '#shared/repositories/notification-repository';
import { fermerSession, ouvrirSession, seConnecter, type SessionE2e } from './support/session';

const LONG = 120_000;

describe('« Mes notifications » and the local inbox', () => {
  let session: SessionE2e;
  let page: Page;

  beforeAll(async () => {
    session = await ouvrirSession();
    ({ page } = session);
  }, LONG);

  afterAll(async () => {
    await fermerSession(session);
  }, LONG);

  it('shows a person the e-mails sent to them, linking to the page concerned, and the inbox shows the message', async () => {
    // A message of the OI, as the messagerie writes it in its transaction: the sender delivers it from the stream.
    const ns = notification('message_recu', {
      destinataires: [{ utilisateurId: 'demo-porteur', email: 'porteur@guichet.test', nom: 'Sophie Lefèvre' }],
      donnees: { reference: 'AAP-E2E-HP1-1', auteur: 'L’OI AGAPE', objet: 'Pièce manquante' },
      lien: '/dossiers', maintenant: new Date(), nouvelId: () => 'e2e-notification-1',
    });
    await notificationRepository.ecrire(ns);
    await expect.poll(async () => (await notificationRepository.lire('e2e-notification-1'))?.etat, { timeout: 15_000 }).toBe('envoye');

    await seConnecter(page, 'porteur@guichet.test');
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Mes notifications' }).click();
    await page.waitForURL((u) => u.pathname === '/notifications');
    await page.getByRole('heading', { name: 'Mes notifications', level: 1 }).waitFor();
    const carte = page.getByRole('listitem').filter({ hasText: 'Nouveau message sur le dossier AAP-E2E-HP1-1' });
    await carte.waitFor();
    expect(await carte.textContent()).toContain('Envoyé');
    await carte.getByRole('link', { name: 'Nouveau message sur le dossier AAP-E2E-HP1-1' }).click();
    await page.waitForURL((u) => u.pathname === '/dossiers');

    await page.goto('/boite-mail?a=porteur%40guichet.test');
    await page.getByRole('heading', { name: 'Messages reçus par porteur@guichet.test' }).waitFor();
    await page.getByRole('link', { name: 'Nouveau message sur le dossier AAP-E2E-HP1-1' }).click();
    await page.getByRole('heading', { name: 'Nouveau message sur le dossier AAP-E2E-HP1-1', level: 1 }).waitFor();
    expect(await page.locator('pre').textContent()).toContain(`${session.guichet.url}/dossiers`);
    expect(await page.frameLocator('iframe[title="Version HTML du message"]').getByRole('link', { name: 'Lire le message' }).count()).toBe(1);
  }, LONG);
});
