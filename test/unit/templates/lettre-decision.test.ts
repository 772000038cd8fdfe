import { writeFileSync } from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatMontant } from '#shared/format';
import { Dossier } from '#shared/schemas/dossier';
import { dateLongue, motifSansVotes, renderLettreDecision, type DecisionLettre, type LettreDecisionInput } from '#templates/lettre-decision';
import { aapAgape } from './aap-agape';
import { dossierHp1, REFERENCE_HP1 } from './dossier-hp1';
import { expectInsideMargins } from './marges';
import { extractPages, normalize, type ExtractedPage } from './pdf-text';

const aap = aapAgape();
const REFERENCE = REFERENCE_HP1;

const dossierDecide = (o: Partial<Dossier> = {}) => dossierHp1({ statut: 'selectionne', version: 11, modifieLe: '2027-06-15T15:42:00.000Z', ...o });

const comite = { plie: 'PLIE du Haut Périgord', date: '2027-06-15' };

const decisions: Record<DecisionLettre['statut'], DecisionLettre> = {
  // The comité’s default motif, with the vote counts the letter must not show.
  selectionne: { statut: 'selectionne', motif: 'Avis favorable du comité (4 pour, 0 contre, 0 abstention(s)).', date: '2027-06-15T15:42:00.000Z', montantFseCentimes: 2_500_000, comite },
  programme: { statut: 'programme', motif: '', date: '2027-07-02T08:30:00.000Z', montantFseCentimes: 2_450_000, comite },
  ajourne: { statut: 'ajourne', motif: 'Le comité demande des précisions sur le public visé et les modalités de repérage.', date: '2027-06-15T15:42:00.000Z', montantFseCentimes: null, comite },
  rejete: { statut: 'rejete', motif: 'Plan de financement non soutenable : les contreparties ne sont pas attestées.', date: '2027-06-15T15:42:00.000Z', montantFseCentimes: null, comite },
  irrecevable: { statut: 'irrecevable', motif: 'Opération hors du périmètre de la fiche.', date: '2027-05-02T09:00:00.000Z', montantFseCentimes: null, comite: { plie: 'PLIE du Haut Périgord', date: '' } },
};

const entree = (statut: DecisionLettre['statut'], p: Partial<LettreDecisionInput> = {}): LettreDecisionInput => ({
  dossier: dossierDecide(),
  aap,
  decision: decisions[statut],
  ...p,
});

const texteDe = async (bytes: Uint8Array) => normalize((await extractPages(bytes)).map((p) => p.text).join(' '));

