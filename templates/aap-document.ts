import { formatDateHeureLocale, formatInstant, formatMontant } from '#shared/format';
import type { Aap, StatutAap } from '#shared/schemas/aap';
import { renderFiche } from './aap-fiche';
import { PdfLayout } from './pdf/layout';
import { addLink, addOutline, type Bookmark } from './pdf/navigation';
import type { Anchor } from './pdf/theme';
import { fillCell, table, type TableColumn } from './pdf/table';
import { truncate, wrap } from './pdf/text';

export interface AapDocumentOptions {
  /** Generation instant, printed in the footer and used as the PDF's creation date (no clock is read). */
  genereLe: Date;
  /** Zone in which `genereLe` and `publieLe` are shown; default Europe/Paris. */
  fuseau?: string;
}

const STATUTS: Record<StatutAap, string> = { brouillon: 'Brouillon', publie: 'Publié', clos: 'Clos' };

const COLONNES_SOMMAIRE: TableColumn[] = [
  { header: 'Fiche', width: 0.9, bold: true },
  { header: 'Intitulé', width: 5 },
  { header: 'PLIE', width: 2.6 },
  { header: 'Page', width: 0.8, align: 'right' },
];

const majuscule = (texte: string) => texte.charAt(0).toUpperCase() + texte.slice(1);

function versionEnClair(aap: Aap): string {
  if (aap.version <= 1) return 'Version initiale';
  const rectificatif = aap.nombreRectificatifs > 0 ? aap.nombreRectificatifs : aap.version - 1;
  return `Version ${aap.version} \u2014 rectificatif n°\u00a0${rectificatif}`;
}

function ouvertureEnClair(aap: Aap, fuseau: string): string {
  const { ouverture, modalitesOuverture } = aap.depot;
  if (ouverture) return formatDateHeureLocale(ouverture);
  const modalites = majuscule(modalitesOuverture?.trim() || 'à la publication de l’appel à projets');
  return aap.ouvertureLe ? `${modalites}, soit le ${formatInstant(aap.ouvertureLe, fuseau)}` : modalites;
}

/** Cover page: OI band, title, reference and version, programme, PLIE, enveloppe and the dépôt window. */
function renderCouverture(layout: PdfLayout, aap: Aap, fuseau: string): void {
  const { page, theme } = layout;
  const { sigle, nom } = aap.organismeIntermediaire;
  const largeur = layout.contentWidth;
  const lignesNom = wrap(layout.clean(nom), layout.regular, 11, largeur).slice(0, 3);
  if (lignesNom.length === 3) lignesNom[2] = truncate(lignesNom[2] ?? '', layout.regular, 11, largeur);
  const hauteurBandeau = 96 + lignesNom.length * 15;
  page.drawRectangle({
    x: 0,
    y: page.getHeight() - hauteurBandeau,
    width: page.getWidth(),
    height: hauteurBandeau,
    color: theme.accent,
  });
  layout.y = page.getHeight() - 44;
  layout.paragraph(sigle, { bold: true, size: 26, leading: 1.2, color: theme.blanc, spaceAfter: 4 });
  layout.paragraph(lignesNom.join('\n'), { size: 11, color: theme.blanc });
  layout.y = page.getHeight() - hauteurBandeau - 40;

  layout.paragraph('APPEL À PROJETS', { bold: true, size: 10, color: theme.accent, spaceAfter: 6 });
  layout.paragraph(aap.titre, { bold: true, size: 20, leading: 1.25, spaceAfter: 8 });
  const statut = `Référence ${aap.reference}   \u00b7   ${STATUTS[aap.statut]}   \u00b7   ${versionEnClair(aap)}`;
  layout.paragraph(statut, { size: 10.5, color: theme.discret });
  if (aap.statut === 'brouillon') {
    const avertissement = 'Document de travail\u00a0: cet appel à projets n’est pas publié.';
    layout.paragraph(avertissement, { bold: true, color: theme.accent });
  }
  layout.rule(theme.bordure, 0.6, 10, 12);

  const { programme } = aap;
  layout.field('Programme', `${programme.libelle} (${programme.code})`);
  if (programme.axe) {
    const axe = programme.axeLibelle ? `${programme.axe} \u2014 ${programme.axeLibelle}` : programme.axe;
    layout.field('Axe prioritaire', axe);
  }
  if (programme.objectifThematique) layout.field('Objectif thématique', programme.objectifThematique);
  if (programme.prioriteInvestissement) layout.field('Priorité d’investissement', programme.prioriteInvestissement);
  if (aap.plies.length > 0) {
    layout.field(aap.plies.length > 1 ? 'PLIE concernés' : 'PLIE concerné', aap.plies.join('\n'));
  }
  if (aap.enveloppeFseCentimes !== null) layout.field('Enveloppe FSE', formatMontant(aap.enveloppeFseCentimes));
  if (aap.publieLe) layout.field('Publié le', formatInstant(aap.publieLe, fuseau));
  layout.field('Fiches opérations', String(aap.fiches.length));

  layout.space(10);
  layout.callout(() => {
    layout.heading('Dépôt des dossiers', 3, 30);
    if (aap.depot.plateforme) layout.field('Plateforme', aap.depot.plateforme, 114);
    layout.field('Ouverture', ouvertureEnClair(aap, fuseau), 114);
    layout.field('Clôture', formatDateHeureLocale(aap.depot.cloture), 114, { bold: true });
    if (aap.depot.unDossierParFiche) layout.field('Dossiers', 'Un dossier par fiche opération', 114);
    if (aap.depot.texte) layout.paragraph(aap.depot.texte, { size: 9, color: theme.discret, spaceAfter: 2 });
  });
}

