import { writeFileSync } from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatMontant } from '#shared/format';
import type { Critere, Instruction } from '#shared/schemas/comite';
import { Dossier } from '#shared/schemas/dossier';
import { renderRapportInstruction, type RapportInstructionInput } from '#templates/rapport-instruction';
import { aapAgape } from './aap-agape';
import { dossierHp1, REFERENCE_HP1 } from './dossier-hp1';
import { expectInsideMargins } from './marges';
import { extractPages, normalize, type ExtractedPage } from './pdf-text';

const aap = aapAgape();
const fiche = aap.fiches.find((f) => f.code === 'HP1')!;
const REFERENCE = REFERENCE_HP1;

const dossierInstruit = (o: Partial<Dossier> = {}) => dossierHp1({ statut: 'instruit', version: 9, modifieLe: '2027-04-12T14:05:00.000Z', ...o });

const grilleCriteres: Critere[] = [
  { id: 'f1', libelle: 'Pertinence de l’opération au regard des objectifs de la fiche et du diagnostic territorial du PLIE', origine: 'fiche' },
  { id: 'f2', libelle: 'Qualité de l’ingénierie de parcours', origine: 'fiche' },
  { id: 'c1', libelle: 'Capacité administrative et financière du porteur', origine: 'commun' },
  { id: 'c2', libelle: 'Prise en compte des principes horizontaux (égalité femmes-hommes, non-discrimination)', origine: 'commun' },
];

const instruction: Instruction = {
  dossierId: '01J0DOSSIERHP1000000000000A',
  version: 2,
  instruitLe: '2027-04-12T14:05:00.000Z',
  instruitPar: 'marc.lefevre@agape-fse.fr',
  notes: [
    { critere: 'f1', note: 4, justification: 'Le diagnostic est précis et les objectifs rejoignent ceux de la fiche HP1, avec des cibles chiffrées par public.' },
    { critere: 'f2', note: 5, justification: 'Parcours individualisés, référents identifiés, outils de suivi éprouvés.' },
    { critere: 'c1', note: 3, justification: 'Trésorerie tendue en début d’exercice : une avance est à prévoir.' },
    { critere: 'c2', note: 3, justification: 'Principes horizontaux évoqués mais peu déclinés en actions concrètes.' },
  ],
  moyenne: '3,75',
  avis: 'favorable',
  montantFsePropose: 2_500_000,
  commentaire: 'Opération structurante pour le territoire. Le montant proposé tient compte d’un coût de fonctionnement jugé surévalué.',
};

const entree = (p: Partial<RapportInstructionInput> = {}): RapportInstructionInput => ({
  dossier: dossierInstruit(),
  aap,
  fiche,
  grille: grilleCriteres,
  instruction,
  coutTotalCentimes: 4_560_000,
  fseDemandeCentimes: 2_736_000,
  ...p,
});

const texteDe = async (bytes: Uint8Array) => normalize((await extractPages(bytes)).map((p) => p.text).join(' '));

