import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientApi } from './support/api';
import { fermerSession, jetonDe, ouvrirSession, seConnecter as seConnecterComme, seDeconnecter, type SessionE2e } from './support/session';
import { DONNEES_AGAPE } from './support/web';

const LONG = 180_000;
const suffixe = Date.now().toString(36).toUpperCase();
const reference = `AAP-E2E-${suffixe}`;
const titre = `Appel à projets de bout en bout ${suffixe}`;
const TITRE_AGAPE = 'Appel à projets 2021 — PON FSE 2014-2020, axe prioritaire 3 — plans d\'actions des PLIE accompagnés par l\'AGAPE';
/** Set E2E_CAPTURES=<dir> to keep screenshots of the fiche GP1 and PLIE pages. */
const CAPTURES = process.env.E2E_CAPTURES;

/** The AGAPE 2021 AAP under a new reference, still open (closing next year), as an OI would export it. */
function fichierImport(): Buffer {
  const aap = JSON.parse(readFileSync(DONNEES_AGAPE, 'utf8')) as Record<string, unknown> & {
    depot: { cloture: { date: string } };
  };
  aap.reference = reference;
  aap.titre = titre;
  aap.depot.cloture.date = `${new Date().getUTCFullYear() + 1}-06-30`;
  return Buffer.from(JSON.stringify(aap), 'utf8');
}

/** The AGAPE 2021 AAP cut down to the PLIE du Haut Périgord (fiches HP1 and HP2): what the PLIE filter must leave out. */
function aapHautPerigord(): Record<string, unknown> {
  const aap = JSON.parse(readFileSync(DONNEES_AGAPE, 'utf8')) as Record<string, unknown> & {
    depot: { cloture: { date: string } };
    fiches: { plie: string }[];
  };
  return {
    ...aap,
    reference: `AAP-HP-${suffixe}`,
    titre: `Appel à projets du Haut Périgord ${suffixe}`,
    plies: ['haut-perigord'],
    fiches: aap.fiches.filter((f) => f.plie === 'haut-perigord'),
    depot: { ...aap.depot, cloture: { ...aap.depot.cloture, date: `${new Date().getUTCFullYear() + 1}-06-30` } },
  };
}