/** Objectifs spécifiques, selection criteria and instances. */
function renderPresentation(layout: PdfLayout, aap: Aap): void {
  const objectifs = aap.programme.objectifsSpecifiques;
  if (objectifs.length > 0) {
    layout.heading('Objectifs spécifiques', 1);
    for (const o of objectifs) layout.field(o.code, o.libelle, 48);
  }
  layout.heading('Sélection des opérations', 1);
  if (aap.selection.criteresCommuns.length > 0) {
    layout.heading('Critères de sélection communs', 2);
    layout.bullets(aap.selection.criteresCommuns);
  }
  if (aap.selection.criteresPrivilegies.length > 0) {
    layout.heading('Critères privilégiés', 2);
    layout.bullets(aap.selection.criteresPrivilegies);
  }
  if (aap.selection.instances) {
    layout.heading('Instances de sélection', 2);
    layout.paragraph(aap.selection.instances, { spaceAfter: 4 });
  }
}

/**
 * Renders the public AAP document: cover, presentation, table of contents, then one section per fiche opération,
 * each on a new page. Pure and deterministic: the same AAP and `genereLe` always give the same bytes.
 */
export async function renderAapDocument(aap: Aap, options: AapDocumentOptions): Promise<Uint8Array> {
  const fuseau = options.fuseau ?? 'Europe/Paris';
  const { sigle, nom } = aap.organismeIntermediaire;
  const layout = await PdfLayout.create({
    title: `${aap.reference} \u2014 ${aap.titre}`,
    author: `${sigle} \u2014 ${nom}`,
    subject: `Appel à projets ${aap.programme.code}, ${versionEnClair(aap).toLowerCase()}`,
    keywords: ['appel à projets', 'FSE', aap.programme.code, sigle, ...aap.plies],
    createdAt: options.genereLe,
  });
  const bookmarks: Bookmark[] = [];

  bookmarks.push({ title: 'Présentation de l’appel à projets', target: layout.anchor() });
  renderCouverture(layout, aap, fuseau);

  layout.runningHeader = `${sigle} \u00b7 ${aap.reference} \u00b7 ${aap.titre}`;
  layout.newPage();
  renderPresentation(layout, aap);

  layout.heading('Fiches opérations', 1, 80);
  bookmarks.push({ title: 'Sommaire des fiches opérations', target: layout.anchor() });
  const lignes = aap.fiches.map((f) => [f.code, f.titre, f.plie, '']);
  const sommaire = lignes.length > 0 ? table(layout, COLONNES_SOMMAIRE, lignes) : null;
  if (!sommaire) layout.paragraph('Aucune fiche opération n’est encore rattachée à cet appel à projets.');

  const debuts: Anchor[] = aap.fiches.map((fiche) => {
    layout.runningHeader = `${aap.reference} \u00b7 Fiche ${fiche.code} \u2014 ${fiche.titre}`;
    layout.newPage();
    const debut = layout.anchor();
    bookmarks.push({ title: `${fiche.code} \u2014 ${fiche.titre}`, target: debut });
    renderFiche(layout, aap, fiche);
    return debut;
  });

  const colonnePage = COLONNES_SOMMAIRE[3];
  debuts.forEach((debut, i) => {
    const ligne = sommaire?.rows[i];
    if (!sommaire || !ligne || !colonnePage) return;
    fillCell(layout, sommaire, colonnePage, i, 3, String(debut.pageIndex + 1));
    const hauteur = ligne.top - ligne.bottom;
    const rect = { x: layout.margins.left, y: ligne.bottom, width: layout.contentWidth, height: hauteur };
    addLink(layout.doc, ligne.pageIndex, rect, debut);
  });
  addOutline(layout.doc, bookmarks);

  return layout.finish(`${aap.reference} \u00b7 Document généré le ${formatInstant(options.genereLe, fuseau)}`);
}