describe('renderRapportInstruction', () => {
  let bytes: Uint8Array;
  let pages: ExtractedPage[];
  let text: string;

  beforeAll(async () => {
    bytes = await renderRapportInstruction(entree());
    pages = await extractPages(bytes);
    text = normalize(pages.map((p) => p.text).join(' '));
    // For a visual check: RAPPORT_PDF=/tmp/rapport.pdf npx vitest run test/unit/templates/rapport-instruction.test.ts
    if (process.env.RAPPORT_PDF) writeFileSync(process.env.RAPPORT_PDF, bytes);
  });

  it('identifies the dossier, the porteur, the fiche and both dates in Paris time when the dossier is instruit', () => {
    expect(pages[0]?.text).toContain('Rapport d’instruction');
    expect(pages[0]?.items.some((i) => i.str === REFERENCE)).toBe(true);
    expect(text).toContain('Porteur de projet Maison de l’Emploi et de la Formation du Haut Périgord');
    expect(text).toContain('SIRET 732 829 320 00074');
    expect(text).toContain(`Fiche opération HP1 — ${normalize(fiche.titre)}`);
    expect(text).toContain('PLIE PLIE du Haut Périgord');
    expect(text).toContain('« l’accompagnement renforcé » 2027');
    expect(text).toContain('Déposé le 28/03/2027 à 23:59 (Europe/Paris)');
    expect(text).toContain('Instruit le 12/04/2027 à 16:05 (Europe/Paris)');
    expect(text).toContain('Instructeur marc.lefevre@agape-fse.fr');
  });

  it('lists every critère of the grille with its origine, note and justification when all are scored', () => {
    const compact = text.replace(/\s/g, '');
    for (const c of grilleCriteres) expect(compact, c.libelle).toContain(c.libelle.replace(/\s/g, ''));
    for (const n of instruction.notes) expect(compact, n.justification).toContain(n.justification.replace(/\s/g, ''));
    const items = pages.flatMap((p) => p.items.map((i) => i.str));
    expect(items.filter((s) => s === '4/5')).toHaveLength(1);
    expect(items.filter((s) => s === '5/5')).toHaveLength(1);
    expect(items.filter((s) => s === '3/5')).toHaveLength(2);
    expect(items.filter((s) => s === 'Fiche')).toHaveLength(2);
    expect(items.filter((s) => s === 'Critère commun')).toHaveLength(2);
    expect(text).toContain('Moyenne des notes 3,75/5');
  });

  it('states the avis in words and both FSE amounts with their share of the cost when the instructeur proposes less', () => {
    expect(text).toContain('Avis favorable');
    expect(text).toContain(`FSE demandé par le porteur ${normalize(formatMontant(2_736_000))} 60,00 %`);
    expect(text).toContain(`FSE proposé par l’instructeur ${normalize(formatMontant(2_500_000))} 54,82 %`);
    expect(text).toContain(`Écart avec la demande ${normalize(formatMontant(-236_000))}`);
    expect(text).toContain('Le montant proposé tient compte d’un coût de fonctionnement jugé surévalué.');
  });

  it('writes « défavorable » and « réservé » when the avis says so', async () => {
    for (const [avis, mot] of [['defavorable', 'Avis défavorable'], ['reserve', 'Avis réservé']] as const) {
      const texte = await texteDe(await renderRapportInstruction(entree({ instruction: { ...instruction, avis } })));
      expect(texte).toContain(mot);
      expect(texte).not.toContain('Avis favorable');
    }
  });

  it('marks a critère « Non noté » and keeps a note on a critère the grille no longer lists', async () => {
    const notes = [...instruction.notes.filter((n) => n.critere !== 'c2'), { critere: 'ancien', note: 2, justification: 'Critère retiré de la grille après la notation.' }];
    const texte = await texteDe(await renderRapportInstruction(entree({ instruction: { ...instruction, notes } })));
    expect(texte).toContain('Non noté');
    expect(texte).toContain('Critère ancien — 2/5 Critère retiré de la grille après la notation.');
  });

  it('says there is no comment when the commentaire is empty', async () => {
    const texte = await texteDe(await renderRapportInstruction(entree({ instruction: { ...instruction, commentaire: '' } })));
    expect(texte).toContain('Aucun commentaire.');
  });

  it('numbers every page with the reference and keeps text inside the margins when rendered', () => {
    pages.forEach((page, i) => {
      expect(page.text).toContain(`Page ${i + 1} / ${pages.length}`);
      expect(page.text).toContain(`Rapport d’instruction · ${REFERENCE}`);
    });
    expectInsideMargins(pages);
  });

  it('flows a long grille onto further pages with « Page n / N » when there are many critères', async () => {
    const grille: Critere[] = Array.from({ length: 30 }, (_, i) => ({ id: `k${i}`, libelle: `Critère n°${i + 1} : ${'adéquation du projet '.repeat(3)}`, origine: i < 20 ? 'fiche' : 'commun' }));
    const notes = grille.map((c, i) => ({ critere: c.id, note: (i % 5) + 1, justification: `Justification du critère ${i + 1}. ${'Analyse détaillée des pièces. '.repeat(4)}` }));
    const longues = await extractPages(await renderRapportInstruction(entree({ grille, instruction: { ...instruction, notes, moyenne: '3,00' } })));
    expect(longues.length).toBeGreaterThan(2);
    longues.forEach((page, i) => expect(page.text).toContain(`Page ${i + 1} / ${longues.length}`));
    expect(normalize(longues.map((p) => p.text).join(' '))).toContain('Moyenne des notes 3,00/5');
  });

  it('produces byte-identical output dated at the instruction when rendered twice from the same input', async () => {
    const again = await renderRapportInstruction(entree());
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
    const relu = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(relu.getCreationDate()?.toISOString()).toBe('2027-04-12T14:05:00.000Z');
    expect(relu.getModificationDate()?.toISOString()).toBe('2027-04-12T14:05:00.000Z');
    expect(relu.getProducer()).toBe('Guichet (pdf-lib)');
    expect(relu.getCreator()).toBe('Guichet');
    expect(relu.getTitle()).toBe(`Rapport d’instruction — ${REFERENCE}`);
  });

  it('refuses to render when the instruction instant is invalid', async () => {
    await expect(renderRapportInstruction(entree({ instruction: { ...instruction, instruitLe: 'hier' } }))).rejects.toThrow(RangeError);
  });
});