describe('renderLettreDecision', () => {
  const rendus = {} as Record<DecisionLettre['statut'], { bytes: Uint8Array; pages: ExtractedPage[]; text: string }>;

  beforeAll(async () => {
    for (const statut of ['selectionne', 'programme', 'ajourne', 'rejete'] as const) {
      const bytes = await renderLettreDecision(entree(statut));
      const pages = await extractPages(bytes);
      rendus[statut] = { bytes, pages, text: normalize(pages.map((p) => p.text).join(' ')) };
      // For a visual check: LETTRE_PDF=/tmp/lettre npx vitest run test/unit/templates/lettre-decision.test.ts
      if (process.env.LETTRE_PDF) writeFileSync(`${process.env.LETTRE_PDF}-${statut}.pdf`, bytes);
    }
  });

  it('writes a letter of irrecevabilité with its motif and the voies de recours, without any comité', async () => {
    const texte = await texteDe(await renderLettreDecision(entree('irrecevable', { dossier: dossierDecide({ statut: 'irrecevable' }) })));
    expect(texte).toContain('Irrecevabilité de votre demande');
    expect(texte).toContain('n’est pas recevable');
    expect(texte).toContain('Opération hors du périmètre de la fiche.');
    expect(texte).toMatch(/recours/i);
    expect(texte).not.toContain('comité de pilotage du');
  });

  it('is addressed from the OI to the organisation with its SIRET, dated and with the object when rendered', () => {
    const { text } = rendus.selectionne;
    expect(text).toContain(aap.organismeIntermediaire.sigle);
    expect(text).toContain(normalize(aap.organismeIntermediaire.nom));
    expect(text).toContain('Maison de l’Emploi et de la Formation du Haut Périgord');
    expect(text).toContain('SIRET 732 829 320 00074');
    expect(text).toContain('Le 15 juin 2027');
    expect(text).toContain(`Objet : votre demande de subvention FSE — dossier ${REFERENCE}`);
    expect(text).toContain('Madame, Monsieur,');
    expect(text).toContain('salutations distinguées');
  });

  it('announces the favourable avis with the FSE amount and leaves attribution to the OI board when selected', () => {
    const { text } = rendus.selectionne;
    expect(text).toContain('le comité de pilotage du PLIE du Haut Périgord, réuni le 15 juin 2027, a émis un avis favorable à la sélection de votre opération');
    expect(text).toContain(`pour un montant FSE de ${normalize(formatMontant(2_500_000))}`);
    expect(text).toContain('la décision d’attribution relève du conseil d’administration de l’organisme intermédiaire AGAPE');
    expect(text).not.toContain('recours gracieux');
  });

  it('states the attribution and its amount when programmed', () => {
    const { text } = rendus.programme;
    expect(text).toContain('une subvention FSE vous est attribuée');
    expect(text).toContain(`pour un montant de ${normalize(formatMontant(2_450_000))}`);
    expect(text).toContain('Le 2 juillet 2027');
    expect(text).toContain('convention d’attribution');
  });

  it('says the examination is adjourned, gives the motif and invites a new presentation when adjourned', () => {
    const { text } = rendus.ajourne;
    expect(text).toContain('a ajourné l’examen de votre opération');
    expect(text).toContain('Motif de la décision Le comité demande des précisions sur le public visé et les modalités de repérage.');
    expect(text).toContain('Vous pourrez présenter à nouveau votre demande');
    expect(text).not.toContain('€');
  });

  it('says the operation was not retained, gives the motif and the recours gracieux within two months when rejected', () => {
    const { text } = rendus.rejete;
    expect(text).toContain('n’a pas été retenue');
    expect(text).toContain('Motif de la décision Plan de financement non soutenable : les contreparties ne sont pas attestées.');
    expect(text).toContain('Voies et délais de recours');
    expect(text).toContain('recours gracieux auprès de l’organisme intermédiaire AGAPE, dans un délai de deux mois');
    expect(text).not.toContain('€');
  });

  it('discloses neither notes nor votes whatever the decision, even when the motif carries the vote counts', async () => {
    for (const { text } of Object.values(rendus)) {
      expect(text).not.toContain('Pour :');
      expect(text).not.toContain('/5');
      expect(text).not.toMatch(/\d+ pour/i);
      expect(text).not.toMatch(/abstention/i);
      expect(text).not.toMatch(/moyenne|note/i);
    }
    // The default motif, once the counts are removed, only repeats the letter: it is not printed.
    expect(rendus.selectionne.text).not.toContain('Observations du comité');
    const observe = await texteDe(await renderLettreDecision(entree('selectionne', { decision: { ...decisions.selectionne, motif: 'Le comité souhaite un point d’étape à mi-parcours.' } })));
    expect(observe).toContain('Observations du comité Le comité souhaite un point d’étape à mi-parcours.');
    expect(motifSansVotes('Examen ajourné par le comité (2 pour, 2 contre, 1 abstention(s)).')).toBe('Examen ajourné par le comité.');
  });

  it('numbers every page with the reference and keeps text inside the margins when rendered', () => {
    for (const { pages } of Object.values(rendus)) {
      pages.forEach((page, i) => {
        expect(page.text).toContain(`Page ${i + 1} / ${pages.length}`);
        expect(page.text).toContain(`Lettre de décision · ${REFERENCE}`);
      });
      expectInsideMargins(pages);
    }
  });

  it('continues on a second page with « Page n / N » when the motif is very long', async () => {
    const motif = 'Le comité relève plusieurs fragilités du plan de financement et du partenariat. '.repeat(45);
    const bytes = await renderLettreDecision(entree('rejete', { decision: { ...decisions.rejete, motif } }));
    if (process.env.LETTRE_PDF) writeFileSync(`${process.env.LETTRE_PDF}-long.pdf`, bytes);
    const pages = await extractPages(bytes);
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, i) => expect(page.text).toContain(`Page ${i + 1} / ${pages.length}`));
    expect(normalize(pages.map((p) => p.text).join(' '))).toContain('recours gracieux');
  });

  it('produces byte-identical output dated at the decision when rendered twice from the same input', async () => {
    const again = await renderLettreDecision(entree('selectionne'));
    expect(Buffer.from(again).equals(Buffer.from(rendus.selectionne.bytes))).toBe(true);
    const relu = await PDFDocument.load(rendus.selectionne.bytes, { updateMetadata: false });
    expect(relu.getCreationDate()?.toISOString()).toBe('2027-06-15T15:42:00.000Z');
    expect(relu.getModificationDate()?.toISOString()).toBe('2027-06-15T15:42:00.000Z');
    expect(relu.getProducer()).toBe('Guichet (pdf-lib)');
    expect(relu.getCreator()).toBe('Guichet');
    expect(relu.getTitle()).toBe(`Lettre de décision — ${REFERENCE}`);
  });

  it('dates the letter in Paris time and writes the first of the month « 1er » when the decision is taken just after midnight', async () => {
    expect(dateLongue('2027-06-30T22:30:00.000Z')).toBe('1er\u00a0juillet\u00a02027');
    expect(dateLongue('2027-06-01')).toBe('1er\u00a0juin\u00a02027');
    const texte = await texteDe(await renderLettreDecision(entree('ajourne', { decision: { ...decisions.ajourne, date: '2027-06-30T22:30:00.000Z' } })));
    expect(texte).toContain('Le 1er juillet 2027');
  });

  it('says that a corrected programmation’s letter replaces the previous one, dated', async () => {
    const texte = await texteDe(await renderLettreDecision(entree('programme', { decision: { ...decisions.programme, remplace: '2027-06-20T09:00:00.000Z' } })));
    expect(texte).toContain('annule et remplace la lettre de décision du 20 juin 2027');
    expect(rendus.programme.text).not.toContain('annule et remplace');
  });

  it('refuses a sélection without an FSE amount and an invalid decision instant', async () => {
    await expect(renderLettreDecision(entree('selectionne', { decision: { ...decisions.selectionne, montantFseCentimes: null } }))).rejects.toThrow(/Montant FSE requis/);
    await expect(renderLettreDecision(entree('rejete', { decision: { ...decisions.rejete, date: 'demain' } }))).rejects.toThrow(RangeError);
  });
});
