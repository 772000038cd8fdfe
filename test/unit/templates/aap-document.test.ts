import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Aap, FicheOperation } from '#shared/schemas/aap';
import { renderAapDocument } from '#templates/aap-document';
import { aapAgape } from './aap-agape';
import { expectInsideMargins } from './marges';
import { extractPages, normalize, type ExtractedPage } from './pdf-text';

const genereLe = new Date('2024-03-05T09:30:00Z');


const pageOf = (pages: ExtractedPage[], fragment: string) => pages.findIndex((p) => p.text.includes(fragment));

describe('renderAapDocument', () => {
  const aap = aapAgape();
  let bytes: Uint8Array;
  let pages: ExtractedPage[];
  let text: string;

  beforeAll(async () => {
    bytes = await renderAapDocument(aap, { genereLe });
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

  it('gives the right page of each fiche in the table of contents when the document is complete', () => {
    const sommaire = pages.slice(1, 4).flatMap((p) => p.items);
    for (const fiche of aap.fiches) {
      const code = sommaire.find((i) => i.str === fiche.code);
      const numero = sommaire.find((i) => code && Math.abs(i.y - code.y) < 0.01 && /^\d+$/.test(i.str) && i.x > code.x + 300);
      const debut = pageOf(pages, `FICHE OPÉRATION ${fiche.code} `);
      expect(numero?.str, fiche.code).toBe(String(debut + 1));
    }
  });

  it('prints the closing date-time with its IANA zone when the dépôt window is shown', () => {
    expect(pages[0]?.text).toContain('Clôture 31/12/2021 à 23:59 (Europe/Paris)');
    expect(pages[0]?.text).toContain('Ouverture À la diffusion de l');
  });

  it('renders accents, guillemets and the typographic apostrophe exactly when the data contains them', () => {
    expect(text).toContain('PLIE de l’Agenais');
    expect(text).toContain('Programme opérationnel national FSE « Emploi et Inclusion » 2014-2020');
    expect(text).toContain('mettre en œuvre');
    expect(text).toContain('PLIE du Grand Périgueux');
    expect(text).toContain('Priorité d’investissement 9.1');
    expect(text).not.toContain('?');
  });

  it('numbers every page « Page n / N » with the reference and generation date when the footer is drawn', () => {
    expect(pages.length).toBeGreaterThan(28);
    pages.forEach((page, i) => {
      expect(page.text).toContain(`Page ${i + 1} / ${pages.length}`);
      expect(page.text).toContain('AAP-AGAPE-2021 · Document généré le 05/03/2024 à 10:30 (Europe/Paris)');
    });
  });

  it('lays out indicators as a table row of libellé, cible and unité when a fiche has indicators', () => {
    const page = pages[pageOf(pages, 'FICHE OPÉRATION A1 ')];
    const items = page?.items ?? [];
    expect(page?.text).toContain('Indicateur Cible Unité');
    const libelle = items.find((i) => i.str === 'Animations d’espaces numériques sur la thématique de l’emploi');
    const ligne = items.filter((i) => libelle && Math.abs(i.y - libelle.y) < 0.01).map((i) => i.str);
    expect(ligne).toEqual(['Animations d’espaces numériques sur la thématique de l’emploi', '15', 'animations']);
  });

  it('states the financing rule in words when a fiche sets contreparties and a FSE ceiling', () => {
    const hp1 = pages.slice(pageOf(pages, 'FICHE OPÉRATION HP1 '), pageOf(pages, 'FICHE OPÉRATION HP2 '));
    const hp1Text = hp1.map((p) => p.text).join(' ');
    expect(hp1Text).toContain('Cofinancement requis Oui : l’opération doit mobiliser au moins un cofinancement');
    expect(hp1Text).toContain('Contreparties minimum 20 % du coût total de l’opération au moins.');
    expect(hp1Text).toContain('Taux FSE maximum 80 % du coût total de l’opération au plus.');
    expect(hp1Text).toContain('Période de réalisation Du 01/01/2021 au 31/12/2021');
  });

  it('keeps every line inside the margins when rendering the AGAPE AAP', () => {
    expectInsideMargins(pages);
  });

  it('produces byte-identical output when rendered twice from the same input', async () => {
    const again = await renderAapDocument(aapAgape(), { genereLe });
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
    const relu = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(relu.getCreationDate()?.toISOString()).toBe('2024-03-05T09:30:00.000Z');
    expect(relu.getProducer()).toBe('Guichet (pdf-lib)');
  });

  it('shows the enveloppe, the rectificatif and a dated opening when the AAP has them', async () => {
    const rectifie: Aap = {
      ...aap,
      version: 3,
      nombreRectificatifs: 2,
      statut: 'publie',
      enveloppeFseCentimes: 123_456_789,
      depot: { ...aap.depot, ouverture: { date: '2021-02-01', heure: '09:00', fuseau: 'America/Cayenne' } },
    };
    const [cover] = await extractPages(await renderAapDocument(rectifie, { genereLe }));
    expect(cover?.text).toContain('Version 3 — rectificatif n° 2');
    expect(cover?.text).toContain('Enveloppe FSE 1 234 567,89 €');
    expect(cover?.text).toContain('Ouverture 01/02/2021 à 09:00 (America/Cayenne)');
    expect(pages[0]?.text).not.toContain('Enveloppe FSE');
  });

  it('replaces characters Helvetica cannot encode instead of throwing when texts contain them', async () => {
    const [premiere] = aap.fiches as [FicheOperation];
    const exotique = { ...premiere, titre: 'Taux ≥ 80 %, montant 12\u202f345\u00a0€ 🚀 non‑cumulable\u2009: ok' };
    const rendu = await renderAapDocument({ ...aap, fiches: [exotique] }, { genereLe });
    const texte = normalize((await extractPages(rendu)).map((p) => p.text).join(' '));
    expect(texte).toContain('A1 — Taux >= 80 %, montant 12 345 € ? non-cumulable : ok');
  });

  it('renders the cover and presentation only when a brouillon has no fiche yet', async () => {
    const brouillon: Aap = { ...aap, statut: 'brouillon', publieLe: null, ouvertureLe: null, fiches: [] };
    const rendu = await extractPages(await renderAapDocument(brouillon, { genereLe }));
    expect(rendu).toHaveLength(2);
    expect(rendu[0]?.text).toContain('Brouillon');
    expect(rendu[0]?.text).toContain('Document de travail : cet appel à projets n’est pas publié.');
    expect(rendu[1]?.text).toContain('Aucune fiche opération');
    expect(rendu[1]?.text).toContain('Page 2 / 2');
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
    const rendu = await extractPages(await renderAapDocument({ ...aap, fiches: [geante] }, { genereLe }));
    const texte = normalize(rendu.map((p) => p.text).join(' '));
    expectInsideMargins(rendu);
    expect(rendu.filter((p) => p.text.includes('Indicateur Cible Unité')).length).toBeGreaterThan(2);
    for (let i = 0; i < 80; i += 13) if (i !== 40) expect(texte).toContain(`Indicateur numéro ${i} à suivre ${i}`);
    expect(texte).toContain('libellé699');
    expect(texte).toContain('commune899');
    expect(texte).toContain('79 000');
  });
});