describe('web app', () => {
  let session: SessionE2e;
  let page: Page;
  /** `/aaps/<id>` of the AAP imported and published by the tests. */
  let urlPublique = '';

  beforeAll(async () => {
    session = await ouvrirSession();
    ({ page } = session);
  }, LONG);

  afterAll(async () => {
    await fermerSession(session);
  }, LONG);

  const seConnecter = (email: string) => seConnecterComme(page, email);

  it('shows field errors from the client and from the API when an OI creates an AAP with the form', async () => {
    await seConnecter('oi@guichet.test');
    await page.waitForURL('**/gestion');
    await page.getByRole('link', { name: 'Nouvel appel à projets' }).click();
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await expect.poll(() => page.locator('.resume-erreurs').textContent()).toContain('Champ obligatoire');
    expect(await page.locator('#champ-titre').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#champ-titre').getAttribute('aria-describedby')).toContain('champ-titre-erreur');

    await page.getByLabel('Référence', { exact: true }).fill('AAP-AGAPE-2021');
    await page.getByLabel('Titre de l’appel à projets').fill(`Brouillon ${suffixe}`);
    await page.getByLabel('Nom de l’organisme intermédiaire').fill('Association de Gestion et d’Appui aux Projets Européens');
    await page.getByLabel('Enveloppe FSE (en euros)').fill('1 250 000,50');
    await page.locator('#champ-depot-cloture-date').fill(`${new Date().getUTCFullYear() + 1}-03-31`);
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await expect.poll(() => page.locator('#champ-reference-erreur').textContent()).toContain('déjà utilisée');

    await page.getByLabel('Référence', { exact: true }).fill(`AAP-FORM-${suffixe}`);
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await page.waitForURL('**/gestion/aaps/**');
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('créé');
    expect(await page.getByLabel('Enveloppe FSE (en euros)').inputValue()).toBe('1\u00a0250\u00a0000,50');
  }, LONG);

  it('publishes an imported AAP when an OI admin imports the JSON file and confirms', async () => {
    await page.goto('/gestion');
    await page.getByRole('link', { name: 'Importer un fichier JSON' }).click();
    await page.getByLabel('Fichier JSON').setInputFiles({ name: 'aap.json', mimeType: 'application/json', buffer: fichierImport() });
    await page.getByRole('button', { name: 'Importer' }).click();
    await page.waitForURL('**/gestion/aaps/**');
    await expect.poll(() => page.locator('h1').textContent()).toBe(titre);
    expect(await page.locator('.badge').first().textContent()).toBe('Brouillon');

    await page.getByRole('button', { name: 'Publier', exact: true }).click();
    const dialogue = page.getByRole('dialog');
    await dialogue.getByRole('button', { name: 'Confirmer la publication' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('est publié');
    expect(await page.locator('.badge').first().textContent()).toBe('Ouvert');

    await seDeconnecter(page);
    await expect.poll(() => page.getByRole('button', { name: 'Se connecter' }).count()).toBe(1);
    expect(await jetonDe(page)).toBeNull();
  }, LONG);

  it('lets an anonymous visitor find the AAP, open a fiche and download the PDF when it is published', async () => {
    await page.goto('/');
    await page.getByLabel('Recherche').fill(reference);
    await page.getByRole('button', { name: 'Filtrer' }).click();
    const carte = page.getByRole('link', { name: titre });
    await carte.click();
    await expect.poll(() => page.locator('h1').textContent()).toBe(titre);
    expect(await page.locator('.compte-a-rebours').textContent()).toContain('Clôture dans');
    expect(await page.getByRole('heading', { name: 'Historique des rectificatifs' }).count()).toBe(1);

    const lienPdf = page.getByRole('link', { name: 'Télécharger l’appel à projets (PDF)' });
    const href = await lienPdf.getAttribute('href');
    // A plain link: the API answers 303 to a short-lived presigned URL of the cached render, shown inline.
    expect(href).toMatch(/^\/api\/aaps\/.+\/document\.pdf\?lien=redirection$/);
    const pdf = await page.request.get(href!);
    expect(pdf.status()).toBe(200);
    expect(pdf.url()).toMatch(/X-Amz-Signature=/);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    expect(pdf.headers()['content-disposition']).toMatch(/^inline; filename=/);
    expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    await page.getByRole('link', { name: /^HP1\b/ }).click();
    await page.waitForURL('**/fiches/HP1');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Animation, Ingénierie et Coordination du Plie');
    expect(await page.getByRole('table').locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('#financement-titre + ul').textContent()).toContain('au moins 20');
    // « Comités de pilotage » may be proven by either of two pièces.
    expect(await page.locator('[data-etape="realisation"] .piece-groupe').first().textContent()).toContain('une des pièces suivantes');
    urlPublique = new URL(page.url()).pathname.replace(/\/fiches\/HP1$/, '');
  }, LONG);

  it('shows the rectificatif in the public history when an OI admin publishes one', async () => {
    await seConnecter('oi@guichet.test');
    const gestion = urlPublique.replace('/aaps/', '/gestion/aaps/');
    await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Gestion de l’OI' }).click();
    await page.locator(`a[href="${gestion}"]`).first().click();
    await page.waitForURL(`**${gestion}`);
    await page.getByRole('link', { name: 'Publier un rectificatif' }).click();
    await page.waitForURL('**/rectificatif');
    await page.getByLabel('Motif du rectificatif').fill('Report de la date de clôture.');
    await page.locator('#champ-depot-cloture-date').fill(`${new Date().getUTCFullYear() + 1}-07-15`);
    await page.getByRole('button', { name: 'Publier le rectificatif' }).click();
    // Public at once and irreversible: confirmed first.
    const confirmation = page.getByRole('dialog');
    expect(await confirmation.textContent()).toContain('Report de la date de clôture.');
    await confirmation.getByRole('button', { name: 'Confirmer la publication' }).click();
    await page.waitForURL(/\/gestion\/aaps\/[^/]+$/);
    // Imported (1), published (2), rectified (3): people read « version 2 », the first rectificatif's.
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('version 2');

    await page.goto(urlPublique);
    const historique = page.locator('.rectificatif').first();
    await expect.poll(() => historique.textContent()).toContain('Report de la date de clôture.');
    expect(await historique.locator('h3').textContent()).toContain('Rectificatif n° 1 — version 2');
    expect(await historique.locator('tbody th').allTextContents()).toContain('Date de clôture');
  }, LONG);

  it('takes a visitor from the home page to fiche GP1 and its PLIE by clicks, and filters the catalogue by PLIE', async () => {
    // An AAP of the PLIE du Haut Périgord only, published through the API: the PLIE filter must leave it out.
    const api = new ClientApi(`${session.guichet.url}/api`);
    const hp = await api.appel<{ id: string }>('oi@guichet.test', 'POST', '/aaps/import', aapHautPerigord());
    await api.appel('oi@guichet.test', 'POST', `/aaps/${hp.id}/publication`, {});
    if (CAPTURES) mkdirSync(CAPTURES, { recursive: true });

    await page.goto('/');
    await page.getByRole('link', { name: TITRE_AGAPE }).click();
    await page.waitForURL(/\/aaps\/[^/]+$/);
    await expect.poll(() => page.locator('h1').textContent()).toBe(TITRE_AGAPE);
    // An archive whose source gives no publication date: never « publié » today.
    expect(await page.locator('.entete-page .meta').textContent()).toContain('Date de publication non précisée par la source');
    expect(await page.getByRole('heading', { name: 'PLIE du Grand Périgueux' }).count()).toBe(1);

    await page.getByRole('link', { name: /^GP1\b/ }).click();
    await page.waitForURL('**/fiches/GP1');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Accueil et accompagnement des Bénéficiaires de la Protection Internationale');
    const objectifs = page.getByRole('region', { name: 'Objectifs', exact: true });
    expect(await objectifs.locator('li').first().textContent()).toMatch(/^Assurer un suivi individualisé et personnalisé des personnes Bénéficiaires de la Protection Internationale/);
    expect(await objectifs.locator('li').count()).toBe(6);

    const pieces = page.getByRole('region', { name: 'Pièces justificatives', exact: true });
    expect(await pieces.locator('[data-etape="depot"]').textContent()).toContain('Aucune pièce propre à la fiche n’est demandée au dépôt.');
    expect(await pieces.locator('[data-etape="realisation"] li').allTextContents()).toEqual([
      'Liste des participants accompagnés dans l’année',
      'Justificatifs d’étapes de parcours mobilisées',
    ]);
    expect(await pieces.textContent()).not.toContain('une des pièces suivantes');

    const etapes = page.getByTestId('etapes-parcours');
    expect(await etapes.locator('tr.ligne-classe').allTextContents()).toEqual([
      'Classe 2 — Orientation, Mobilisation, Préqualification',
      'Classe 4 — Accès à la formation/à la qualification',
      'Classe 5 — Accès à l’emploi/médiation à l’emploi',
      'Classe 6 — Etape de parcours emploi',
      'Classe 7 — En cours de création d’entreprise',
    ]);
    expect(await etapes.locator('tbody tr:not(.ligne-classe)').count()).toBe(66);
    const atelier = etapes.getByRole('row', { name: /^Atelier de Mobilisation \(ASPPI24\)/ });
    expect(await atelier.locator('td').textContent()).toBe('Attestation ou compte-rendu Up Viesion ou mail');
    if (CAPTURES) await page.screenshot({ path: join(CAPTURES, 'fiche-gp1.png'), fullPage: true });

    await page.getByRole('link', { name: 'PLIE du Grand Périgueux', exact: true }).click();
    await page.waitForURL('**/plies/grand-perigueux');
    await expect.poll(() => page.locator('h1').textContent()).toBe('PLIE du Grand Périgueux');
    const publicCible = page.getByRole('heading', { name: 'Public cible', level: 2 });
    expect(await publicCible.count()).toBe(1);
    expect(await page.getByRole('region', { name: 'Public cible' }).textContent()).toContain('Programme Opérationnel National FSE');
    expect(await page.locator('section[aria-labelledby="plie-objectifs"] tbody tr').count()).toBe(4);
    if (CAPTURES) await page.screenshot({ path: join(CAPTURES, 'plie-grand-perigueux.png'), fullPage: true });

    await page.getByRole('navigation', { name: 'Fil d’Ariane' }).getByRole('link', { name: 'Appels à projets' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    const carteHp = page.getByRole('link', { name: `Appel à projets du Haut Périgord ${suffixe}` });
    await expect.poll(() => carteHp.count(), { timeout: 30_000 }).toBe(1);
    await page.getByLabel('PLIE', { exact: true }).selectOption({ label: 'PLIE du Grand Périgueux' });
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.waitForURL((url) => url.searchParams.get('plie') === 'grand-perigueux');
    await expect.poll(() => page.getByRole('link', { name: TITRE_AGAPE }).count()).toBe(1);
    expect(await carteHp.count()).toBe(0);

    await page.getByLabel('PLIE', { exact: true }).selectOption({ label: 'PLIE du Haut Périgord' });
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await page.waitForURL((url) => url.searchParams.get('plie') === 'haut-perigord');
    await expect.poll(() => carteHp.count(), { timeout: 30_000 }).toBe(1);
    expect(await page.getByLabel('PLIE', { exact: true }).inputValue()).toBe('haut-perigord');
  }, LONG);
});
