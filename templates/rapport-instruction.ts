import { formatInstant, formatMontant, formatNombre, FUSEAU_PAR_DEFAUT } from '#shared/format';
import { nomPlie } from '#shared/domain/aap/aap';
import type { Aap, FicheOperation } from '#shared/schemas/aap';
import type { Critere, Instruction } from '#shared/schemas/comite';
import type { Dossier } from '#shared/schemas/dossier';
import { formatSiret } from './accuse-depot';
import { grille, type GrilleColumn, type GrilleRow } from './pdf/grille';
import { drawBandeau, drawReferenceDossier } from './pdf/furniture';
import { PdfLayout } from './pdf/layout';

/**
 * The rapport d’instruction: the instructeur’s analysis of one dossier as the comité de pilotage receives it — the
 * grille with a note and a justification per critère, the moyenne, the avis and the FSE proposed against the FSE
 * asked for. Rendered from the stored instruction only (no clock is read): the same input gives the same bytes.
 */

export interface RapportInstructionInput {
  dossier: Dossier;
  aap: Pick<Aap, 'reference' | 'titre' | 'organismeIntermediaire' | 'referencesPlies'>;
  fiche: Pick<FicheOperation, 'code' | 'titre' | 'plie'>;
  /** The critères of the grille, in display order (the fiche’s critères, then the AAP’s common ones). */
  grille: Critere[];
  instruction: Instruction;
  coutTotalCentimes: number;
  fseDemandeCentimes: number;
}

const LARGEUR_LIBELLE = 150;
const NBSP = '\u00a0';

/** The avis in words: « Avis favorable », « Avis défavorable », « Avis réservé ». */
export const AVIS_EN_CLAIR: Record<Instruction['avis'], string> = {
  favorable: 'favorable',
  defavorable: 'défavorable',
  reserve: 'réservé',
};

const ORIGINES: Record<Critere['origine'], string> = { fiche: 'Fiche', commun: 'Critère commun' };

/** Binds French guillemets to their text, so a line never ends with « or starts with ». */
const typo = (texte: string) => texte.replace(/«[ \t]+/g, `«${NBSP}`).replace(/[ \t]+»/g, `${NBSP}»`);

/** « 4/5 »: a note out of five, as printed in the grille. */
export const surCinq = (note: number | string) => `${typeof note === 'number' ? formatNombre(note) : note}/5`;

/** « 60,00 % » of `total`, two decimals, rounded half up on integers; null when the total is not positive. */
function part(montant: number, total: number): string | null {
  if (!(total > 0)) return null;
  const centiemes = Math.round((montant * 10_000) / total);
  return `${Math.floor(centiemes / 100)},${String(centiemes % 100).padStart(2, '0')}${NBSP}%`;
}

function renderEntete(layout: PdfLayout, input: RapportInstructionInput): void {
  drawBandeau(layout, { oi: input.aap.organismeIntermediaire, titre: 'Rapport d’instruction' });
}

function renderSynthese(layout: PdfLayout, input: RapportInstructionInput, fuseau: string): void {
  const { theme } = layout;
  const { dossier, instruction } = input;
  drawReferenceDossier(layout, dossier.reference);
  layout.callout(() => {
    layout.paragraph(`Avis ${AVIS_EN_CLAIR[instruction.avis]}`, { bold: true, size: 13, spaceAfter: 3 });
    layout.field('Moyenne des notes', surCinq(instruction.moyenne), 130, { bold: true });
    layout.field('FSE demandé', formatMontant(input.fseDemandeCentimes), 130);
    layout.field('FSE proposé', formatMontant(instruction.montantFsePropose), 130, { bold: true });
    layout.paragraph(`Instruit le ${formatInstant(instruction.instruitLe, fuseau)} par ${instruction.instruitPar}`, {
      size: 8.5,
      color: theme.discret,
    });
  }, 90);
}

function renderDossier(layout: PdfLayout, input: RapportInstructionInput, fuseau: string): void {
  const { dossier, aap, fiche, instruction } = input;
  layout.heading('Dossier instruit', 2);
  layout.field('Porteur de projet', typo(dossier.organisationNom), LARGEUR_LIBELLE);
  layout.field('SIRET', formatSiret(dossier.siret), LARGEUR_LIBELLE);
  const { sigle, nom } = aap.organismeIntermediaire;
  layout.field('Appel à projets', `${aap.reference} \u2014 ${aap.titre}`, LARGEUR_LIBELLE);
  layout.field('Organisme intermédiaire', `${sigle} \u2014 ${nom}`, LARGEUR_LIBELLE);
  layout.field('Fiche opération', `${fiche.code} \u2014 ${fiche.titre}`, LARGEUR_LIBELLE);
  layout.field('PLIE', nomPlie(aap, fiche.plie), LARGEUR_LIBELLE);
  layout.field('Intitulé de l’opération', typo(dossier.contenu.intitule) || 'Non renseigné', LARGEUR_LIBELLE, { bold: true });
  const depot = dossier.depot;
  layout.field('Déposé le', depot ? formatInstant(depot.deposeLe, depot.fuseau) : 'Non déposé', LARGEUR_LIBELLE);
  layout.field('Instruit le', formatInstant(instruction.instruitLe, fuseau), LARGEUR_LIBELLE);
  layout.field('Instructeur', instruction.instruitPar, LARGEUR_LIBELLE);
  layout.field('Version de l’instruction', `n°${NBSP}${instruction.version}`, LARGEUR_LIBELLE);
}

const COLONNES_GRILLE: GrilleColumn[] = [
  { header: 'Critère', width: 3.2 },
  { header: 'Origine', width: 1.45 },
  { header: 'Note', width: 0.7, align: 'center' },
  { header: 'Justification', width: 4.15 },
];

