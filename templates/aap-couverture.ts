import { formatDate, formatDateHeureLocale, formatInstant, formatMontant } from '#shared/format';
import { nomPlie, numeroVersion } from '#shared/domain/aap/aap';
import type { Aap, StatutAap } from '#shared/schemas/aap';
import type { PdfLayout } from './pdf/layout';
import { truncate, wrap } from './pdf/text';

/** The first page of the AAP document: who publishes it, what it is, which version, and how to apply. */

const STATUTS: Record<StatutAap, string> = { brouillon: 'Brouillon', publie: 'Publié', clos: 'Clos' };

const majuscule = (texte: string) => texte.charAt(0).toUpperCase() + texte.slice(1);

/** « Version 1 » until a rectificatif; then « Version 3 — rectificatif n° 2 ». `aap.version` is a lock counter, not this. */
export function versionEnClair(aap: Pick<Aap, 'nombreRectificatifs'>): string {
  const numero = numeroVersion(aap);
  return numero === 1 ? 'Version 1' : `Version ${numero} \u2014 rectificatif n°\u00a0${numero - 1}`;
}

function ouvertureEnClair(aap: Aap, fuseau: string): string {
  const { ouverture, modalitesOuverture } = aap.depot;
  if (ouverture) return formatDateHeureLocale(ouverture);
  const modalites = majuscule(modalitesOuverture?.trim() || 'à la publication de l’appel à projets');
  return aap.ouvertureLe ? `${modalites}, soit le ${formatInstant(aap.ouvertureLe, fuseau)}` : modalites;
}

/** An archive keeps its source's date, or says the source gives none: never the day it was recorded here. */
function publication(aap: Aap, fuseau: string): [libelle: string, texte: string] | null {
  if (aap.historique) {
    const jour = aap.historique.publieLe;
    return jour ? ['Publié le', formatDate(jour)] : ['Publication', 'Date non précisée par la source'];
  }
  return aap.publieLe ? ['Publié le', formatInstant(aap.publieLe, fuseau)] : null;
}

/** Each PLIE of the AAP by name, with its website when the AAP's references give one. */
function pliesEnClair(aap: Aap): string {
  return aap.plies
    .map((id) => {
      const site = aap.referencesPlies.find((p) => p.id === id)?.siteWeb;
      return site ? `${nomPlie(aap, id)} \u2014 ${site}` : nomPlie(aap, id);
    })
    .join('\n');
}

function renderBandeau(layout: PdfLayout, aap: Aap): void {
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
}

/** Cover page: OI band, title, reference and version, programme, PLIE, enveloppe and the dépôt window. */
export function renderCouverture(layout: PdfLayout, aap: Aap, fuseau: string): void {
  const { theme } = layout;
  renderBandeau(layout, aap);
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
  if (aap.plies.length > 0) layout.field(aap.plies.length > 1 ? 'PLIE concernés' : 'PLIE concerné', pliesEnClair(aap));
  if (aap.enveloppeFseCentimes !== null) layout.field('Enveloppe FSE', formatMontant(aap.enveloppeFseCentimes));
  const publie = publication(aap, fuseau);
  if (publie) layout.field(...publie);
  layout.field('Fiches opérations', String(aap.fiches.length));

  layout.space(10);
  layout.callout(() => {
    layout.heading('Dépôt des dossiers', 3, 30);
    if (aap.depot.plateforme) layout.field('Plateforme', aap.depot.plateforme, 114);
    layout.field('Ouverture', ouvertureEnClair(aap, fuseau), 114);
    layout.field('Clôture', formatDateHeureLocale(aap.depot.cloture), 114, { bold: true });
    if (aap.depot.unDossierParFiche) layout.field('Dossiers', 'Un dossier par fiche opération', 114);
    if (aap.contact) layout.field('Avant de déposer', aap.contact, 114);
    if (aap.depot.texte) layout.paragraph(aap.depot.texte, { size: 9, color: theme.discret, spaceAfter: 2 });
  });
}
