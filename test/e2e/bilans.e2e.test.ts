import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDossiersDemo } from '#local/demo-dossiers';
import { dossierProgramme, GESTIONNAIRE, OI, P1 } from '../integration/comite-helpers';
import { aapOuvert } from '../integration/dossiers-helpers';
import { client } from '../integration/helpers';
import { pdfValide } from '../integration/pieces-helpers';
import { ClientApi, piecesRealisation } from '#local/client-api';
import { captureSi } from './support/capture-si';
import { fermerSession, ouvrirSession, seConnecter, type SessionE2e } from './support/session';

const LONG = 300_000;
/** Text content with French typography's narrow and non-breaking spaces read as spaces. */
const texte = async (l: Locator) => ((await l.textContent()) ?? '').replace(/[\u00a0\u202f]/g, ' ');

/**
 * Bilan, contrôle de service fait and solde by clicks only, on a dossier of porteur@ conventioned as programmed
 * (10 000,00 € of staff, indirect costs at 7 %, FSE 8 560,00 €, Conseil départemental 2 140,00 €; set up through the
 * API: the convention by clicks is the convention journey's). The porteur's signataire enters and deposits the final
 * bilan; the gestionnaire discards 1 000,00 € of staff « non justifié » and sends the CSF; the porteur answers; the
 * gestionnaire makes it final (FSE dû = min(8 560 ; 80 % × 9 630 ; 9 630 − 2 140) = 7 490,00 €) and proposes the
 * solde, prefilled from the ledger; the oi-admin validates it.
 */
