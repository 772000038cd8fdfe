import { formatMontant, formatNombre, formatPourcentage } from '#shared/format';
import { OBLIGATIONS, REGLEMENT_PRINCIPAL, VISAS } from '#shared/domain/convention/obligations';
import { REGIMES_AIDE, type AnnexeFinanciere, type SignatureConvention, type VersionConvention } from '#shared/schemas/convention';
import type { LigneDepense } from '#shared/schemas/plan-financement';
import { formatSiret, typo } from './accuse-depot';
import { dateLongue } from './lettre-decision';
import { grille, type GrilleColumn, type GrilleRow } from './pdf/grille';
import { drawBandeau, drawReferenceDossier } from './pdf/furniture';
import { PdfLayout } from './pdf/layout';
import { truncate, wrap } from './pdf/text';

/**
 * The convention d’attribution between the organisme intermédiaire and the porteur of a programmed dossier, or one
 * of its avenants, with its annexe financière. A version is a whole document: an avenant states what it changes,
 * then prints the consolidated text. Rendered from the version only (no clock is read): its date is the sending
 * instant, else the preparation instant, so the same version always gives the same bytes — the PDF both parties
 * sign is the one rendered when the version is sent, and its signature block is driven by `v.signatures` alone.
 */

export interface OptionsConvention {
  /** A version still in preparation: every page says it is a draft, not a document to sign. */
  projet?: boolean;
}

const NBSP = '\u00a0';
const TIRET = '\u2014';
const TAILLE = 10;
const INTERLIGNE = 1.4;
const LARGEUR_LIBELLE = 150;
const MENTION_PROJET = `PROJET ${TIRET} document non signé`;

const STATUTS: Record<string, string> = {
  association: 'Association',
  collectivite_territoriale: 'Collectivité territoriale',
  etablissement_public: 'Établissement public',
  entreprise: 'Entreprise',
  structure_insertion: 'Structure d’insertion par l’activité économique',
  groupement_interet_public: 'Groupement d’intérêt public',
  autre: 'Autre statut',
};

const NATURES = { public: 'public', prive: 'privé' } as const;
const ATTESTATIONS = { prevue: 'attestation prévue', obtenue: 'attestation obtenue' } as const;

const CATEGORIES = {
  personnel: 'Dépenses de personnel',
  fonctionnement: 'Dépenses de fonctionnement',
  prestations: 'Prestations externes',
  participants: 'Dépenses liées aux participants',
  remunerationsParticipants: 'Rémunérations et indemnités des participants',
} as const;
type Categorie = keyof typeof CATEGORIES;

/** « Avenant n° 1 » for version 2: the initial convention is version 1. */
const numeroAvenant = (v: VersionConvention) => v.numero - 1;

/**
 * « Convention d’attribution d’une subvention du Fonds social européen », or « Avenant n° 1 à la convention … »;
 * with `coupure`, broken where the banner wants it.
 */
export function titreConvention(v: VersionConvention, coupure = ' '): string {
  const debut = v.nature === 'avenant' ? `Avenant n°${NBSP}${numeroAvenant(v)} à la convention d’attribution` : 'Convention d’attribution';
  return `${debut}${coupure}d’une subvention du Fonds social européen`;
}

const pct = (t: { pourcentage: string } | null) => t?.pourcentage ?? TIRET;

// ---------------------------------------------------------------- modifications of an avenant

const LIBELLES_CHEMIN: Record<string, string> = {
  'periode.debut': 'Début de la période de réalisation',
  'periode.fin': 'Fin de la période de réalisation',
  'objet.intitule': 'Intitulé de l’opération',
  'objet.objectifs': 'Objectifs de l’opération',
  'objet.territoire': 'Territoire de l’opération',
  fseConventionneCentimes: 'FSE conventionné',
  regimeAide: 'Régime d’aide d’État',
  'representant.nom': 'Représentant du bénéficiaire',
  'representant.qualite': 'Qualité du représentant',
  avancePct: 'Taux de l’avance',
  bilansIntermediaires: 'Nombre de bilans intermédiaires',
};

