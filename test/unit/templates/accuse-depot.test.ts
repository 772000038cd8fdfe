import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { decodePDFRawStream, PDFArray, PDFDocument, PDFRawStream, type PDFObject } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatMontant } from '#shared/format';
import { Dossier } from '#shared/schemas/dossier';
import type { ControlePlan } from '#shared/schemas/plan-financement';
import { renderAccuseDepot, type AccuseDepotInput, type PieceAccuse } from '#templates/accuse-depot';
import { aapAgape } from './aap-agape';
import { dossierHp1 } from './dossier-hp1';
import { expectInsideMargins } from './marges';
import { extractPages, normalize, type ExtractedPage } from './pdf-text';

const NBSP = '\u00a0';
const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

const aap = aapAgape();
const fiche = aap.fiches.find((f) => f.code === 'HP1')!;

/** The HP1 dossier as deposited, with a plan that uses every category of the engine. */
function dossierDepose(overrides: Partial<Dossier> = {}): Dossier {
  return dossierHp1({
    statut: 'depose',
    version: 7,
    modifieLe: '2027-03-28T21:59:59.998Z',
    contenu: {
      intitule: 'Animation et coordination du PLIE du Haut Périgord — « l’accompagnement renforcé » 2027',
      description: {
        objectifs: 'Coordonner les parcours d’insertion.',
        publicVise: 'Demandeurs d’emploi de longue durée, bénéficiaires du RSA.',
        modalites: 'Référents de parcours, ateliers collectifs.',
        territoire: 'Haut Périgord',
      },
      calendrier: { debut: '2027-01-01', fin: '2027-12-31' },
      indicateurs: [],
      planFinancement: {
        depenses: {
          personnel: [
            { libelle: 'Coordinatrice du PLIE (1 ETP)', montantCentimes: 3_100_000 },
            { libelle: 'Chargé de mission (0,5 ETP)', montantCentimes: 1_460_000 },
          ],
          fonctionnement: [{ libelle: 'Locaux, fluides, téléphonie', montantCentimes: 825_050 }],
          prestations: [{ libelle: 'Évaluation externe', montantCentimes: 1_200_000 }],
          participants: [{ libelle: 'Frais de déplacement des participants', montantCentimes: 314_950 }],
        },
        indirects: { mode: 'forfait', option: 'FORFAIT_20_DIRECTS_HORS_PRESTATIONS' },
        ressources: {
          fseCentimes: 4_824_000,
          cofinancements: [
            {
              financeur: 'Conseil départemental de la Dordogne',
              nature: 'public',
              contrepartieFse: true,
              attestation: 'obtenue',
              montantCentimes: 2_000_000,
            },
            {
              financeur: 'Fondation d’entreprise « Périgord Solidaire »',
              nature: 'prive',
              contrepartieFse: true,
              attestation: 'prevue',
              montantCentimes: 616_000,
            },
          ],
          autofinancementCentimes: 500_000,
          recettesCentimes: 100_000,
        },
      },
    },
    depot: {
      deposeLe: '2027-03-28T21:59:59.998Z',
      deposePar: 'chloe.dupre@mef-haut-perigord.fr',
      fuseau: 'Europe/Paris',
      empreinte: sha('contenu canonique du dossier HP1'),
    },
    empreinteJournal: sha('événement de dépôt'),
    ...overrides,
  });
}

/** The engine's figures for that plan: 20 % forfait on 57 000 € of direct costs outside prestations. */
const controle: ControlePlan = {
  totaux: {
    personnel: 4_560_000,
    fonctionnement: 825_050,
    prestations: 1_200_000,
    participants: 314_950,
    remunerationsParticipants: 0,
    directs: 6_900_000,
    indirects: 1_140_000,
    coutTotal: 8_040_000,
    fse: 4_824_000,
    cofinancements: 2_616_000,
    contreparties: 3_116_000,
    autofinancement: 500_000,
    recettes: 100_000,
    ressources: 8_040_000,
  },
  tauxFse: { numerateur: 4_824_000, denominateur: 8_040_000, pourcentage: `60,00${NBSP}%` },
  tauxContreparties: { numerateur: 3_116_000, denominateur: 8_040_000, pourcentage: `38,75${NBSP}%` },
  violations: [],
  conforme: true,
};

