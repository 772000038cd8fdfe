import { StandardFonts, type PDFFont } from 'pdf-lib';
import { ESPACE_INSECABLE, formatDate, formatInstantSecondes, formatMontant, formatNombre } from '#shared/format';
import { optionsDeLAap, programme } from '#shared/domain/programmes';
import { nomPlie } from '#shared/domain/aap/aap';
import type { Aap, FicheOperation } from '#shared/schemas/aap';
import type { ContenuDossier, Dossier } from '#shared/schemas/dossier';
import { PIECES_ADMINISTRATIVES_DEFAUT } from '#shared/schemas/piece';
import { grille, type GrilleColumn, type GrilleRow } from './pdf/grille';
import { drawBandeau, drawReferenceDossier } from './pdf/furniture';
import { PdfLayout } from './pdf/layout';
import { wrap } from './pdf/text';
import { baselineOffset } from './pdf/theme';

/**
 * The accusé de dépôt: the porteur's proof that its dossier was received, when, by whom, with which plan de
 * financement and which pièces, and the SHA-256 fingerprint of the deposited content. Rendered from the deposited
 * state only (no clock is read), so every download of the receipt is byte-identical.
 */

/** The figures of the plan the receipt prints: any `ControlePlan` of the financial engine fits. */
export interface ControleAccuse {
  totaux: {
    personnel: number;
    fonctionnement: number;
    prestations: number;
    participants: number;
    /** Absent on receipts computed before the category existed. */
    remunerationsParticipants?: number;
    indirects: number;
    coutTotal: number;
    fse: number;
    autofinancement: number;
    recettes: number;
    ressources: number;
  };
  tauxFse: { pourcentage: string } | null;
  tauxContreparties: { pourcentage: string } | null;
}

/** A pièce justificative attached to the dossier, as stored (size in bytes, SHA-256 in hex). */
export interface PieceAccuse {
  /** The pièce's code (`RIB`, `ATTESTATION_REGULARITE`…): internal, never printed when a label is known. */
  typePiece: string;
  /** The label the porteur saw in the checklist, printed whole. */
  libelle?: string;
  nomFichier: string;
  taille: number;
  sha256: string;
}

export interface AccuseDepotInput {
  dossier: Pick<Dossier, 'reference' | 'organisationNom' | 'siret' | 'depot'> & {
    contenu: Pick<ContenuDossier, 'intitule' | 'calendrier' | 'planFinancement'>;
  };
  aap: Pick<Aap, 'reference' | 'titre' | 'organismeIntermediaire' | 'referencesPlies'> & {
    programme: Pick<Aap['programme'], 'code' | 'tauxForfaitaires'>;
  };
  fiche: Pick<FicheOperation, 'code' | 'titre' | 'plie'>;
  controle: ControleAccuse;
  pieces?: readonly PieceAccuse[];
}

const TAILLE_MONO = 7.5;
const LARGEUR_LIBELLE = 150;

/** « 123 456 789 00012 » (no-break spaces) for a 14-digit SIRET; anything else is printed as given. */
export function formatSiret(siret: string): string {
  const chiffres = siret.replace(/\s/g, '');
  if (!/^\d{14}$/.test(chiffres)) return siret;
  return [chiffres.slice(0, 3), chiffres.slice(3, 6), chiffres.slice(6, 9), chiffres.slice(9)].join(ESPACE_INSECABLE);
}

const UNITES = ['Ko', 'Mo', 'Go', 'To'] as const;

/** File size the French way, in binary multiples: 850 → « 850 octets », 248 832 → « 243 Ko », 3 460 000 → « 3,3 Mo ». */
export function formatTaille(octets: number): string {
  if (!Number.isFinite(octets) || octets < 0) throw new RangeError(`Taille de fichier invalide : ${octets}.`);
  if (octets < 1024) return `${formatNombre(octets, 0)}${ESPACE_INSECABLE}${octets < 2 ? 'octet' : 'octets'}`;
  let valeur = octets / 1024;
  let unite = 0;
  // Compare the rounded value, so 1 048 575 octets reads « 1 Mo », never « 1 024 Ko ».
  while (unite < UNITES.length - 1 && Math.round(valeur * 10) / 10 >= 1024) {
    valeur /= 1024;
    unite++;
  }
  return `${formatNombre(valeur, 1)}${ESPACE_INSECABLE}${UNITES[unite]}`;
}

