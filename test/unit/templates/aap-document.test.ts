import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Aap, FicheOperation } from '#shared/schemas/aap';
import { fragments } from '#shared/domain/texte/texte-riche';
import { renderAapDocument } from '#templates/aap-document';
import { aapAgape, pliesAgape } from './aap-agape';
import { expectInsideMargins } from './marges';
import { extractPages, normalize, type ExtractedPage } from './pdf-text';

const genereLe = new Date('2024-03-05T09:30:00Z');
const plies = pliesAgape();


const pageOf = (pages: ExtractedPage[], fragment: string) => pages.findIndex((p) => p.text.includes(fragment));

describe('renderAapDocument', () => {
  const aap = aapAgape();
  let bytes: Uint8Array;
  let pages: ExtractedPage[];
  let text: string;

  beforeAll(async () => {
    bytes = await renderAapDocument(aap, { genereLe, plies });
    pages = await extractPages(bytes);
    text = normalize(pages.map((p) => p.text).join(' '));
  });

  it('shows every fiche code and title, each fiche on its own page, when rendering the AGAPE AAP', () => {
    expect(aap.fiches).toHaveLength(27);
    for (const fiche of aap.fiches) {
      expect(text).toContain(normalize(`${fiche.code} — ${fiche.titre}`));
      const debut = pageOf(pages, `FICHE OPÉRATION ${fiche.code} `);
      expect(debut, fiche.code).toBeGreaterThan(1);
      expect(pages[debut]?.items.some((i) => i.str === `FICHE OPÉRATION ${fiche.code}`)).toBe(true);
    }
  });

  it('gives the right page of each section, PLIE, fiche and annex in the table of contents when the document is complete', () => {
    const debutSections = pageOf(pages, normalize(fragments(aap.sections[0]?.texte)[0] ?? '∅'));
    expect(debutSections).toBeGreaterThan(1);
    const sommaire = pages.slice(1, debutSections).flatMap((p) => p.items);
    /** The page number printed on the row of `libelle`, at the right of the table. */
    const numero = (libelle: string) => {
      const cellule = sommaire.find((i) => i.str === libelle);
      return sommaire.find((i) => cellule && Math.abs(i.y - cellule.y) < 0.01 && /^\d+$/.test(i.str) && i.x > 450)?.str;
    };
    for (const fiche of aap.fiches) expect(numero(fiche.code), fiche.code).toBe(String(pageOf(pages, `FICHE OPÉRATION ${fiche.code} `) + 1));
    aap.sections.filter((s) => s.annexe).forEach((annexe, i) => {
      expect(numero(annexe.titre), annexe.titre).toBe(String(pageOf(pages, `Annexe ${i + 1} — ${annexe.titre}`) + 1));
    });
    for (const plie of plies) {
      const debut = pages.findIndex((p, i) => i > 3 && p.items[1]?.str === 'PLAN LOCAL POUR L’INSERTION ET L’EMPLOI' && p.items[2]?.str === plie.nom);
      expect(numero(plie.nom), plie.nom).toBe(String(debut + 1));
    }
    for (const section of aap.sections.filter((s) => !s.annexe)) expect(numero(section.titre), section.titre).toBeDefined();
    expect(numero('Sélection des opérations')).toBeDefined();
  });

  it('prints the closing date-time with its IANA zone when the dépôt window is shown', () => {
    expect(pages[0]?.text).toContain('Clôture 31/12/2021 à 23:59 (Europe/Paris)');
    expect(pages[0]?.text).toContain('Ouverture À la diffusion de l');
    expect(pages[0]?.text).toContain('Avant de déposer Merci de vous rapprocher de l\'équipe d\'animation du PLIE');
  });

  it('prints « Version 1 », the PLIE by name and no publication date when the archive was never rectified', () => {
    expect(aap.version).toBe(2);
    expect(pages[0]?.text).toContain('Référence AAP-AGAPE-2021 · Clos · Version 1');
    expect(pages[0]?.text).toContain('Publication Date non précisée par la source');
    expect(pages[0]?.text).toContain('PLIE concernés PLIE de l’Agenais — http://www.agglo-agen.net/');
    expect(pages[0]?.text).toContain('PLIE des Sources — http://www.pliedessources.fr/');
    expect(text).not.toContain('rectificatif n°');
    expect(text).not.toContain('Publié le');
    expect(text).not.toContain('haut-perigord');
  });

  it('renders accents, guillemets and the typographic apostrophe exactly when the data contains them', () => {
    expect(text).toContain('PLIE de l’Agenais');
    expect(text).toContain('Programme opérationnel national FSE « Emploi et Inclusion » 2014-2020');
    expect(text).toContain('mettre en œuvre');
    expect(text).toContain('PLIE du Grand Périgueux');
    expect(text).toContain('Priorité d’investissement 9.1');
    // The annexes ask questions: every '?' printed is one of the source's, none stands for an unencodable character.
    const source = normalize(JSON.stringify([aap.sections, aap.fiches, plies]));
    for (const [contexte] of text.matchAll(/.{6}\?/g)) expect(source).toContain(contexte);
  });

  it('numbers every page « Page n / N » with the reference and generation date when the footer is drawn', () => {
    expect(pages.length).toBeGreaterThan(28);
    pages.forEach((page, i) => {
      expect(page.text).toContain(`Page ${i + 1} / ${pages.length}`);
      expect(page.text).toContain('AAP-AGAPE-2021 · Document généré le 05/03/2024 à 10:30 (Europe/Paris)');
    });
  });

  it('lays out indicators as a table row of libellé, cible and unité when a fiche has indicators', () => {
    const a1 = pages.slice(pageOf(pages, 'FICHE OPÉRATION A1 '), pageOf(pages, 'FICHE OPÉRATION A2 '));
    const items = a1.flatMap((p) => p.items);
    expect(a1.map((p) => p.text).join(' ')).toContain('Indicateur Cible Unité');
    const libelle = items.find((i) => i.str === 'Animations d’espaces numériques sur la thématique de l’emploi');
    const ligne = items.filter((i) => libelle && Math.abs(i.y - libelle.y) < 0.01).map((i) => i.str);
    expect(ligne).toEqual(['Animations d’espaces numériques sur la thématique de l’emploi', '15', 'animations']);
  });

  it('states the financing rule in words when a fiche sets contreparties and a FSE ceiling', () => {
    const hp1 = pages.slice(pageOf(pages, 'FICHE OPÉRATION HP1 '), pageOf(pages, 'FICHE OPÉRATION HP2 '));
    const hp1Text = hp1.map((p) => p.text).join(' ');
    expect(hp1Text).toContain('Cofinancement requis Oui : l’opération doit mobiliser au moins un cofinancement');
    expect(hp1Text).toContain('Contreparties minimum 20 % du coût total de l’opération au moins, en contreparties du FSE');
    expect(hp1Text).toContain('Taux FSE maximum 80 % du coût total de l’opération au plus.');
    expect(hp1Text).toContain('Période de réalisation Du 01/01/2021 au 31/12/2021');
  });

  it('keeps every line inside the margins when rendering the AGAPE AAP', () => {
    expectInsideMargins(pages);
  });

  it('produces byte-identical output when rendered twice from the same input', async () => {
    const again = await renderAapDocument(aapAgape(), { genereLe, plies });
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
    const relu = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(relu.getCreationDate()?.toISOString()).toBe('2024-03-05T09:30:00.000Z');
    expect(relu.getProducer()).toBe('Guichet (pdf-lib)');
  });

  it('shows the enveloppe, the rectificatif, the publication and a dated opening when the AAP has them', async () => {
    // Only the cover is read: the AAP's texts are left out to keep the renders short.
    const couverture = { ...aap, sections: [], fiches: [] };
    const rectifie: Aap = {
      ...couverture,
      historique: undefined,
      publieLe: '2021-01-20T09:00:00.000Z',
      version: 7,
      nombreRectificatifs: 2,
      statut: 'publie',
      enveloppeFseCentimes: 123_456_789,
      depot: { ...aap.depot, ouverture: { date: '2021-02-01', heure: '09:00', fuseau: 'America/Cayenne' } },
    };
    const [cover] = await extractPages(await renderAapDocument(rectifie, { genereLe, plies: [] }));
    expect(cover?.text).toContain('Version 3 — rectificatif n° 2');
    expect(cover?.text).toContain('Publié le 20/01/2021 à 10:00 (Europe/Paris)');
    expect(cover?.text).toContain('Enveloppe FSE 1 234 567,89 €');
    expect(cover?.text).toContain('Ouverture 01/02/2021 à 09:00 (America/Cayenne)');
    expect(pages[0]?.text).not.toContain('Enveloppe FSE');
    const archiveDatee = await extractPages(await renderAapDocument({ ...couverture, historique: { publieLe: '2021-01-20' } }, { genereLe, plies: [] }));
    expect(archiveDatee[0]?.text).toContain('Publié le 20/01/2021');
  });

  it('replaces characters Helvetica cannot encode instead of throwing when texts contain them', async () => {
    const [premiere] = aap.fiches as [FicheOperation];
    const exotique = { ...premiere, titre: 'Taux ≥ 80 %, montant 12\u202f345\u00a0€ 🚀 non‑cumulable\u2009: ok' };
    const rendu = await renderAapDocument({ ...aap, fiches: [exotique] }, { genereLe, plies });
    const texte = normalize((await extractPages(rendu)).map((p) => p.text).join(' '));
    expect(texte).toContain('A1 — Taux >= 80 %, montant 12 345 € ? non-cumulable : ok');
  });

  it('renders the cover, the table of contents and the presentation only when a brouillon has no text, PLIE or fiche yet', async () => {
    const brouillon: Aap = {
      ...aap, statut: 'brouillon', publieLe: null, ouvertureLe: null, historique: undefined, fiches: [], sections: [], plies: [], referencesPlies: [],
    };
    const rendu = await extractPages(await renderAapDocument(brouillon, { genereLe, plies }));
    expect(rendu).toHaveLength(3);
    expect(rendu[0]?.text).toContain('Brouillon');
    expect(rendu[0]?.text).toContain('Document de travail : cet appel à projets n’est pas publié.');
    expect(rendu[0]?.text).not.toContain('Publi');
    expect(rendu[1]?.text).toContain('Aucune fiche opération');
    expect(rendu[1]?.text).not.toContain('Les PLIE');
    expect(rendu[2]?.text).toContain('Sélection des opérations');
    expect(rendu[2]?.text).toContain('Page 3 / 3');
  });

  it('flows long texts and splits a long table across pages, repeating its header, when a fiche is huge', async () => {
    const [premiere] = aap.fiches as [FicheOperation];
    const long = (mot: string, n: number) => Array.from({ length: n }, (_, i) => `${mot}${i}`).join(' ');
    const indicateurs = Array.from({ length: 80 }, (_, i) => ({
      libelle: i === 40 ? long('libellé', 700) : `Indicateur numéro ${i} à suivre`,
      cible: i * 1000,
      unite: 'participants',
    }));
    const geante = { ...premiere, territoire: long('commune', 900), indicateurs };
    const rendu = await extractPages(await renderAapDocument({ ...aap, fiches: [geante] }, { genereLe, plies }));
    const texte = normalize(rendu.map((p) => p.text).join(' '));
    expectInsideMargins(rendu);
    expect(rendu.filter((p) => p.text.includes('Indicateur Cible Unité')).length).toBeGreaterThan(2);
    for (let i = 0; i < 80; i += 13) if (i !== 40) expect(texte).toContain(`Indicateur numéro ${i} à suivre ${i}`);
    expect(texte).toContain('libellé699');
    expect(texte).toContain('commune899');
    expect(texte).toContain('79 000');
  });
});
