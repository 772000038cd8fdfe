import { formatInstant } from '#shared/format';
import { nomPlie } from '#shared/domain/aap/aap';
import type { Aap } from '#shared/schemas/aap';
import type { Plie } from '#shared/schemas/plie';
import { renderCouverture, versionEnClair } from './aap-couverture';
import { renderFiche } from './aap-fiche';
import { renderPlie } from './aap-plie';
import { PdfLayout } from './pdf/layout';
import { addOutline, type Bookmark } from './pdf/navigation';
import { tableSommaire, type RenseignerSommaire } from './pdf/sommaire';
import type { TableColumn } from './pdf/table';
import { texteRiche } from './pdf/texte-riche';
import type { Anchor } from './pdf/theme';

export interface AapDocumentOptions {
  /** Generation instant, printed in the footer and used as the PDF's creation date (no clock is read). */
  genereLe: Date;
  /** The OI's PLIE: those the AAP names get a section each, in the AAP's order; the others are left out. */
  plies: readonly Plie[];
  /** Zone in which `genereLe` and `publieLe` are shown; default Europe/Paris. */
  fuseau?: string;
}

/** One entry of the document: a row of the table of contents, a bookmark, and what it draws. */
interface Partie {
  /** Its row in the table of contents, page number excepted. */
  ligne: string[];
  signet: string;
  /** Starts on a new page under this running header; without it, flows after the previous entry. */
  pageNeuve?: string;
  rendre: () => void;
}

/** Entries listed together in the table of contents, under one heading and in one table. */
interface Groupe {
  titre: string;
  colonnes: TableColumn[];
  parties: Partie[];
  siVide?: string;
}

const PAGE: TableColumn = { header: 'Page', width: 0.8, align: 'right' };

/** A section of the AAP's text: a level-1 heading, even when the text is empty, so its table-of-contents row has a target. */
function texteTitre(layout: PdfLayout, titre: string, texte: string): void {
  layout.heading(titre, 1);
  texteRiche(layout, texte);
}

function renderObjectifs(layout: PdfLayout, aap: Aap): void {
  layout.heading('Objectifs spécifiques', 1);
  for (const o of aap.programme.objectifsSpecifiques) layout.field(o.code, o.libelle, 48);
}

function renderSelection(layout: PdfLayout, aap: Aap): void {
  const { selection } = aap;
  layout.heading('Sélection des opérations', 1);
  if (selection.criteresCommuns.length > 0) {
    layout.heading('Critères de sélection communs', 2);
    layout.bullets(selection.criteresCommuns);
  }
  if (selection.criteresPrivilegies.length > 0 || selection.preambulePrivilegies) {
    layout.heading('Critères privilégiés', 2);
    if (selection.preambulePrivilegies) layout.paragraph(selection.preambulePrivilegies, { spaceAfter: 5 });
    layout.bullets(selection.criteresPrivilegies);
  }
  if (selection.instances) {
    layout.heading('Instances de sélection', 2);
    layout.paragraph(selection.instances, { spaceAfter: 4 });
  }
}