function libelleIndirects(input: AccuseDepotInput): string {
  const indirects = input.dossier.contenu.planFinancement.indirects;
  switch (indirects.mode) {
    case 'aucun':
      return 'Dépenses indirectes (aucune)';
    case 'reel':
      return 'Dépenses indirectes (coûts réels)';
    case 'forfait': {
      // The rate the AAP applies (it may be below the programme's ceiling), as the totals were computed with it.
      const options = optionsDeLAap(programme(input.aap.programme.code), input.aap.programme.tauxForfaitaires);
      const option = options.find((o) => o.code === indirects.option);
      return `Dépenses indirectes (forfait${option ? `\u00a0: ${option.libelle}` : ''})`;
    }
  }
}

function libellePersonnel(input: AccuseDepotInput): string {
  const choix = input.dossier.contenu.planFinancement.personnelForfaitaire;
  const option = choix ? programme(input.aap.programme.code).optionsPersonnel.find((o) => o.code === choix.option) : null;
  return option ? `Dépenses de personnel (forfait\u00a0: ${option.libelle})` : 'Dépenses de personnel';
}

/** Binds French guillemets to their text, so a line never ends with « or starts with ». */
export const typo = (texte: string) => texte.replace(/«[ \t]+/g, '«\u00a0').replace(/[ \t]+»/g, '\u00a0»');

const NATURES = { public: 'Public', prive: 'Privé' } as const;

/** Draws `text` in `font` at `size`, wrapped to the content width, flowing onto new pages. */
export function paragrapheMono(layout: PdfLayout, font: PDFFont, text: string, size: number): void {
  const hauteur = size * 1.45;
  for (const ligne of wrap(layout.clean(text), font, size, layout.contentWidth)) {
    layout.ensureSpace(hauteur);
    const y = layout.y - baselineOffset(size, 1.45);
    layout.page.drawText(ligne, { x: layout.left, y, size, font, color: layout.theme.texte });
    layout.y -= hauteur;
  }
}

/** A 64-hex SHA-256 in two lines of 32, so a table cell never breaks it at an arbitrary place. */
export const empreinteEnDeuxLignes = (sha: string) => (sha.match(/.{1,32}/g) ?? [sha]).join('\n');

function renderEntete(layout: PdfLayout, input: AccuseDepotInput): void {
  drawBandeau(layout, { oi: input.aap.organismeIntermediaire, titre: 'Accusé de dépôt' });
}

function renderDepot(layout: PdfLayout, input: AccuseDepotInput, deposeLe: Date): void {
  const { theme } = layout;
  const depot = input.dossier.depot!;
  drawReferenceDossier(layout, input.dossier.reference);
  layout.callout(() => {
    layout.paragraph(`Dossier déposé le ${formatInstantSecondes(deposeLe, depot.fuseau)}`, { bold: true, size: 11.5, spaceAfter: 3 });
    layout.paragraph(`Horodatage du serveur (UTC)\u00a0: ${deposeLe.toISOString()}`, { spaceAfter: 1 });
    layout.paragraph(`Déposé par\u00a0: ${depot.deposePar}`, { spaceAfter: 3 });
    layout.paragraph('L’horloge du serveur fait foi, et non celle du poste du déposant.', { size: 8.5, color: theme.discret });
  }, 70);
}