describe('bilans web journey: bilan, contradictory CSF, solde', () => {
  let session: SessionE2e;
  let page: Page;
  let dossier: { id: string; reference: string };
  let b1: { id: string; reference: string };
  let participant: { id: string; version: number; jour: string };

  beforeAll(async () => {
    session = await ouvrirSession();
    page = session.page;
    const api = client(session.guichet);
    // The demo: B1 of porteur@, convention in force, avance paid, final bilan deposited and under CSF.
    await seedDossiersDemo(`${session.guichet.url}/api`);
    const liste = (await api.get('/dossiers', { as: P1 })).body as { items: Array<{ id: string; reference: string; ficheCode: string }> };
    b1 = liste.items.find((x) => x.ficheCode === 'B1')!;
    const d = await dossierProgramme(api, (await aapOuvert(api)).id, 856_000, 856_000);
    const p = await api.post(`/dossiers/${d.id}/convention`, {
      as: GESTIONNAIRE, headers: { 'if-match': String(d.version) }, body: { regimeAide: 'hors_aide_etat', representant: { nom: 'Marie Lacombe', qualite: 'Présidente' } },
    });
    expect(p.status).toBe(201);
    const e = await api.post(`/dossiers/${d.id}/convention/envoi`, { as: GESTIONNAIRE, headers: { 'if-match': String(p.body.version) } });
    const sha256 = e.body.versions[0].document.sha256 as string;
    expect((await api.post(`/dossiers/${d.id}/convention/signatures`, { as: P1, body: { numero: 1, sha256, qualite: 'Présidente' } })).status).toBe(200);
    expect((await api.post(`/dossiers/${d.id}/convention/signatures`, { as: OI, body: { numero: 1, sha256, qualite: 'Directrice' } })).status).toBe(200);
    dossier = d;
    // One participant entered today, still in the operation: the final bilan waits for its exit data.
    const jour = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(new Date());
    const x = await api.post(`/dossiers/${d.id}/participants`, {
      as: P1,
      body: {
        identite: {
          nom: 'Delage', prenom: 'Monique', dateNaissance: '1968-11-15', sexe: 'femme', naissance: { commune: 'Périgueux', codePostal: '24000' },
          adresse: { ligne: '3 rue Taillefer', codePostal: '24000', commune: 'Périgueux' }, telephoneMobile: null, telephoneDomicile: null, courriel: null,
        },
        dateEntree: jour,
        questionnaire: { questionnaire: 'FSEPLUS-2021-1057', reponses: { Q1a: 'non', Q1b: 'non', Q1c: 'non', Q1d: 'non', Q1e: 'non', Q1f: 'oui', Q1g: 30, Q2: '2a', Q3: 'non', Q4: 'non', Q5: 'non', Q6: 'non', Q7: 'non' } },
        plie: { prescripteur: 'France Travail', decisionCommission: { decision: 'validee', date: jour }, contratEngagementSigneLe: jour },
        notice: { remiseLe: jour, mode: 'papier' },
      },
    });
    expect(x.status).toBe(201);
    participant = { id: x.body.id, version: x.body.version, jour };
  }, LONG);
  afterAll(async () => fermerSession(session), LONG);

  const succes = () => page.locator('.alerte-succes').first();
  const navigation = () => page.getByRole('navigation', { name: 'Navigation principale' });
  const bilanFinal = () => page.locator('#section-bilans tbody tr').filter({ hasText: 'Bilan final' });

  /** « Mes dossiers » → the dossier → its « Bilans et paiements » section → the final bilan. */
  async function ouvrirBilanFinal(bouton: RegExp, d = dossier) {
    await navigation().locator('a[href="/dossiers"]').click();
    await page.waitForURL((u) => u.pathname === '/dossiers');
    await page.locator(`li[data-reference="${d.reference}"]`).getByRole('link').first().click();
    await page.waitForURL((u) => u.pathname === `/dossiers/${d.id}`);
    await page.locator('#section-bilans').waitFor();
    await bilanFinal().getByRole('button', { name: bouton }).click();
  }

  /** Tableau de bord → « Programmés » → the dossier → « Bilans et paiements ». */
  async function ongletBilans(d = dossier) {
    await navigation().getByRole('link', { name: 'Gestion de l’OI' }).click();
    await page.waitForURL((u) => u.pathname === '/gestion');
    await page.getByTestId('compteurs').getByRole('link', { name: /Programmés/ }).click();
    await page.waitForURL((u) => u.pathname === '/gestion/recherche');
    await page.getByRole('link', { name: d.reference, exact: true }).click();
    await page.waitForURL((u) => u.pathname === `/gestion/dossiers/${d.id}`);
    const onglet = page.getByRole('tab', { name: /^Bilans et paiements(\s|$)/ });
    await onglet.click();
    await expect.poll(() => onglet.getAttribute('aria-selected')).toBe('true');
    await page.locator('#section-bilans').waitFor();
  }

  it('shows the porteur the demo’s B1: final bilan deposited and under control, the avance paid', async () => {
    await seConnecter(page, P1);
    await ouvrirBilanFinal(/^Consulter/, b1);
    const section = page.locator('#section-bilans');
    expect(await texte(bilanFinal())).toContain('Contrôle en cours');
    // The CSF in progress stays the OI's until it is sent.
    expect(await section.getByTestId('resultat-csf').count()).toBe(0);
    expect(await texte(section)).toContain('L’organisme intermédiaire contrôle votre bilan');
    expect(await section.locator('tr[data-paiement="avance"] [data-statut-paiement]').textContent()).toBe('Payé');
  }, LONG);

  it('shows the gestionnaire B1’s CSF grid with the demo’s partial discard', async () => {
    await seConnecter(page, GESTIONNAIRE);
    await ongletBilans(b1);
    const controle = page.getByTestId('controle-bilan');
    const motif = controle.locator('tr[data-ligne="L1"] select');
    expect(await motif.inputValue()).toBe('non_justifie');
    expect(await texte(controle.getByTestId('resultat-csf'))).toContain('Bulletins de salaire absents pour le mois de mars.');
    await captureSi(page, 'bilans-oi-b1-demo');
  }, LONG);

  it('lets the porteur’s signataire enter the final bilan with a live total, save it and deposit it', async () => {
    await seConnecter(page, P1);
    await ouvrirBilanFinal(/^Saisir/);
    expect(await texte(bilanFinal())).toContain('À saisir');
    const section = page.locator('#section-bilans');
    await section.getByRole('button', { name: 'Ajouter une dépense' }).click();
    expect(await section.getByLabel('Catégorie de la ligne 1').inputValue()).toBe('personnel');
    await section.getByLabel('Libellé de la ligne 1').fill('Conseillère en insertion (1 ETP)');
    await section.getByLabel('Montant de la ligne 1').fill('10 000');
    await section.getByLabel('Personne de la ligne 1').fill('Claire Dubois');
    await expect.poll(() => texte(section.getByTestId('total-depenses'))).toBe('10 000,00 €');
    await section.getByLabel('Perçu de Conseil départemental').fill('2 140,00');
    await expect.poll(() => texte(section.getByTestId('total-ressources'))).toBe('2 140,00 €');
    await captureSi(section, 'bilans-porteur-editeur');
    await section.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await expect.poll(() => succes().textContent()).toContain('Brouillon du bilan final');
    await expect.poll(() => texte(bilanFinal())).toContain('Brouillon');

    // The editor stays open on the saved draft (reloaded from the server); the dépôt asks for a confirmation.
    await expect.poll(() => texte(section.locator('.editeur-bilan'))).toContain('Brouillon enregistré le');
    expect(await section.getByLabel('Personne de la ligne 1').inputValue()).toBe('Claire Dubois');
    await section.getByRole('button', { name: 'Déposer le bilan' }).click();
    const dialogue = page.getByRole('dialog');
    expect(await texte(dialogue)).toContain('10 000,00 € de dépenses réalisées');
    await dialogue.getByRole('button', { name: 'Confirmer le dépôt' }).click();
    // Refused while a participant lacks its exit data, named in French.
    const refus = section.getByRole('alert').filter({ hasText: 'Données des participants incomplètes' });
    await expect.poll(() => texte(refus)).toContain('Monique Delage : données de sortie non saisies.');
    await captureSi(section, 'bilans-porteur-participants-incomplets');
    // Her exit recorded (the participants journey covers that screen), the dépôt goes through.
    const sortie = await client(session.guichet).post(`/dossiers/${dossier.id}/participants/${participant.id}/sortie`, {
      as: P1, headers: { 'if-match': String(participant.version) },
      body: { date: participant.jour, situation: 'cdi', debut: participant.jour, tempsPlein: true, heuresHebdo: 35, employeur: 'Imprimerie du Périgord', memeEmployeur: false },
    });
    expect(sortie.status).toBe(200);
    // Refused while the fiche's « pièces de réalisation » are missing, each named.
    await section.getByRole('button', { name: 'Déposer le bilan' }).click();
    await dialogue.getByRole('button', { name: 'Confirmer le dépôt' }).click();
    const manquantes = section.getByRole('alert').filter({ hasText: 'Pièces de réalisation manquantes' });
    await expect.poll(() => texte(manquantes)).toContain('Bilan annuel du PLIE : manquante.');
    // The first line offers two pièces: the porteur says which, then uploads it (SHA-256, presigned POST, verdict).
    const ligne1 = section.locator('li[data-code="REALISATION_1"]');
    await ligne1.getByLabel('Pièce jointe (une des pièces suivantes)').selectOption({ index: 1 });
    await ligne1.locator('input[type="file"]').setInputFiles({ name: 'compte-rendu-copil.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await pdfValide('Compte rendu du COPIL')) });
    await expect.poll(() => texte(ligne1), { timeout: 60_000 }).toContain('Pièce jointe :');
    expect(await texte(ligne1)).toContain('compte-rendu-copil.pdf');
    await captureSi(section.locator('.pieces-realisation'), 'bilans-porteur-pieces-realisation');
    await piecesRealisation(new ClientApi(`${session.guichet.url}/api`), P1, dossier.id, (await client(session.guichet).get(`/dossiers/${dossier.id}/bilans`, { as: P1 })).body.echeances.find((x: { nature: string }) => x.nature === 'final').numero);
    await section.getByRole('button', { name: 'Déposer le bilan' }).click();
    await dialogue.getByRole('button', { name: 'Confirmer le dépôt' }).click();
    await expect.poll(() => succes().textContent()).toContain('Bilan final (échéance');
    await expect.poll(() => texte(bilanFinal())).toContain('Déposé');
    // The payment delay runs from the dépôt: 80 days for FSE+.
    expect(await texte(bilanFinal().getByTestId('delai-paiement'))).toMatch(/À payer avant le \d\d\/\d\d\/\d{4} \(dans 80 jours/);
  }, LONG);

  it('lets the gestionnaire discard part of the staff line « non justifié », save the CSF and send it to the porteur', async () => {
    await seConnecter(page, GESTIONNAIRE);
    await ongletBilans();
    const controle = page.getByTestId('controle-bilan');
    await controle.getByLabel('Montant retenu (en euros) : Conseillère en insertion (1 ETP)').fill('9 000,00');
    await controle.getByLabel('Motif de l’écart : Conseillère en insertion (1 ETP)').selectOption('non_justifie');
    await controle.getByLabel('Précision du motif : Conseillère en insertion (1 ETP)').fill('Bulletins de salaire absents pour un mois.');
    // The pièces de réalisation, read-only, each with its download link.
    const realisation = controle.locator('.pieces-realisation');
    const copil = realisation.locator('li[data-code="REALISATION_1"]');
    expect(await texte(copil)).toContain('compte-rendu-copil.pdf');
    expect(await copil.getByRole('button', { name: /^Télécharger/ }).count()).toBe(1);
    expect(await realisation.locator('input[type="file"]').count()).toBe(0);
    await controle.getByRole('button', { name: 'Enregistrer le contrôle' }).click();
    await expect.poll(() => texte(succes())).toContain('FSE dû 7 490,00 €');
    const resultat = controle.getByTestId('resultat-csf');
    expect(await texte(resultat.getByTestId('fse-du'))).toBe('7 490,00 €');
    const ligne = resultat.locator('tr[data-ligne="L1"]');
    expect(await texte(ligne)).toContain('1 000,00 €');
    expect(await texte(ligne)).toContain('Dépense non justifiée par des pièces probantes');
    expect(await texte(resultat.locator('.termes-fse'))).toMatch(/8 560,00 €[\s\S]*7 704,00 €[\s\S]*7 490,00 €/);
    await captureSi(page, 'bilans-oi-csf');
    // Money discarded: the CSF goes to the porteur before it can be final.
    await controle.getByRole('button', { name: 'Envoyer au porteur (contradictoire)' }).click();
    await expect.poll(() => succes().textContent()).toContain('Contrôle envoyé au porteur');
    await expect.poll(() => texte(page.getByTestId('controle-bilan'))).toContain('Le porteur n’a pas encore répondu');
  }, LONG);

  it('shows the porteur the CSF with each motif and takes its one answer', async () => {
    await seConnecter(page, P1);
    await ouvrirBilanFinal(/^Consulter/);
    const section = page.locator('#section-bilans');
    const resultat = section.getByTestId('resultat-csf');
    expect(await texte(resultat)).toContain('Dépense non justifiée par des pièces probantes');
    expect(await texte(resultat.getByTestId('fse-du'))).toBe('7 490,00 €');
    // The CSF report: each discarded line with its motif.
    const [telechargement] = await Promise.all([page.waitForEvent('download'), resultat.getByRole('link', { name: 'Rapport de contrôle (PDF)' }).click()]);
    const rapport = spawnSync('pdftotext', ['-layout', (await telechargement.path())!, '-'], { encoding: 'utf8' }).stdout.replace(/[\u00a0\u202f]/g, ' ');
    expect(rapport).toContain('Conseillère en insertion (1 ETP)');
    expect(rapport).toMatch(/Dépense non justifiée/);
    expect(rapport).toContain('7 490,00 €');
    await section.getByLabel('Votre réponse').fill('Le bulletin de mars est joint au message.');
    await captureSi(section, 'bilans-porteur-csf');
    await section.getByRole('button', { name: 'Envoyer la réponse' }).click();
    await expect.poll(() => succes().textContent()).toContain('Votre réponse est envoyée');
  }, LONG);

  it('lets the gestionnaire make the CSF final after the answer and propose the solde prefilled from the ledger', async () => {
    await seConnecter(page, GESTIONNAIRE);
    await ongletBilans();
    const controle = page.getByTestId('controle-bilan');
    expect(await texte(controle.getByTestId('reponse-porteur'))).toContain('Le bulletin de mars est joint au message.');
    await controle.getByRole('button', { name: 'Rendre définitif' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirmer' }).click();
    await expect.poll(() => texte(succes())).toContain('Contrôle rendu définitif : FSE dû 7 490,00 €');
    await expect.poll(() => texte(page.getByTestId('solde-grand-livre'))).toBe('7 490,00 €');
    expect(await page.getByLabel('Nature du paiement').inputValue()).toBe('solde');
    expect((await page.getByLabel('Montant (en euros)').inputValue()).replace(/[\u00a0\u202f]/g, ' ')).toBe('7 490,00');
    await page.getByRole('button', { name: 'Proposer le paiement' }).click();
    await expect.poll(() => texte(succes())).toContain('Solde de 7 490,00 € proposé');
    await expect.poll(() => page.locator('tr[data-paiement="solde"] [data-statut-paiement]').textContent()).toBe('Proposé');
    await captureSi(page, 'bilans-oi-paiements');
  }, LONG);

  it('lets the oi-admin validate the solde', async () => {
    await seConnecter(page, OI);
    await ongletBilans();
    const ligne = page.locator('tr[data-paiement="solde"]');
    await ligne.getByRole('button', { name: /^Valider/ }).click();
    await expect.poll(() => texte(succes())).toContain('Solde de 7 490,00 € validé');
    await expect.poll(() => ligne.locator('[data-statut-paiement]').textContent()).toBe('Validé');
    expect(await ligne.getByRole('button', { name: /^Mettre en paiement/ }).count()).toBe(1);
    await captureSi(page, 'bilans-oi-admin-valide');
  }, LONG);

  it('lets the oi-admin download the SEPA transfer file of the validated solde from the tableau de bord, paid to the account the RIB declares', async () => {
    await navigation().getByRole('link', { name: 'Gestion de l’OI' }).click();
    await page.waitForURL((u) => u.pathname === '/gestion');
    const formulaire = page.getByRole('form', { name: 'Virer les paiements validés' });
    expect(await texte(formulaire)).toContain('1 paiement validé à mettre en paiement');
    await formulaire.getByLabel('Titulaire').fill('AGAPE');
    await formulaire.getByLabel('IBAN').fill('FR14 2004 1010 0505 0001 3M02 607');
    await formulaire.getByRole('button', { name: 'Télécharger le fichier de virements' }).click();
    // A mistyped IBAN is caught before anything is asked of the server.
    await expect.poll(() => texte(formulaire)).toContain('IBAN invalide');
    await formulaire.getByLabel('IBAN').fill('FR14 2004 1010 0505 0001 3M02 606');
    await formulaire.getByLabel('BIC').fill('PSSTFRPPLIL');
    await captureSi(formulaire, 'bilans-export-virements');
    const [telechargement] = await Promise.all([page.waitForEvent('download'), formulaire.getByRole('button', { name: 'Télécharger le fichier de virements' }).click()]);
    expect(telechargement.suggestedFilename()).toMatch(/^virements-sepa-AGAPE-\d{14}\.xml$/);
    const xml = readFileSync((await telechargement.path())!, 'utf8');
    expect(xml).toContain('<InstdAmt Ccy="EUR">7490.00</InstdAmt>');
    expect(xml).toContain(`<Ustrd>FSE Solde ${dossier.reference}</Ustrd>`);
    expect(xml).toContain('<IBAN>FR7630006000011234567890189</IBAN>');
    await expect.poll(() => texte(formulaire)).toContain('Transmettez-le à la banque');
  }, LONG);
});