/** The AAP's own text (sections, objectives, selection), then its PLIE, its fiches and its annexes. */
function groupes(layout: PdfLayout, aap: Aap, plies: readonly Plie[]): Groupe[] {
  const { reference } = aap;
  const general = `${aap.organismeIntermediaire.sigle} \u00b7 ${reference} \u00b7 ${aap.titre}`;
  const partie = (titre: string, rendre: () => void): Partie => ({ ligne: [titre], signet: titre, rendre });
  const presentation: Partie[] = [
    ...aap.sections.filter((s) => !s.annexe).map((s) => partie(s.titre, () => texteTitre(layout, s.titre, s.texte))),
    ...(aap.programme.objectifsSpecifiques.length > 0 ? [partie('Objectifs spécifiques', () => renderObjectifs(layout, aap))] : []),
    partie('Sélection des opérations', () => renderSelection(layout, aap)),
  ].map((p, i) => (i === 0 ? { ...p, pageNeuve: general } : p));

  const parId = new Map(plies.map((p) => [p.id, p]));
  const codes = (plie: string) => aap.fiches.filter((f) => f.plie === plie).map((f) => f.code);
  const pliesAap = aap.plies.flatMap((id) => parId.get(id) ?? []).map((p) => ({
    ligne: [p.nom, codes(p.id).join(', ')],
    signet: p.nom,
    pageNeuve: `${reference} \u00b7 ${p.nom}`,
    rendre: () => renderPlie(layout, p, codes(p.id)),
  }));

  const fiches = aap.fiches.map((f) => ({
    ligne: [f.code, f.titre, nomPlie(aap, f.plie)],
    signet: `${f.code} \u2014 ${f.titre}`,
    pageNeuve: `${reference} \u00b7 Fiche ${f.code} \u2014 ${f.titre}`,
    rendre: () => renderFiche(layout, aap, f),
  }));

  const annexes = aap.sections
    .filter((s) => s.annexe)
    .map((s, i) => ({
      ligne: [String(i + 1), s.titre],
      signet: `Annexe ${i + 1} \u2014 ${s.titre}`,
      pageNeuve: `${reference} \u00b7 Annexe ${i + 1} \u2014 ${s.titre}`,
      rendre: () => texteTitre(layout, `Annexe ${i + 1} \u2014 ${s.titre}`, s.texte),
    }));

  return [
    { titre: 'Présentation de l’appel à projets', colonnes: [{ header: 'Partie', width: 8.6 }, PAGE], parties: presentation },
    {
      titre: 'Les PLIE',
      colonnes: [{ header: 'PLIE', width: 4.3, bold: true }, { header: 'Fiches opérations', width: 4.3 }, PAGE],
      parties: pliesAap,
    },
    {
      titre: 'Fiches opérations',
      colonnes: [{ header: 'Fiche', width: 0.9, bold: true }, { header: 'Intitulé', width: 5 }, { header: 'PLIE', width: 2.6 }, PAGE],
      parties: fiches,
      siVide: 'Aucune fiche opération n’est encore rattachée à cet appel à projets.',
    },
    {
      titre: 'Annexes',
      colonnes: [{ header: 'Annexe', width: 0.9, bold: true }, { header: 'Intitulé', width: 7.6 }, PAGE],
      parties: annexes,
    },
  ];
}

/** The table of contents: one table per group, page numbers and links filled once the document has flowed. */
function renderSommaire(layout: PdfLayout, liste: readonly Groupe[]): RenseignerSommaire[] {
  layout.heading('Sommaire', 1, 80);
  return liste.map((g) => {
    if (g.parties.length === 0 && !g.siVide) return () => {};
    layout.heading(g.titre, 2, 60);
    if (g.parties.length > 0) return tableSommaire(layout, g.colonnes, g.parties.map((p) => p.ligne));
    layout.paragraph(g.siVide ?? '', { color: layout.theme.discret, spaceAfter: 6 });
    return () => {};
  });
}

/**
 * Renders the public AAP document: cover, table of contents, the AAP's sections and selection rules, one section per
 * PLIE, one per fiche opération and one per annex. Pure and deterministic: the same AAP, PLIE and `genereLe` always
 * give the same bytes. Internal notes (`notesInternes`) are never read.
 */
export async function renderAapDocument(aap: Aap, options: AapDocumentOptions): Promise<Uint8Array> {
  const fuseau = options.fuseau ?? 'Europe/Paris';
  const { sigle, nom } = aap.organismeIntermediaire;
  const layout = await PdfLayout.create({
    title: `${aap.reference} \u2014 ${aap.titre}`,
    author: `${sigle} \u2014 ${nom}`,
    subject: `Appel à projets ${aap.programme.code}, ${versionEnClair(aap).toLowerCase()}`,
    keywords: ['appel à projets', 'FSE', aap.programme.code, sigle, ...aap.plies.map((id) => nomPlie(aap, id))],
    createdAt: options.genereLe,
  });
  const bookmarks: Bookmark[] = [{ title: 'Couverture', target: layout.anchor() }];
  renderCouverture(layout, aap, fuseau);

  layout.runningHeader = `${sigle} \u00b7 ${aap.reference} \u00b7 ${aap.titre}`;
  layout.newPage();
  bookmarks.push({ title: 'Sommaire', target: layout.anchor() });
  const liste = groupes(layout, aap, options.plies);
  const renseigner = renderSommaire(layout, liste);

  liste.forEach((groupe, i) => {
    const cibles: Anchor[] = groupe.parties.map((partie) => {
      if (partie.pageNeuve) {
        layout.runningHeader = partie.pageNeuve;
        layout.newPage();
      } else {
        // Where the heading will land: a level-1 heading and its first lines move to the next page together.
        layout.ensureSpace(100);
      }
      const cible = layout.anchor();
      bookmarks.push({ title: partie.signet, target: cible });
      partie.rendre();
      return cible;
    });
    renseigner[i]?.(cibles);
  });
  addOutline(layout.doc, bookmarks);

  return layout.finish(`${aap.reference} \u00b7 Document généré le ${formatInstant(options.genereLe, fuseau)}`);
}