function renderIdentification(layout: PdfLayout, input: AccuseDepotInput): void {
  const { dossier, aap, fiche } = input;
  layout.heading('Porteur de projet', 2);
  layout.field('Raison sociale', typo(dossier.organisationNom), LARGEUR_LIBELLE);
  layout.field('SIRET', formatSiret(dossier.siret), LARGEUR_LIBELLE);

  layout.heading('Appel à projets et opération', 2);
  const { sigle, nom } = aap.organismeIntermediaire;
  layout.field('Appel à projets', `${aap.reference} \u2014 ${aap.titre}`, LARGEUR_LIBELLE);
  layout.field('Organisme intermédiaire', `${sigle} \u2014 ${nom}`, LARGEUR_LIBELLE);
  layout.field('Fiche opération', `${fiche.code} \u2014 ${fiche.titre}`, LARGEUR_LIBELLE);
  layout.field('PLIE', nomPlie(aap, fiche.plie), LARGEUR_LIBELLE);
  layout.field('Intitulé de l’opération', typo(dossier.contenu.intitule), LARGEUR_LIBELLE, { bold: true });
  const calendrier = dossier.contenu.calendrier;
  const periode = calendrier ? `Du ${formatDate(calendrier.debut)} au ${formatDate(calendrier.fin)}` : 'Non renseigné';
  layout.field('Calendrier de réalisation', periode, LARGEUR_LIBELLE);
}

const COLONNES_DEPENSES: GrilleColumn[] = [
  { header: 'Dépenses', width: 4.6 },
  { header: 'Montant', width: 1.4, align: 'right' },
];
const COLONNES_RESSOURCES: GrilleColumn[] = [
  { header: 'Ressources', width: 2.6 },
  { header: 'Nature', width: 2 },
  { header: 'Montant', width: 1.4, align: 'right' },
];

function renderPlan(layout: PdfLayout, input: AccuseDepotInput): void {
  const { totaux: t, tauxFse, tauxContreparties } = input.controle;
  const ressources = input.dossier.contenu.planFinancement.ressources;
  layout.heading('Plan de financement', 2, 110);
  // The rates come first, as a summary: after the tables they would be the first thing pushed onto the next page.
  if (tauxFse) layout.field('Taux FSE', `${tauxFse.pourcentage} du coût total de l’opération`, LARGEUR_LIBELLE);
  if (tauxContreparties) {
    layout.field('Taux de contreparties', `${tauxContreparties.pourcentage} du coût total de l’opération`, LARGEUR_LIBELLE);
  }
  if (tauxFse || tauxContreparties) layout.space(4);

  const depenses: GrilleRow[] = [
    { cells: [libellePersonnel(input), formatMontant(t.personnel)] },
    { cells: ['Dépenses de fonctionnement', formatMontant(t.fonctionnement)] },
    { cells: ['Prestations externes', formatMontant(t.prestations)] },
    { cells: ['Dépenses liées aux participants', formatMontant(t.participants)] },
    // Shown when used, so that receipts of plans without it keep their bytes.
    ...(t.remunerationsParticipants
      ? [{ cells: ['Rémunérations et indemnités des participants', formatMontant(t.remunerationsParticipants)] }]
      : []),
    { cells: [libelleIndirects(input), formatMontant(t.indirects)] },
    { cells: ['Coût total de l’opération', formatMontant(t.coutTotal)], bold: true, shade: true },
  ];
  grille(layout, COLONNES_DEPENSES, depenses, { size: 8.5, spaceAfter: 8, keepTogether: true });

  const lignes: GrilleRow[] = [
    { cells: ['Fonds social européen (FSE)', '', formatMontant(t.fse)] },
    ...ressources.cofinancements.map((c) => ({
      cells: [typo(c.financeur), `${NATURES[c.nature]}${c.contrepartieFse ? ', contrepartie du FSE' : ''}`, formatMontant(c.montantCentimes)],
    })),
    { cells: ['Autofinancement', '', formatMontant(t.autofinancement)] },
    { cells: ['Recettes', '', formatMontant(t.recettes)] },
    { cells: ['Total des ressources', '', formatMontant(t.ressources)], bold: true, shade: true },
  ];
  grille(layout, COLONNES_RESSOURCES, lignes, { size: 8.5, spaceAfter: 8, keepTogether: true });
}