const LIBELLES_PLAN: Record<string, string> = {
  ...CATEGORIES,
  depenses: 'Dépenses',
  ressources: 'Ressources',
  indirects: 'Dépenses indirectes',
  personnelForfaitaire: 'Personnel au forfait',
  fseCentimes: 'FSE',
  cofinancements: 'cofinancement',
  autofinancementCentimes: 'Autofinancement',
  recettesCentimes: 'Recettes',
  montantCentimes: 'montant',
  libelle: 'libellé',
  financeur: 'financeur',
  nature: 'nature',
  contrepartieFse: 'contrepartie du FSE',
  attestation: 'attestation',
  mode: 'mode de calcul',
  option: 'option',
  cleRepartition: 'clé de répartition',
};

/** « Plan de financement — Dépenses de personnel, ligne 1, montant » from `plan.depenses.personnel[0].montantCentimes`. */
export function libelleChemin(chemin: string): string {
  const connu = LIBELLES_CHEMIN[chemin];
  if (connu) return connu;
  if (!chemin.startsWith('plan.')) return chemin;
  const morceaux = chemin
    .slice('plan.'.length)
    .split('.')
    // « Dépenses » adds nothing before the name of a category.
    .filter((m, i, tous) => !(m === 'depenses' && (tous[i + 1]?.replace(/\[.*$/, '') ?? '') in CATEGORIES))
    .map((m) => {
      const [, cle = m, rang] = /^([^[]*)(?:\[(\d+)\])?$/.exec(m) ?? [];
      const libelle = LIBELLES_PLAN[cle] ?? cle;
      return rang === undefined ? libelle : `${libelle}, ligne ${Number(rang) + 1}`;
    });
  return `Plan de financement ${TIRET} ${morceaux.join(', ')}`;
}

const estMontant = (chemin: string) => /Centimes$|fseConventionneCentimes$/.test(chemin);
const estDate = (valeur: unknown): valeur is string => typeof valeur === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(valeur);

/** A value of the modifications table, readable: dates in words, cents as euros, lines as « libellé : montant ». */
export function valeurModification(chemin: string, valeur: unknown): string {
  if (valeur === null || valeur === undefined) return TIRET;
  if (typeof valeur === 'number') {
    if (estMontant(chemin) && Number.isSafeInteger(valeur)) return formatMontant(valeur);
    if (chemin === 'avancePct') return formatPourcentage(valeur);
    return formatNombre(valeur);
  }
  if (typeof valeur === 'boolean') return valeur ? 'oui' : 'non';
  if (estDate(valeur)) return dateLongue(valeur);
  if (typeof valeur === 'string') {
    if (chemin === 'regimeAide') return REGIMES_AIDE[valeur as keyof typeof REGIMES_AIDE] ?? valeur;
    if (chemin.endsWith('.nature')) return NATURES[valeur as keyof typeof NATURES] ?? valeur;
    if (chemin.endsWith('.attestation')) return ATTESTATIONS[valeur as keyof typeof ATTESTATIONS] ?? valeur;
    return valeur;
  }
  if (Array.isArray(valeur)) return valeur.length ? valeur.map((e) => valeurModification(chemin, e)).join('\n') : TIRET;
  if (typeof valeur === 'object') {
    const o = valeur as Record<string, unknown>;
    if (typeof o.libelle === 'string' && typeof o.montantCentimes === 'number') return `${o.libelle}${NBSP}: ${formatMontant(o.montantCentimes)}`;
    if (typeof o.financeur === 'string' && typeof o.montantCentimes === 'number') return `${o.financeur}${NBSP}: ${formatMontant(o.montantCentimes)}`;
    if (o.mode === 'aucun') return 'aucune';
    if (o.mode === 'forfait') return `forfait (${String(o.option)})`;
    if (o.mode === 'reel' && typeof o.montantCentimes === 'number') return `coûts réels${NBSP}: ${formatMontant(o.montantCentimes)}`;
    return Object.entries(o)
      .map(([k, x]) => `${LIBELLES_PLAN[k] ?? k}${NBSP}: ${valeurModification(`${chemin}.${k}`, x)}`)
      .join('\n');
  }
  return String(valeur);
}

// ---------------------------------------------------------------- sections

function renderEntete(layout: PdfLayout, v: VersionConvention, projet: boolean): void {
  const c = v.contenu;
  drawBandeau(layout, { oi: c.parties.oi, titre: titreConvention(v, '\n'), tailleTitre: 16, hauteur: 96 });
  if (projet) {
    layout.callout(() => {
      layout.paragraph(MENTION_PROJET, { bold: true, size: 12, color: layout.theme.accent, spaceAfter: 2 });
      layout.paragraph('Version en préparation, communiquée pour information\u00a0: elle ne vaut pas engagement et n’est pas à signer.', {
        size: 9,
        color: layout.theme.discret,
      });
    }, 40);
    layout.space(8);
  }
  drawReferenceDossier(layout, c.dossier.reference);
  layout.field('Appel à projets', c.dossier.aapReference, LARGEUR_LIBELLE);
  layout.field('Fiche opération', `${c.dossier.ficheCode} ${TIRET} ${c.dossier.ficheTitre}`, LARGEUR_LIBELLE);
  layout.field('PLIE', c.dossier.plie, LARGEUR_LIBELLE);
  layout.field('Programme', c.programme.libelle, LARGEUR_LIBELLE);
  layout.field('Réglementation applicable', c.programme.reglement || REGLEMENT_PRINCIPAL[c.programme.code], LARGEUR_LIBELLE);
  if (v.nature === 'avenant') layout.field('Version', `n°${NBSP}${v.numero} (avenant n°${NBSP}${numeroAvenant(v)})`, LARGEUR_LIBELLE);
}

function renderParties(layout: PdfLayout, v: VersionConvention): void {
  const { oi, organisation, representant } = v.contenu.parties;
  const style = { size: TAILLE, leading: INTERLIGNE, spaceAfter: 6 };
  layout.heading('Entre les soussignés', 2);
  layout.paragraph(`L’organisme intermédiaire ${oi.sigle} ${TIRET} ${typo(oi.nom)}, ci-après «${NBSP}l’organisme intermédiaire${NBSP}»,`, style);
  layout.paragraph('d’une part, et', style);
  layout.field('Organisation', typo(organisation.nom), LARGEUR_LIBELLE, { bold: true });
  layout.field('SIRET', formatSiret(organisation.siret), LARGEUR_LIBELLE);
  layout.field('Statut juridique', STATUTS[organisation.statutJuridique] ?? organisation.statutJuridique, LARGEUR_LIBELLE);
  layout.field('Adresse', organisation.adresse, LARGEUR_LIBELLE);
  layout.field('Représentée par', `${representant.nom}, ${representant.qualite}`, LARGEUR_LIBELLE);
  layout.paragraph(`ci-après «${NBSP}le bénéficiaire${NBSP}», d’autre part.`, { ...style, spaceAfter: 4 });
}

function renderVisas(layout: PdfLayout, v: VersionConvention): void {
  const c = v.contenu;
  layout.heading('Visas', 2);
  const style = { size: 9.5, leading: INTERLIGNE, spaceAfter: 3 };
  for (const visa of VISAS[c.programme.code]) layout.paragraph(typo(visa), style);
  layout.paragraph(
    `Vu la décision de programmation ${c.programmation.referenceDeliberation} de l’organisme intermédiaire ${c.parties.oi.sigle} du ${dateLongue(c.programmation.dateDecision)}\u00a0;`,
    style,
  );
  layout.space(4);
  layout.paragraph('Il est convenu ce qui suit\u00a0:', { bold: true, size: TAILLE, leading: INTERLIGNE, spaceAfter: 4 });
}

const COLONNES_MODIFICATIONS: GrilleColumn[] = [
  { header: 'Stipulation modifiée', width: 2.4 },
  { header: 'Avant', width: 2 },
  { header: 'Après', width: 2 },
];

function renderAvenant(layout: PdfLayout, v: VersionConvention): void {
  const a = v.avenant;
  if (!a) return;
  const style = { size: TAILLE, leading: INTERLIGNE, spaceAfter: 6 };
  layout.heading('Objet de l’avenant', 1);
  layout.paragraph(`Le présent avenant n°${NBSP}${numeroAvenant(v)} modifie la convention d’attribution conclue pour le dossier ${v.contenu.dossier.reference}.`, style);
  layout.field('Motif', typo(a.motif), LARGEUR_LIBELLE);
  layout.field(
    'Décision de réexamen',
    a.decision ? `${a.decision.reference}, du ${dateLongue(a.decision.date)}` : 'Aucune',
    LARGEUR_LIBELLE,
  );
  layout.field('Renouvellement', a.renouvellement ? 'Oui, le présent avenant renouvelle la convention' : 'Non', LARGEUR_LIBELLE);
  layout.space(4);
  if (a.modifications.length === 0) {
    layout.paragraph('Aucune stipulation n’est modifiée.', style);
  } else {
    layout.paragraph('Les stipulations suivantes sont modifiées\u00a0:', style);
    const lignes: GrilleRow[] = a.modifications.map((m) => ({
      cells: [libelleChemin(m.chemin), typo(valeurModification(m.chemin, m.avant)), typo(valeurModification(m.chemin, m.apres))],
    }));
    grille(layout, COLONNES_MODIFICATIONS, lignes, { size: 8.5, spaceAfter: 8 });
  }
  layout.paragraph(
    'Les autres stipulations de la convention demeurent inchangées. La convention, ainsi modifiée, se lit comme suit\u00a0:',
    { ...style, bold: true },
  );
}

function article(layout: PdfLayout, numero: number, titre: string): void {
  layout.heading(`Article ${numero} ${TIRET} ${titre}`, 2);
}

const COLONNES_BILANS: GrilleColumn[] = [
  { header: 'N°', width: 0.5, align: 'center' },
  { header: 'Nature', width: 1.4 },
  { header: 'Période couverte jusqu’au', width: 2 },
  { header: 'À remettre au plus tard le', width: 2 },
];

function renderArticles(layout: PdfLayout, v: VersionConvention): number {
  const c = v.contenu;
  const style = { size: TAILLE, leading: INTERLIGNE, spaceAfter: 6 };
  let n = 0;

  article(layout, ++n, 'Objet');
  layout.paragraph(
    'La présente convention a pour objet de définir les conditions dans lesquelles le bénéficiaire réalise l’opération '
      + 'décrite ci-dessous et dans lesquelles l’organisme intermédiaire lui attribue une subvention du Fonds social européen (FSE).',
    style,
  );
  layout.field('Intitulé de l’opération', typo(c.objet.intitule), LARGEUR_LIBELLE, { bold: true });
  layout.field('Objectifs', typo(c.objet.objectifs), LARGEUR_LIBELLE);
  layout.field('Territoire', typo(c.objet.territoire), LARGEUR_LIBELLE);

  article(layout, ++n, 'Période de réalisation');
  layout.paragraph(`L’opération est réalisée du ${dateLongue(c.periode.debut)} au ${dateLongue(c.periode.fin)}.`, style);
  layout.paragraph(
    `Seules les dépenses engagées et réalisées au cours de cette période sont éligibles. La période d’éligibilité du programme s’achève le ${dateLongue(c.programme.finEligibilite)}.`,
    style,
  );

  article(layout, ++n, 'Montant de la subvention');
  const t = c.annexe.totaux;
  layout.paragraph(
    `L’organisme intermédiaire attribue au bénéficiaire une subvention FSE d’un montant maximal de ${formatMontant(c.fseConventionneCentimes)}, `
      + `soit un taux FSE de ${pct(c.annexe.tauxFse)} du coût total éligible de l’opération, fixé à ${formatMontant(t.coutTotal)} par l’annexe financière.`,
    style,
  );
  layout.field('FSE conventionné', formatMontant(c.fseConventionneCentimes), LARGEUR_LIBELLE, { bold: true });
  layout.field('Taux FSE', pct(c.annexe.tauxFse), LARGEUR_LIBELLE);
  layout.field(
    'Décision de programmation',
    `${c.programmation.referenceDeliberation}, du ${dateLongue(c.programmation.dateDecision)}`,
    LARGEUR_LIBELLE,
  );
  layout.paragraph(
    'Le montant définitif de la subvention est calculé au vu du bilan final, sur les dépenses éligibles effectivement réalisées et justifiées, '
      + 'dans la limite de ce montant et de ce taux.',
    style,
  );

  article(layout, ++n, 'Régime d’aide d’État');
  layout.paragraph(`L’opération relève du régime suivant\u00a0: ${REGIMES_AIDE[c.regimeAide] ?? c.regimeAide}.`, style);

  article(layout, ++n, 'Avance');
  if (c.avance.exemption) layout.paragraph(typo(c.avance.exemption), style);
  else if (c.avance.montantCentimes > 0) {
    layout.paragraph(
      `Une avance de ${formatPourcentage(c.avance.pct)} du FSE conventionné, soit ${formatMontant(c.avance.montantCentimes)}, est versée au bénéficiaire après la signature de la présente convention par les deux parties.`,
      style,
    );
  } else layout.paragraph('Aucune avance n’est versée.', style);

  article(layout, ++n, 'Calendrier des bilans');
  layout.paragraph('Le bénéficiaire remet ses bilans d’exécution selon le calendrier suivant\u00a0:', style);
  grille(
    layout,
    COLONNES_BILANS,
    c.bilans.map((b) => [String(b.numero), b.nature === 'final' ? 'Bilan final' : 'Bilan intermédiaire', dateLongue(b.periodeFin), dateLongue(b.echeance)]),
    { size: 9, spaceAfter: 8, keepTogether: true },
  );

  const obligations = OBLIGATIONS.filter((o) => c.obligations.includes(o.code));
  if (obligations.length) {
    article(layout, ++n, 'Obligations du bénéficiaire');
    for (const [i, o] of obligations.entries()) {
      layout.heading(`${n}.${i + 1}. ${o.titre}`, 3, 30);
      layout.paragraph(typo(o.texte), style);
    }
  }

  article(layout, ++n, 'Annexe');
  layout.paragraph('L’annexe financière jointe fait partie intégrante de la présente convention.', style);
  return n;
}

/** One party's signature column: who signs and when, from the version's signatures only; blank lines otherwise. */
type LigneSignature = [string, { bold?: boolean; size?: number; discret?: boolean }];

function colonneSignature(layout: PdfLayout, largeur: number, titre: string, partie: string, s: SignatureConvention | undefined): LigneSignature[] {
  const blanc = '_______________________________';
  return [
    [titre, { bold: true, size: TAILLE }],
    ...wrap(layout.clean(partie), layout.regular, 9, largeur).map((l): LigneSignature => [l, { size: 9, discret: true }]),
    ['', { size: 6 }],
    [s ? `Nom${NBSP}: ${s.nom}` : `Nom${NBSP}: ${blanc}`, { size: 9.5 }],
    [s ? `Qualité${NBSP}: ${s.qualite}` : `Qualité${NBSP}: ${blanc}`, { size: 9.5 }],
    [s ? `Signé le ${dateLongue(s.le, s.fuseau)}` : `Date${NBSP}: ${blanc}`, { size: 9.5 }],
    ['', { size: 6 }],
    [s ? 'Signature électronique' : 'Signature\u00a0:', { size: 9, discret: true }],
  ];
}

function renderSignatures(layout: PdfLayout, v: VersionConvention): void {
  const { oi, organisation } = v.contenu.parties;
  const porteur = v.signatures.find((s) => s.partie === 'porteur');
  const signatureOi = v.signatures.find((s) => s.partie === 'oi');
  const largeur = (layout.contentWidth - 24) / 2;
  const colonnes = [
    colonneSignature(layout, largeur, 'Pour l’organisation', typo(organisation.nom), porteur),
    colonneSignature(layout, largeur, 'Pour l’organisme intermédiaire', `${oi.sigle} ${TIRET} ${typo(oi.nom)}`, signatureOi),
  ];
  const hauteur = (l: LigneSignature[]) => l.reduce((h, [, s]) => h + (s.size ?? TAILLE) * 1.4, 0);
  layout.heading('Signatures', 2, Math.max(...colonnes.map(hauteur)) + 40);
  layout.paragraph('Fait en un exemplaire électronique, chaque partie signant le même document.', { size: 9.5, spaceAfter: 10 });
  const haut = layout.y;
  let bas = haut;
  colonnes.forEach((lignes, i) => {
    const x = layout.left + i * (largeur + 24);
    layout.y = haut;
    for (const [texte, style] of lignes) {
      const size = style.size ?? TAILLE;
      if (texte) {
        const ligne = truncate(layout.clean(texte), layout.font(style.bold), size, largeur);
        layout.drawLine(ligne, x, { bold: style.bold, size, color: style.discret ? layout.theme.discret : layout.theme.texte }, largeur);
      }
      layout.y -= size * 1.4;
    }
    bas = Math.min(bas, layout.y);
  });
  layout.y = bas - 40;
}

// ---------------------------------------------------------------- annexe financière

const COLONNES_DEPENSES: GrilleColumn[] = [
  { header: 'Catégorie', width: 2.2 },
  { header: 'Libellé', width: 3 },
  { header: 'Montant', width: 1.4, align: 'right' },
];
const COLONNES_RESSOURCES: GrilleColumn[] = [
  { header: 'Ressource', width: 2.4 },
  { header: 'Nature', width: 2.8 },
  { header: 'Montant', width: 1.4, align: 'right' },
];

function lignesCategorie(categorie: Categorie, lignes: readonly LigneDepense[], total: number, forfaitaire: boolean): GrilleRow[] {
  const libelle = CATEGORIES[categorie];
  if (forfaitaire) return [{ cells: [libelle, 'Forfait de personnel (art. 55 du règlement (UE) 2021/1060)', formatMontant(total)] }];
  if (lignes.length === 0) return [{ cells: [libelle, 'Aucune dépense', formatMontant(0)] }];
  const rows: GrilleRow[] = lignes.map((l, i) => ({ cells: [i === 0 ? libelle : '', typo(l.libelle), formatMontant(l.montantCentimes)] }));
  if (lignes.length > 1) rows.push({ cells: ['', `Sous-total ${libelle.charAt(0).toLowerCase()}${libelle.slice(1)}`, formatMontant(total)], bold: true });
  return rows;
}

function libelleIndirects(a: AnnexeFinanciere): string {
  const i = a.plan.indirects;
  switch (i.mode) {
    case 'aucun':
      return 'Aucune';
    case 'forfait':
      return `Forfait\u00a0: ${a.forfait?.libelle ?? i.option}`;
    case 'reel':
      return 'Coûts réels, selon la clé de répartition ci-dessous';
  }
}

function renderAnnexe(layout: PdfLayout, v: VersionConvention): void {
  const c = v.contenu;
  const a = c.annexe;
  const t = a.totaux;
  const style = { size: 9.5, leading: INTERLIGNE, spaceAfter: 4 };
  const note = { size: 8.5, color: layout.theme.discret, spaceAfter: 6 };
  layout.newPage();
  layout.heading('Annexe financière', 1);
  layout.paragraph(
    `Plan de financement de l’opération «${NBSP}${typo(c.objet.intitule)}${NBSP}» (dossier ${c.dossier.reference}), du ${dateLongue(c.periode.debut)} au ${dateLongue(c.periode.fin)}.`,
    style,
  );

  layout.heading('Dépenses', 2, 80);
  const depenses = a.plan.depenses;
  const categories: Categorie[] = ['personnel', 'fonctionnement', 'prestations', 'participants'];
  if ((depenses.remunerationsParticipants?.length ?? 0) > 0 || t.remunerationsParticipants > 0) categories.push('remunerationsParticipants');
  const lignes: GrilleRow[] = categories.flatMap((k) =>
    lignesCategorie(k, depenses[k] ?? [], t[k], k === 'personnel' && !!a.plan.personnelForfaitaire),
  );
  lignes.push({ cells: ['Total des dépenses directes', '', formatMontant(t.directs)], bold: true, shade: true });
  lignes.push({ cells: ['Dépenses indirectes', libelleIndirects(a), formatMontant(t.indirects)] });
  lignes.push({ cells: ['Coût total de l’opération', '', formatMontant(t.coutTotal)], bold: true, shade: true });
  grille(layout, COLONNES_DEPENSES, lignes, { size: 8.5, spaceAfter: 6 });
  const indirects = a.plan.indirects;
  if (indirects.mode === 'forfait' && a.forfait) {
    layout.paragraph(`Dépenses indirectes au taux forfaitaire de ${formatPourcentage(a.forfait.tauxPct)}. Base juridique\u00a0: ${a.forfait.source}.`, note);
  } else if (indirects.mode === 'reel') {
    layout.paragraph(`Clé de répartition des dépenses indirectes\u00a0: ${typo(indirects.cleRepartition)}`, note);
  }

  layout.heading('Ressources', 2, 80);
  const r = a.plan.ressources;
  const ressources: GrilleRow[] = [{ cells: ['Fonds social européen (FSE)', 'FSE conventionné', formatMontant(c.fseConventionneCentimes)], bold: true }];
  if (a.fseSolliciteCentimes !== c.fseConventionneCentimes) {
    ressources.push({ cells: ['', `Pour mémoire, FSE sollicité dans le plan\u00a0: ${formatMontant(a.fseSolliciteCentimes)}`, ''] });
  }
  for (const cf of r.cofinancements) {
    const nature = `Cofinancement ${NATURES[cf.nature]}${cf.contrepartieFse ? ', contrepartie du FSE' : ''}, ${ATTESTATIONS[cf.attestation]}`;
    ressources.push({ cells: [typo(cf.financeur), nature, formatMontant(cf.montantCentimes)] });
  }
  ressources.push({ cells: ['Autofinancement', '', formatMontant(t.autofinancement)] });
  ressources.push({ cells: ['Recettes', '', formatMontant(t.recettes)] });
  const total = t.ressources - t.fse + c.fseConventionneCentimes;
  ressources.push({ cells: ['Total des ressources', '', formatMontant(total)], bold: true, shade: true });
  grille(layout, COLONNES_RESSOURCES, ressources, { size: 8.5, spaceAfter: 8 });

  layout.heading('Taux', 2, 50);
  layout.paragraph(`Taux FSE\u00a0: ${pct(a.tauxFse)} du coût total de l’opération`, { ...style, bold: true, spaceAfter: 1 });
  layout.paragraph(`Contreparties\u00a0: ${pct(a.tauxContreparties)} du coût total de l’opération`, { ...style, spaceAfter: 6 });

  layout.heading('Règle de financement de la fiche opération', 2, 50);
  const regle = a.regle;
  if (!regle) layout.paragraph('La fiche opération ne fixe pas de règle de financement.', style);
  else {
    const base = regle.baseMinimum === 'cofinancements' ? 'des cofinancements de tiers' : 'des contreparties';
    layout.field('Cofinancement requis', regle.cofinancementRequis ? 'Oui' : 'Non', LARGEUR_LIBELLE + 40);
    layout.field(
      'Contreparties minimales',
      regle.minContrepartiesPct === null ? 'Aucun minimum' : `${formatPourcentage(regle.minContrepartiesPct)} du coût total (part ${base})`,
      LARGEUR_LIBELLE + 40,
    );
    layout.field('Taux FSE maximal', regle.maxFsePct === null ? 'Aucun plafond' : `${formatPourcentage(regle.maxFsePct)} du coût total`, LARGEUR_LIBELLE + 40);
  }

  layout.heading('Indicateurs', 2, 50);
  if (a.indicateurs.length === 0) layout.paragraph('Aucun indicateur n’est prévu.', style);
  else {
    grille(
      layout,
      [
        { header: 'Indicateur', width: 4 },
        { header: 'Unité', width: 1.4 },
        { header: 'Valeur prévue', width: 1.4, align: 'right' },
      ],
      a.indicateurs.map((i) => [typo(i.libelle), i.unite ?? TIRET, i.valeurPrevue === null ? TIRET : formatNombre(i.valeurPrevue)]),
      { size: 8.5, spaceAfter: 6 },
    );
  }
}

/**
 * Renders a version of the convention (the initial convention or an avenant) with its annexe financière. Pure and
 * deterministic: the PDF’s dates are the version’s sending instant (else its preparation instant), its producer and
 * creator are fixed, so the same version always gives the same bytes.
 * @throws RangeError on an invalid instant or date in the version.
 */
export async function renderConvention(v: VersionConvention, options: OptionsConvention = {}): Promise<Uint8Array> {
  const projet = options.projet === true;
  const c = v.contenu;
  const instant = v.envoyeeLe ?? v.prepareLe;
  const le = new Date(instant);
  if (Number.isNaN(le.getTime())) throw new RangeError(`Instant de la convention invalide : « ${instant} ».`);
  const { sigle, nom } = c.parties.oi;
  const nature = v.nature === 'avenant' ? `Avenant n°${NBSP}${numeroAvenant(v)}` : 'Convention';

  const layout = await PdfLayout.create({
    title: `${titreConvention(v)} ${TIRET} ${c.dossier.reference}${projet ? ` (${MENTION_PROJET})` : ''}`,
    author: `${sigle} ${TIRET} ${nom}`,
    subject: `${nature} du dossier ${c.dossier.reference} (${c.dossier.aapReference}, fiche ${c.dossier.ficheCode}), version ${v.numero}`,
    keywords: ['convention', 'FSE', c.dossier.reference, c.dossier.aapReference, c.dossier.ficheCode],
    createdAt: le,
  });

  const prefixe = projet ? `${MENTION_PROJET} \u00b7 ` : '';
  renderEntete(layout, v, projet);
  layout.runningHeader = `${prefixe}${sigle} \u00b7 ${nature} \u00b7 ${c.dossier.reference}`;
  renderParties(layout, v);
  renderVisas(layout, v);
  renderAvenant(layout, v);
  renderArticles(layout, v);
  renderSignatures(layout, v);
  renderAnnexe(layout, v);

  return layout.finish(`${prefixe}${nature} \u00b7 ${c.dossier.reference} \u00b7 version ${v.numero}`);
}