const pieces: PieceAccuse[] = [
  {
    typePiece: 'Attestation de cofinancement',
    nomFichier: 'attestation-CD24-2027.pdf',
    taille: 248_832,
    sha256: sha('attestation du conseil départemental'),
  },
  {
    typePiece: 'Statuts de l’association',
    nomFichier: 'Statuts signés — version définitive.pdf',
    taille: 3_460_000,
    sha256: sha('statuts'),
  },
];

const entree = (p: Partial<AccuseDepotInput> = {}): AccuseDepotInput => ({ dossier: dossierDepose(), aap, fiche, controle, pieces, ...p });

// cp1252 0x80-0x9F (Node's TextDecoder treats windows-1252 as latin1); 0x81, 0x8D, 0x8F, 0x90, 0x9D are unassigned.
const CP1252 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const winAnsi = (octets: Uint8Array) =>
  Array.from(octets, (o) => (o >= 0x80 && o <= 0x9f ? CP1252[o - 0x80] : String.fromCharCode(o))).join('');

/**
 * The strings painted by every `<hex> Tj` of the content streams, decoded from WinAnsi. pdfjs reports U+00A0 as an
 * ordinary space, so this is how a test sees that amounts really carry no-break spaces.
 */
async function drawnStrings(pdf: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const out: string[] = [];
  for (const page of doc.getPages()) {
    const contents = page.node.Contents();
    const streams: (PDFObject | undefined)[] = contents instanceof PDFArray ? contents.asArray().map((r) => doc.context.lookup(r)) : [contents];
    for (const stream of streams) {
      if (!(stream instanceof PDFRawStream)) continue;
      const source = Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
      for (const [, hex = ''] of source.matchAll(/<([0-9A-Fa-f]*)>\s*Tj/g)) out.push(winAnsi(Buffer.from(hex, 'hex')));
    }
  }
  return out;
}