/** The label of a pièce, whole: its own, else the default catalogue's; the internal code only when neither is known. */
export const libellePiece = (p: Pick<PieceAccuse, 'typePiece' | 'libelle'>): string =>
  p.libelle ?? PIECES_ADMINISTRATIVES_DEFAUT.find((t) => t.code === p.typePiece)?.libelle ?? p.typePiece;

function renderPieces(layout: PdfLayout, input: AccuseDepotInput, mono: PDFFont): void {
  layout.heading('Pièces justificatives', 2, 60);
  const pieces = input.pieces ?? [];
  if (pieces.length === 0) {
    layout.paragraph('Aucune pièce justificative jointe à ce stade.', { spaceAfter: 4 });
    return;
  }
  const colonnes: GrilleColumn[] = [
    { header: 'Type de pièce', width: 2 },
    { header: 'Fichier', width: 1.7 },
    { header: 'Taille', width: 0.8, align: 'right' },
    { header: 'Empreinte SHA-256', width: 2.2, font: mono, size: TAILLE_MONO },
  ];
  const lignes = pieces.map((p) => [libellePiece(p), p.nomFichier, formatTaille(p.taille), empreinteEnDeuxLignes(p.sha256)]);
  grille(layout, colonnes, lignes, { size: 8.5, spaceAfter: 6 });
}

function renderEmpreinte(layout: PdfLayout, input: AccuseDepotInput, mono: PDFFont): void {
  const { theme } = layout;
  layout.heading('Intégrité du dépôt', 2, 70);
  layout.paragraph('Empreinte SHA-256 du contenu déposé', { bold: true, size: 9.5, spaceAfter: 2 });
  paragrapheMono(layout, mono, input.dossier.depot!.empreinte, 9);
  layout.space(4);
  layout.paragraph(
    'Cette empreinte est calculée sur le contenu du dossier tel qu’il a été déposé\u00a0: en la recalculant sur ce '
      + 'contenu, chacun peut vérifier qu’il n’a pas été modifié après le dépôt.',
    { size: 9, spaceAfter: 10 },
  );
  layout.paragraph(
    'Le présent accusé atteste la réception du dossier à la date et à l’heure indiquées. Il ne préjuge ni de la '
      + 'recevabilité du dossier, ni de la décision de sélection ou de programmation de l’opération.',
    { size: 8.5, color: theme.discret },
  );
}

/**
 * Renders the accusé de dépôt of a deposited dossier. Pure and deterministic: the PDF's dates are the dépôt
 * instant, its producer and creator are fixed, so the same input always gives the same bytes.
 * @throws Error when the dossier has not been deposited; RangeError on an invalid dépôt instant.
 */
export async function renderAccuseDepot(input: AccuseDepotInput): Promise<Uint8Array> {
  const { dossier, aap, fiche } = input;
  const depot = dossier.depot;
  if (!depot) throw new Error(`Le dossier ${dossier.reference} n’est pas déposé : il n’a pas d’accusé de dépôt.`);
  const deposeLe = new Date(depot.deposeLe);
  if (Number.isNaN(deposeLe.getTime())) throw new RangeError(`Instant de dépôt invalide : « ${depot.deposeLe} ».`);
  const { sigle, nom } = aap.organismeIntermediaire;

  const layout = await PdfLayout.create({
    title: `Accusé de dépôt \u2014 ${dossier.reference}`,
    author: `${sigle} \u2014 ${nom}`,
    subject: `Accusé de dépôt du dossier ${dossier.reference} (${aap.reference}, fiche ${fiche.code})`,
    keywords: ['accusé de dépôt', 'FSE', dossier.reference, aap.reference, fiche.code],
    createdAt: deposeLe,
  });
  const mono = await layout.doc.embedFont(StandardFonts.Courier);

  renderEntete(layout, input);
  layout.runningHeader = `${sigle} \u00b7 Accusé de dépôt \u00b7 ${dossier.reference}`;
  renderDepot(layout, input, deposeLe);
  renderIdentification(layout, input);
  renderPlan(layout, input);
  renderPieces(layout, input, mono);
  renderEmpreinte(layout, input, mono);

  return layout.finish(`Accusé de dépôt \u00b7 ${dossier.reference}`);
}
