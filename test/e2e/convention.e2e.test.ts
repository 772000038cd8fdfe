import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Guichet } from '#local/server';
import { seedDossiersDemo } from '#local/demo-dossiers';
import { dossierProgramme, GESTIONNAIRE, OI, P1 } from '../integration/comite-helpers';
import { aapOuvert } from '../integration/dossiers-helpers';
import { client } from '../integration/helpers';
import { fermerSession, ouvrirSession, seConnecter, type SessionE2e } from './support/session';
import { captureSi } from './support/capture-si';

const LONG = 300_000;
const PORTEUR2 = 'porteur2@guichet.test';
const sha256 = (o: Uint8Array) => createHash('sha256').update(o).digest('hex');
/** Text content with French typography's narrow and non-breaking spaces read as spaces. */
const texte = async (l: Locator) => ((await l.textContent()) ?? '').replace(/[\u00a0\u202f]/g, ' ');

/**
 * A convention by clicks only: the gestionnaire prepares it from the tableau de bord and sends it; the porteur's
 * signataire signs it from « Mes dossiers » on the document whose SHA-256 it is shown; the oi-admin countersigns it
 * from the tableau de bord's Conventions block; the porteur downloads the sealed PDF. Then the demo avenant of B3,
 * signed by porteur2, is countersigned by the oi-admin.
 */