describe('renderAccuseDepot', () => {
  let bytes: Uint8Array;
  let pages: ExtractedPage[];
  /** All text, whitespace (U+00A0 included) collapsed. */
  let text: string;
  /** Every string as drawn in the content streams, no-break spaces kept. */
  let dessines: string[];

  beforeAll(async () => {
    bytes = await renderAccuseDepot(entree());
    pages = await extractPages(bytes);
    text = normalize(pages.map((p) => p.text).join(' '));
    dessines = await drawnStrings(bytes);
    // For a visual check: ACCUSE_DEPOT_PDF=/tmp/accuse.pdf npx vitest run test/unit/templates/accuse-depot.test.ts
    if (process.env.ACCUSE_DEPOT_PDF) writeFileSync(process.env.ACCUSE_DEPOT_PDF, bytes);
  });

  it('shows the title, the reference and the dépôt instant to the second in Paris time when deposited on the DST day', () => {
    expect(pages[0]?.text).toContain('Accusé de dépôt');
    expect(pages[0]?.items.some((i) => i.str === 'AAP-AGAPE-2021-HP1-732829320')).toBe(true);
    expect(text).toContain('Dossier déposé le 28/03/2027 à 23:59:59 (Europe/Paris)');
    expect(text).toContain('Horodatage du serveur (UTC) : 2027-03-28T21:59:59.998Z');
    expect(text).toContain('Déposé par : chloe.dupre@mef-haut-perigord.fr');
  });

  it('identifies the porteur, the AAP, the fiche and the operation when the dossier is deposited', () => {
    expect(text).toContain('Raison sociale Maison de l’Emploi et de la Formation du Haut Périgord');
    expect(text).toContain('SIRET 732 829 320 00074');
    expect(dessines).toContain(`732${NBSP}829${NBSP}320${NBSP}00074`);
    expect(text).toContain(`Appel à projets ${aap.reference} — ${aap.titre}`);
    expect(text).toContain(normalize(`${aap.organismeIntermediaire.sigle} — ${aap.organismeIntermediaire.nom}`));
    expect(text).toContain('Fiche opération HP1 — Animation, Ingénierie et Coordination du Plie');
    expect(text).toContain('PLIE PLIE du Haut Périgord');
    expect(text).toContain('Animation et coordination du PLIE du Haut Périgord — « l’accompagnement renforcé » 2027');
    expect(text).toContain('Du 01/01/2027 au 31/12/2027');
  });

  it('prints every total of the plan with no-break spaces, right-aligned, when the plan has all categories', () => {
    const montants = [4_560_000, 825_050, 1_200_000, 314_950, 1_140_000, 8_040_000, 4_824_000, 2_000_000, 616_000, 500_000, 100_000];
    for (const m of montants) expect(dessines, formatMontant(m)).toContain(formatMontant(m));
    expect(formatMontant(8_040_000)).toBe(`80${NBSP}400,00${NBSP}€`);
    expect(text).toContain('Dépenses de personnel 45 600,00 €');
    expect(text).toContain('Prestations externes 12 000,00 €');
    expect(text).toContain('Dépenses liées aux participants 3 149,50 €');
    expect(text).toContain('Dépenses indirectes (forfait : 20 % des dépenses directes, hors prestations externes) 11 400,00 €');
    expect(text).toContain('Coût total de l’opération 80 400,00 €');
    expect(text).toContain('Fonds social européen (FSE) 48 240,00 €');
    expect(text).toContain('Conseil départemental de la Dordogne Public, contrepartie du FSE 20 000,00 €');
    expect(text).toContain('Fondation d’entreprise « Périgord Solidaire » Privé, contrepartie du FSE 6 160,00 €');
    expect(text).toContain('Total des ressources 80 400,00 €');
    expect(text).toContain('Taux FSE 60,00 % du coût total de l’opération');
    expect(text).toContain('Taux de contreparties 38,75 % du coût total de l’opération');
    // Right-aligned: every amount of the dépenses table ends at the same x.
    const items = pages.flatMap((p) => p.items);
    const fins = [4_560_000, 825_050, 1_200_000, 314_950, 1_140_000].map((m) => {
      const item = items.find((i) => i.str === formatMontant(m));
      return Math.round(((item?.x ?? 0) + (item?.width ?? 0)) * 10) / 10;
    });
    expect(new Set(fins).size).toBe(1);
  });

  it('lists each pièce with its size and full SHA-256 in Courier when pièces are given', () => {
    const compact = text.replace(/\s/g, '');
    expect(text).toContain('Attestation de cofinancement attestation-CD24-2027.pdf 243 Ko');
    expect(text).toContain('Statuts de l’association Statuts signés — version définitive.pdf 3,3 Mo');
    for (const p of pieces) expect(compact).toContain(p.sha256);
    expect(text).not.toContain('Aucune pièce');
  });

  it('prints the content fingerprint in full with its explanation when the dossier is deposited', () => {
    const empreinte = dossierDepose().depot!.empreinte;
    expect(text).toContain('Empreinte SHA-256 du contenu déposé');
    expect(pages.flatMap((p) => p.items).some((i) => i.str === empreinte)).toBe(true);
    expect(text).toContain('chacun peut vérifier qu’il n’a pas été modifié après le dépôt');
  });

  it('keeps accents, guillemets and typographic apostrophes intact when the data contains them', () => {
    expect(text).toContain('Maison de l’Emploi');
    expect(text).toContain('« Périgord Solidaire »');
    expect(text).toContain('Intitulé de l’opération');
    expect(text).not.toContain('?');
  });

  it('numbers every page « Page n / N » with the reference and keeps text inside the margins when rendered', () => {
    pages.forEach((page, i) => {
      expect(page.text).toContain(`Page ${i + 1} / ${pages.length}`);
      expect(page.text).toContain('Accusé de dépôt · AAP-AGAPE-2021-HP1-732829320');
    });
    expectInsideMargins(pages);
  });

  it('produces byte-identical output dated at the dépôt when rendered twice from the same input', async () => {
    const again = await renderAccuseDepot(entree());
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
    const relu = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(relu.getCreationDate()?.toISOString()).toBe('2027-03-28T21:59:59.000Z');
    expect(relu.getModificationDate()?.toISOString()).toBe('2027-03-28T21:59:59.000Z');
    expect(relu.getProducer()).toBe('Guichet (pdf-lib)');
    expect(relu.getCreator()).toBe('Guichet');
    expect(relu.getTitle()).toBe('Accusé de dépôt — AAP-AGAPE-2021-HP1-732829320');
  });

  it('prints the participants’ wages, the staff flat rate and the rate the AAP lowered when the plan uses them', async () => {
    const base = dossierDepose();
    const plan = {
      ...base.contenu.planFinancement,
      personnelForfaitaire: { option: 'PERSONNEL_20_AUTRES_DIRECTS' },
      indirects: { mode: 'forfait' as const, option: 'FORFAIT_7_DIRECTS' },
    };
    const dossier = { ...base, contenu: { ...base.contenu, planFinancement: plan } };
    const fsePlus = { ...aap, programme: { ...aap.programme, code: 'FSE-PLUS-2021-2027' as const, tauxForfaitaires: [{ option: 'FORFAIT_7_DIRECTS', tauxPct: 5 }] } };
    const avec = { ...controle, totaux: { ...controle.totaux, remunerationsParticipants: 250_000 } };
    const t = normalize((await extractPages(await renderAccuseDepot(entree({ dossier, aap: fsePlus, controle: avec })))).map((p) => p.text).join(' '));
    expect(t).toContain('Rémunérations et indemnités des participants 2 500,00 €');
    expect(t).toContain('Dépenses de personnel (forfait : Dépenses directes de personnel à 20 % des autres dépenses directes)');
    expect(t).toContain('taux fixé à 5 % par l’appel à projets');
    expect(text).not.toContain('Rémunérations et indemnités');
  });

  it('prints the pièces’ labels whole, never their internal codes cut mid-word', async () => {
    const administratives: PieceAccuse[] = [
      { typePiece: 'ATTESTATION_REGULARITE', libelle: 'Attestation de régularité fiscale et sociale', nomFichier: 'urssaf.pdf', taille: 1_000, sha256: sha('urssaf') },
      // Receipts of dossiers deposited before labels were sealed: the default catalogue names the code.
      { typePiece: 'CONTRAT_ENGAGEMENT_REPUBLICAIN', nomFichier: 'cer.pdf', taille: 1_000, sha256: sha('cer') },
    ];
    const t = normalize((await extractPages(await renderAccuseDepot(entree({ pieces: administratives })))).map((p) => p.text).join(' '));
    expect(t).toContain('Attestation de régularité fiscale et sociale');
    expect(t).toContain('Contrat d’engagement républicain signé');
    expect(t).not.toMatch(/ATTESTATION_|CONTRAT_ENGAGEMENT/);
  });

  it('says no pièce is attached when the list is empty or absent', async () => {
    for (const sansPieces of [entree({ pieces: [] }), entree({ pieces: undefined })]) {
      const texte = normalize((await extractPages(await renderAccuseDepot(sansPieces))).map((p) => p.text).join(' '));
      expect(texte).toContain('Aucune pièce justificative jointe à ce stade.');
      expect(texte).not.toContain('Type de pièce');
    }
  });

  it('omits the rates when the engine gives none', async () => {
    const sansTaux = await renderAccuseDepot(entree({ controle: { ...controle, tauxFse: null, tauxContreparties: null } }));
    const texte = normalize((await extractPages(sansTaux)).map((p) => p.text).join(' '));
    expect(texte).not.toContain('Taux FSE');
    expect(texte).not.toContain('Taux de contreparties');
  });

  it('refuses to render when the dossier has not been deposited', async () => {
    await expect(renderAccuseDepot(entree({ dossier: dossierDepose({ depot: null }) }))).rejects.toThrow(/pas déposé/);
  });
});
