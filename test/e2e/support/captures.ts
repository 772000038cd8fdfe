/**
 * Screenshots of the porteur and OI screens, desktop (1280 px) and phone (390 px), on a seeded in-memory Guichet:
 * `npx tsx test/e2e/support/captures.ts [dossier de sortie]` (default /tmp/guichet-captures). Not a test: a tool to
 * look at the pages.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { startGuichet } from '#local/server';
import { lancerChromium } from './navigateur';
import { ClientApi, piecesObligatoires, planFseplus, remplir } from './api';
import { idAapDemo } from './porteur';
import { seConnecter } from './session';
import { construireWebSiBesoin } from './web';

const sortie = process.argv[2] ?? '/tmp/guichet-captures';
mkdirSync(sortie, { recursive: true });

async function main() {
  await construireWebSiBesoin();
  const g = await startGuichet({ port: 0, inMemory: true, seed: true });
  const navigateur: Browser = await lancerChromium();
  try {
    const api = new ClientApi(`${g.url}/api`);
    const porteur = 'porteur@guichet.test';
    const org = (await api.appel<{ items: Array<{ id: string }> }>(porteur, 'GET', '/organisations')).items[0]!;
    const page0 = await (await navigateur.newContext({ baseURL: g.url })).newPage();
    const aapId = await idAapDemo(page0);
    const archives = (await (await page0.request.get('/api/aaps?statut=clos&limit=100')).json()) as { items: { id: string; reference: string }[] };
    const agapeId = archives.items.find((a) => a.reference === 'AAP-AGAPE-2021')!.id;
    const creer = (fiche: string) => api.appel<Parameters<typeof remplir>[2]>(porteur, 'POST', '/dossiers', { aapId, ficheCode: fiche, organisationId: org.id });
    const echoue = await creer('HP1');
    await remplir(api, porteur, echoue, planFseplus(4_592_000, 400_000));
    const depose = await creer('HP2');
    await remplir(api, porteur, depose);
    await piecesObligatoires(api, porteur, depose.id);
    await api.appel(porteur, 'POST', `/dossiers/${depose.id}/depot`, undefined, { 'idempotency-key': `capture-${Date.now()}` });
    await creer('A1');

    for (const [nom, largeur, hauteur] of [['bureau', 1280, 900], ['mobile', 390, 844]] as const) {
      const ctx = await navigateur.newContext({ baseURL: g.url, locale: 'fr-FR', viewport: { width: largeur, height: hauteur }, isMobile: nom === 'mobile', hasTouch: nom === 'mobile' });
      const page = await ctx.newPage();
      const capture = async (fichier: string, pleine = true) => {
        await page.screenshot({ path: join(sortie, `${nom}-${fichier}.png`), fullPage: pleine });
        if (pleine) await page.screenshot({ path: join(sortie, `${nom}-${fichier}-ecran.png`) });
        // Anything wider than the viewport is a layout defect on a phone.
        const debords = await page.evaluate(() =>
          [...document.querySelectorAll('body *')]
            .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.table-defilante, .nav'))
            .slice(0, 5)
            .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} → ${Math.round(e.getBoundingClientRect().right)} px`),
        );
        const largeur = await page.evaluate(() => document.documentElement.scrollWidth);
        if (debords.length || largeur > page.viewportSize()!.width) console.log(`${nom}-${fichier} déborde (${largeur} px) :`, debords);
      };
      const connecter = (email: string) => seConnecter(page, email);
      /** A link of the main navigation, behind the « Menu » button on a phone. */
      const naviguer = async (href: string) => {
        const menu = page.getByRole('button', { name: 'Menu' });
        if (await menu.isVisible()) await menu.click();
        await page.getByRole('navigation', { name: 'Navigation principale' }).locator(`a[href="${href}"]`).click();
      };
      /** From « Mes dossiers », the dossier's card. */
      const ouvrirDossier = async (id: string) => {
        await naviguer('/dossiers');
        await page.locator(`main a[href="/dossiers/${encodeURIComponent(id)}"]`).first().click();
      };
      await connecter('porteur@guichet.test');
      await page.goto('/dossiers');
      await page.locator('.carte-dossier').first().waitFor();
      await capture('tableau-de-bord');
      await ouvrirDossier(echoue.id);
      await page.locator('li[data-code="CONTREPARTIES_INSUFFISANTES"]').waitFor();
      await page.locator('#section-pieces .ligne-piece').first().waitFor();
      await capture('editeur');
      await page.locator('#section-controles').screenshot({ path: join(sortie, `${nom}-controles.png`) });
      await page.locator('#section-plan').screenshot({ path: join(sortie, `${nom}-depenses.png`) });
      await page.locator('#section-pieces').screenshot({ path: join(sortie, `${nom}-pieces.png`) });
      await ouvrirDossier(depose.id);
      await page.getByRole('heading', { name: /^Déposé le/ }).waitFor();
      await capture('depose');
      await page.goto('/organisation');
      await page.locator('.membres table').waitFor();
      await capture('organisation');
      await page.goto(`/aaps/${aapId}/fiches/HP1`);
      await page.locator('.repondre').waitFor();
      await capture('fiche', false);
      await page.goto(`/aaps/${agapeId}/fiches/GP1`);
      await page.getByTestId('etapes-parcours').waitFor();
      await capture('fiche-gp1');
      await page.goto('/plies/grand-perigueux');
      await page.getByRole('heading', { name: 'Public cible' }).waitFor();
      await capture('plie');
      await connecter(`nouveau-capture-${nom}@exemple.fr`);
      await page.goto('/organisation');
      await page.getByLabel('SIRET').fill('443 061 841 00048');
      await page.getByRole('button', { name: 'Enregistrer l’organisation' }).click();
      await page.locator('#champ-siret-erreur').waitFor();
      await capture('organisation-erreurs');
      await connecter('oi@guichet.test');
      // By clicks from the OI's home, as an agent goes there.
      await naviguer('/gestion');
      await page.locator(`a[href="/gestion/aaps/${encodeURIComponent(aapId)}"]`).first().click();
      await page.getByRole('link', { name: 'Dossiers déposés', exact: true }).click();
      await page.locator('table.table-dossiers').waitFor();
      await capture('oi-liste');
      await page.locator(`a[href="/gestion/dossiers/${encodeURIComponent(depose.id)}"]`).first().click();
      await page.getByRole('tab', { name: 'Journal' }).click();
      await page.locator('#section-journal .journal').waitFor();
      await capture('oi-dossier');
      await ctx.close();
    }
    console.log(`Captures écrites dans ${sortie}`);
  } finally {
    await navigateur.close();
    await g.stop();
  }
}

await main();