describe('convention web journey: preparation, signatures, sealed PDF, avenant', () => {
  let session: SessionE2e;
  let guichet: Guichet;
  let page: Page;
  let api: ReturnType<typeof client>;
  let dossier: { id: string; reference: string };
  let b3: { id: string; reference: string };
  let empreinte = '';

  beforeAll(async () => {
    session = await ouvrirSession();
    ({ guichet, page } = session);
    api = client(guichet);
    // The demo's conventions (B1 in force, B3 with an avenant awaiting the OI), then a dossier of porteur@ programmed
    // for 8 560 € with no convention yet (set up through the API: the selection by clicks is the campagne journey's).
    await seedDossiersDemo(`${guichet.url}/api`);
    dossier = await dossierProgramme(api, (await aapOuvert(api)).id, 856_000, 856_000);
    const liste = (await api.get('/dossiers', { as: PORTEUR2 })).body as { items: Array<{ id: string; reference: string; ficheCode: string }> };
    b3 = liste.items.find((d) => d.ficheCode === 'B3')!;
  }, LONG);
  afterAll(async () => fermerSession(session), LONG);

  const capture = captureSi;
  const succes = () => page.locator('.alerte-succes').first();
  const onglet = (nom: string) => page.getByRole('tab', { name: new RegExp(`^${nom}(\\s|$)`) });
  const navigation = () => page.getByRole('navigation', { name: 'Navigation principale' });

  /** From the tableau de bord's « Conventions » block to the dossier's Convention tab. */
  async function depuisConventions(d: { id: string; reference: string }, etat: RegExp) {
    await navigation().getByRole('link', { name: 'Gestion de l’OI' }).click();
    await page.waitForURL((u) => u.pathname === '/gestion');
    const ligne = page.getByTestId('conventions').locator('tbody tr').filter({ hasText: d.reference });
    await expect.poll(() => ligne.textContent()).toMatch(etat);
    await ligne.getByRole('link').click();
    await page.waitForURL((u) => u.pathname === `/gestion/dossiers/${d.id}`);
    await onglet('Convention').click();
    await expect.poll(() => onglet('Convention').getAttribute('aria-selected')).toBe('true');
  }

  /** From « Mes dossiers », the dossier's card (its convention badge checked first). */
  async function depuisMesDossiers(d: { id: string; reference: string }, badge: string) {
    await navigation().locator('a[href="/dossiers"]').click();
    await page.waitForURL((u) => u.pathname === '/dossiers');
    const carte = page.locator(`li[data-reference="${d.reference}"]`);
    await expect.poll(() => carte.locator('[data-convention]').textContent()).toBe(badge);
    await carte.getByRole('link').first().click();
    await page.waitForURL((u) => u.pathname === `/dossiers/${d.id}`);
    await page.locator('#section-convention').waitFor();
  }

  /** Clicks a PDF link and returns the downloaded bytes. */
  async function telecharger(lien: Locator): Promise<Uint8Array> {
    const [telechargement] = await Promise.all([page.waitForEvent('download'), lien.click()]);
    return new Uint8Array(await readFile((await telechargement.path())!));
  }

  it('lets the gestionnaire prepare the convention from the tableau de bord and send it for signature', async () => {
    await seConnecter(page, GESTIONNAIRE);
    await depuisConventions(dossier, /À préparer/);
    await page.getByLabel('Régime d’aide').selectOption('hors_aide_etat');
    // Prefilled with the signataire who deposited the dossier.
    expect(await page.getByLabel('Nom', { exact: true }).inputValue()).not.toBe('');
    await page.getByLabel('Nom', { exact: true }).fill('Marie Lacombe');
    await page.getByLabel('Qualité', { exact: true }).fill('Présidente');
    await page.getByRole('button', { name: 'Préparer la convention' }).click();
    await expect.poll(() => succes().textContent()).toContain('Convention préparée');
    const version = page.getByTestId('version-en-cours');
    expect(await version.getByRole('heading', { level: 2 }).textContent()).toBe('Convention initiale — version 1');
    expect(await texte(version)).toContain('8 560,00 €');
    expect(await version.getByRole('table', { name: 'Calendrier des bilans' }).getByRole('row', { name: /Bilan final/ }).count()).toBe(1);
    const projet = await telecharger(version.getByRole('link', { name: /Aperçu du projet/ }));
    expect(Buffer.from(projet.subarray(0, 5)).toString('latin1')).toBe('%PDF-');

    await page.getByRole('button', { name: 'Envoyer pour signature' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirmer l’envoi' }).click();
    await expect.poll(() => succes().textContent()).toContain('Convention initiale envoyée pour signature');
    empreinte = (await page.getByTestId('empreinte-convention').first().textContent()) ?? '';
    expect(empreinte).toMatch(/^[0-9a-f]{64}$/);
    await capture(page, 'convention-oi-envoyee');
  }, LONG);

  it('lets the porteur’s signataire sign the document whose SHA-256 it is shown, from « Mes dossiers »', async () => {
    await seConnecter(page, P1);
    await depuisMesDossiers(dossier, 'Convention à signer');
    const section = page.locator('#section-convention');
    expect(await section.getByTestId('empreinte-convention').textContent()).toBe(empreinte);
    // The PDF offered is the very document of that hash.
    expect(sha256(await telecharger(section.getByTestId('version-a-signer').getByRole('link', { name: /PDF à signer/ })))).toBe(empreinte);
    expect(await section.getByLabel('Qualité du signataire').inputValue()).toBe('Présidente');
    await capture(section, 'convention-porteur-a-signer');
    await section.getByRole('button', { name: 'Signer', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirmer : signer' }).click();
    await expect.poll(() => succes().textContent()).toContain('Convention initiale signée');
    expect(await section.textContent()).toContain('en attente de la contresignature de l’OI');
  }, LONG);

  it('shows the gestionnaire who must countersign, without a button', async () => {
    await seConnecter(page, GESTIONNAIRE);
    await depuisConventions(dossier, /À contresigner/);
    const version = page.getByTestId('version-en-cours');
    expect(await version.textContent()).toContain('À contresigner par un administrateur de l’OI');
    expect(await version.getByRole('button', { name: 'Contresigner' }).count()).toBe(0);
  }, LONG);

  it('lets the oi-admin countersign from the tableau de bord’s Conventions block', async () => {
    await seConnecter(page, OI);
    await depuisConventions(dossier, /À contresigner/);
    const version = page.getByTestId('version-en-cours');
    expect(await version.getByTestId('empreinte-convention').textContent()).toBe(empreinte);
    expect(await version.textContent()).toContain('Signée pour l’organisation par');
    await version.getByLabel('Qualité du signataire').fill('Directrice de l’AGAPE');
    await capture(page, 'convention-oi-contresigner');
    await version.getByRole('button', { name: 'Contresigner', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirmer : contresigner' }).click();
    await expect.poll(() => succes().textContent()).toContain('en vigueur');
    const historique = page.locator('table.table-versions tr[data-numero="1"]');
    expect(await historique.textContent()).toMatch(/En vigueur.*Présidente.*Directrice de l’AGAPE/s);
    // Gone from the block once in force.
    await navigation().getByRole('link', { name: 'Gestion de l’OI' }).click();
    await page.getByTestId('conventions').waitFor();
    expect(await page.getByTestId('conventions').locator('tbody tr').filter({ hasText: dossier.reference }).count()).toBe(0);
  }, LONG);

  it('lets the porteur download the signed PDF, sealed by the platform', async () => {
    await seConnecter(page, P1);
    await depuisMesDossiers(dossier, 'Convention en vigueur');
    const pdf = await telecharger(page.locator('#section-convention .version-en-vigueur').getByRole('link', { name: /PDF signé et scellé/ }));
    expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const lue = (await api.get(`/dossiers/${dossier.id}/convention`, { as: P1 })).body as { versions: Array<{ scelle: { sha256: string } | null; document: { sha256: string } }> };
    expect(lue.versions[0]!.document.sha256).toBe(empreinte);
    expect(sha256(pdf)).toBe(lue.versions[0]!.scelle!.sha256);
    const dir = join(process.env.TMPDIR ?? '/tmp', `convention-e2e-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    const chemin = join(dir, 'signee.pdf');
    await (await import('node:fs/promises')).writeFile(chemin, pdf);
    const sig = spawnSync('pdfsig', [chemin], { encoding: 'utf8' });
    if (!sig.error) expect(`${sig.stdout}${sig.stderr}`).toMatch(/Signature #1/);
  }, LONG);

  it('lets the gestionnaire prepare an avenant, add its décision de réexamen and send it; the porteur reads its diff', async () => {
    await seConnecter(page, GESTIONNAIRE);
    await navigation().getByRole('link', { name: 'Gestion de l’OI' }).click();
    await page.waitForURL((u) => u.pathname === '/gestion');
    // In force, it left the Conventions block: the dossier is reached through the « Programmés » queue.
    await page.getByTestId('compteurs').getByRole('link', { name: /Programmés/ }).click();
    await page.waitForURL((u) => u.pathname === '/gestion/recherche');
    await page.getByRole('link', { name: dossier.reference, exact: true }).click();
    await page.waitForURL((u) => u.pathname === `/gestion/dossiers/${dossier.id}`);
    await onglet('Convention').click();
    await page.getByRole('button', { name: 'Préparer un avenant' }).click();
    await page.getByLabel('Motif de l’avenant').fill('Prolongation de six mois : recrutement du conseiller retardé.');
    await page.getByLabel('Fin', { exact: true }).fill('2028-06-30');
    await page.getByRole('button', { name: 'Préparer l’avenant' }).click();
    await expect.poll(() => succes().textContent()).toContain('Avenant n° 1 préparé');
    const version = page.getByTestId('version-en-cours');
    expect(await texte(version.getByTestId('modifications-avenant').getByRole('row', { name: /Fin de l’opération/ }))).toContain('31/12/202730/06/2028');
    // No décision de réexamen yet: sending is refused until it is given.
    await page.getByRole('button', { name: 'Envoyer pour signature' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirmer l’envoi' }).click();
    await expect.poll(() => page.locator('[data-code]').first().getAttribute('data-code')).toBe('DECISION_REEXAMEN_REQUISE');
    await page.getByLabel('Référence de la décision').fill('CP-AGAPE-2027-07');
    await page.getByRole('button', { name: 'Enregistrer la décision' }).click();
    await expect.poll(() => succes().textContent()).toContain('Décision de réexamen enregistrée');
    await capture(page, 'convention-oi-avenant');
    await page.getByRole('button', { name: 'Envoyer pour signature' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirmer l’envoi' }).click();
    await expect.poll(() => succes().textContent()).toContain('Avenant n° 1 envoyé pour signature');

    await seConnecter(page, P1);
    await depuisMesDossiers(dossier, 'Convention à signer');
    const aSigner = page.getByTestId('version-a-signer');
    expect(await aSigner.getByRole('heading', { level: 3 }).first().textContent()).toBe('Avenant n° 1 — version 2');
    expect(await texte(aSigner.getByTestId('modifications-avenant'))).toContain('30/06/2028');
    expect(await texte(aSigner)).toContain('CP-AGAPE-2027-07');
  }, LONG);

  it('lets the oi-admin countersign the demo avenant of B3 from the tableau de bord, its diff shown', async () => {
    await seConnecter(page, OI);
    await depuisConventions(b3, /À contresigner — avenant n° 1/);
    const version = page.getByTestId('version-en-cours');
    expect(await version.getByRole('heading', { level: 2 }).textContent()).toBe('Avenant n° 1 — version 2');
    const fin = version.getByTestId('modifications-avenant').getByRole('row', { name: /Fin de l’opération/ });
    expect(await fin.textContent()).toMatch(/\d{2}\/\d{2}\/\d{4}.*30\/06\/\d{4}/);
    expect(await version.textContent()).toContain('CP-AGAPE-DEMO-02');
    await version.getByLabel('Qualité du signataire').fill('Directrice de l’AGAPE');
    await version.getByRole('button', { name: 'Contresigner', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirmer : contresigner' }).click();
    await expect.poll(() => succes().textContent()).toContain('Avenant n° 1 contresigné :');
    expect(await page.locator('table.table-versions tr[data-numero="1"]').textContent()).toContain('Remplacée');
    expect(await page.locator('table.table-versions tr[data-numero="2"]').textContent()).toContain('En vigueur');
    // porteur2 reads the avenant in force with its diff and its sealed PDF.
    await seConnecter(page, PORTEUR2);
    await depuisMesDossiers(b3, 'Convention en vigueur');
    expect(await page.locator('#section-convention .version-en-vigueur').textContent()).toContain('avenant n° 1');
  }, LONG);
});