function renderGrille(layout: PdfLayout, input: RapportInstructionInput): void {
  const { grille: criteres, instruction } = input;
  layout.heading('Grille d’analyse', 2, 80);
  const notes = new Map(instruction.notes.map((n) => [n.critere, n]));
  const lignes: GrilleRow[] = criteres.map((c) => {
    const note = notes.get(c.id);
    return { cells: [typo(c.libelle), ORIGINES[c.origine], note ? surCinq(note.note) : '\u2014', note ? typo(note.justification) : 'Non noté'] };
  });
  // A note on a critère the grille no longer lists is still part of the instruction: print it, never drop it.
  const connus = new Set(criteres.map((c) => c.id));
  for (const n of instruction.notes) {
    if (!connus.has(n.critere)) lignes.push({ cells: [`Critère ${n.critere}`, '\u2014', surCinq(n.note), typo(n.justification)] });
  }
  lignes.push({ cells: ['Moyenne des notes', '', surCinq(instruction.moyenne), ''], bold: true, shade: true });
  grille(layout, COLONNES_GRILLE, lignes, { size: 8.5, spaceAfter: 4 });
  layout.paragraph('Chaque critère est noté de 1 (insuffisant) à 5 (excellent)\u00a0; la moyenne est celle des notes attribuées.', {
    size: 8.5,
    color: layout.theme.discret,
  });
}

function renderAvis(layout: PdfLayout, input: RapportInstructionInput): void {
  const { instruction, coutTotalCentimes: cout, fseDemandeCentimes: demande } = input;
  const propose = instruction.montantFsePropose;
  layout.heading('Avis et proposition de financement', 2, 90);
  layout.field('Avis de l’instructeur', `Avis ${AVIS_EN_CLAIR[instruction.avis]}`, LARGEUR_LIBELLE, { bold: true });
  layout.field('Moyenne des notes', surCinq(instruction.moyenne), LARGEUR_LIBELLE);
  layout.space(4);
  const ecart = propose - demande;
  const lignes: GrilleRow[] = [
    { cells: ['Coût total de l’opération', formatMontant(cout), ''] },
    { cells: ['FSE demandé par le porteur', formatMontant(demande), part(demande, cout) ?? '\u2014'] },
    { cells: ['FSE proposé par l’instructeur', formatMontant(propose), part(propose, cout) ?? '\u2014'], bold: true, shade: true },
  ];
  if (ecart !== 0) lignes.push({ cells: ['Écart avec la demande', `${ecart > 0 ? '+' : ''}${formatMontant(ecart)}`, ''] });
  const colonnes: GrilleColumn[] = [
    { header: 'Financement', width: 4.2 },
    { header: 'Montant', width: 1.6, align: 'right' },
    { header: 'Part du coût total', width: 1.6, align: 'right' },
  ];
  grille(layout, colonnes, lignes, { size: 9, spaceAfter: 8, keepTogether: true });
}

function renderCommentaire(layout: PdfLayout, input: RapportInstructionInput, fuseau: string): void {
  const { instruction } = input;
  const { theme } = layout;
  layout.heading('Commentaire de l’instructeur', 2, 40);
  const commentaire = instruction.commentaire.trim();
  layout.paragraph(commentaire ? typo(commentaire) : 'Aucun commentaire.', { spaceAfter: 12 });
  layout.ensureSpace(60);
  layout.rule(theme.bordure, 0.5, 2, 8);
  layout.paragraph(`Instruit par ${instruction.instruitPar}, le ${formatInstant(instruction.instruitLe, fuseau)}.`, { size: 9.5, spaceAfter: 6 });
  layout.paragraph(
    'Le présent rapport est un document préparatoire au comité de pilotage\u00a0: l’avis et le montant proposés ne '
      + 'préjugent ni de la décision de sélection du comité, ni de la décision d’attribution de l’organisme intermédiaire.',
    { size: 8.5, color: theme.discret },
  );
}

/**
 * Renders the rapport d’instruction of a dossier. Pure and deterministic: the PDF’s dates are the instruction
 * instant, its producer and creator are fixed, so the same input always gives the same bytes.
 * @throws RangeError on an invalid instruction instant.
 */
export async function renderRapportInstruction(p: RapportInstructionInput): Promise<Uint8Array> {
  const { dossier, aap, fiche, instruction } = p;
  const instruitLe = new Date(instruction.instruitLe);
  if (Number.isNaN(instruitLe.getTime())) throw new RangeError(`Instant d’instruction invalide : « ${instruction.instruitLe} ».`);
  const fuseau = dossier.depot?.fuseau ?? FUSEAU_PAR_DEFAUT;
  const { sigle, nom } = aap.organismeIntermediaire;

  const layout = await PdfLayout.create({
    title: `Rapport d’instruction \u2014 ${dossier.reference}`,
    author: `${sigle} \u2014 ${nom}`,
    subject: `Rapport d’instruction du dossier ${dossier.reference} (${aap.reference}, fiche ${fiche.code})`,
    keywords: ['rapport d’instruction', 'FSE', dossier.reference, aap.reference, fiche.code],
    createdAt: instruitLe,
  });

  renderEntete(layout, p);
  layout.runningHeader = `${sigle} \u00b7 Rapport d’instruction \u00b7 ${dossier.reference}`;
  renderSynthese(layout, p, fuseau);
  renderDossier(layout, p, fuseau);
  renderGrille(layout, p);
  renderAvis(layout, p);
  renderCommentaire(layout, p, fuseau);

  return layout.finish(`Rapport d’instruction \u00b7 ${dossier.reference}`);
}
