import { formatDate, formatInstant, formatMontant, formatNombre } from '#shared/format';
import type { Aap } from '#shared/schemas/aap';
import { nomMembre } from '#shared/domain/comite/sieges';
import type { Comite, DecisionComite, DeclarationConflit, ReglesComite } from '#shared/schemas/comite';
import type { Dossier } from '#shared/schemas/dossier';
import { grille, type GrilleColumn, type GrilleRow } from './pdf/grille';
import { drawBandeau } from './pdf/furniture';
import { PdfLayout } from './pdf/layout';
import { truncate, wrap } from './pdf/text';

/**
 * The procès-verbal of a comité de pilotage: the session (PLIE, date, place, president), attendance, the rules of
 * quorum and majority, the register of conflicts of interest, then per agenda dossier the votes, the members
 * excluded and the decision, and the state of the AAP’s FSE enveloppe after the session. Rendered from the stored
 * comité only (no clock is read): the same input gives the same bytes.
 */

export type DossierProcesVerbal = Pick<Dossier, 'id' | 'reference' | 'organisationNom' | 'ficheCode'> & { intitule: string };

export interface ProcesVerbalInput {
  comite: Comite;
  aap: Pick<Aap, 'reference' | 'titre' | 'organismeIntermediaire' | 'enveloppeFseCentimes'>;
  /** The agenda dossiers (any order: the PV follows `comite.ordreDuJour`). */
  dossiers: DossierProcesVerbal[];
  /** Every declaration of the session; only those with `conflit: true` enter the register. */
  conflits: DeclarationConflit[];
  /** User ids of the members present at the session. */
  presents: string[];
}


const LARGEUR_LIBELLE = 140;
/** Font size of `layout.field` rows (the layout's body size). */
const TAILLE_CHAMP = 10;
const NBSP = '\u00a0';

export const DECISIONS_EN_CLAIR: Record<DecisionComite['decision'], string> = {
  selectionne: 'Sélectionné',
  ajourne: 'Ajourné',
  rejete: 'Rejeté',
};

/** Binds French guillemets to their text, so a line never ends with « or starts with ». */
const typo = (texte: string) => texte.replace(/«[ \t]+/g, `«${NBSP}`).replace(/[ \t]+»/g, `${NBSP}»`);

/** The quorum rule in words. */
export function quorumEnClair(regles: ReglesComite): string {
  if (regles.quorum.type === 'moitie_plus_un') return 'plus de la moitié des membres sans conflit d’intérêts';
  const n = regles.quorum.nombre;
  return `${formatNombre(n, 0)}${NBSP}${n > 1 ? 'membres' : 'membre'}`;
}

/** The majority rule in words. */
export function majoriteEnClair(regles: ReglesComite): string {
  return regles.majorite === 'simple' ? 'majorité simple des suffrages exprimés' : 'deux tiers des suffrages exprimés';
}

/** « Pour : 3, Contre : 1, Abstention : 0 » (no-break space before each colon). */
export const votesEnClair = (d: Pick<DecisionComite, 'pour' | 'contre' | 'abstention'>) =>
  `Pour${NBSP}: ${d.pour}, Contre${NBSP}: ${d.contre}, Abstention${NBSP}: ${d.abstention}`;

/** « 15/06/2027 à 14:00 »: the session’s local date and time as entered. */
function dateSeance(comite: Comite): string {
  const heure = /^(\d{2}):(\d{2})/.exec(comite.heure);
  return heure ? `${formatDate(comite.date)} à ${heure[1]}:${heure[2]}` : formatDate(comite.date);
}

function renderEntete(layout: PdfLayout, input: ProcesVerbalInput): void {
  drawBandeau(layout, {
    oi: input.aap.organismeIntermediaire,
    titre: 'Procès-verbal du comité de pilotage',
    tailleTitre: 22,
    sousTitre: `${input.comite.plie} \u00b7 séance du ${formatDate(input.comite.date)}`,
    hauteur: 104,
  });
}

function renderSeance(layout: PdfLayout, input: ProcesVerbalInput): void {
  const { comite, aap } = input;
  const { sigle, nom } = aap.organismeIntermediaire;
  layout.field('PLIE', comite.plie, LARGEUR_LIBELLE, { bold: true });
  layout.field('Appel à projets', `${aap.reference} \u2014 ${aap.titre}`, LARGEUR_LIBELLE);
  layout.field('Organisme intermédiaire', `${sigle} \u2014 ${nom}`, LARGEUR_LIBELLE);
  layout.field('Date et heure', `${dateSeance(comite)} (${comite.fuseau})`, LARGEUR_LIBELLE);
  layout.field('Lieu', comite.lieu.trim() || 'Non précisé', LARGEUR_LIBELLE);
  layout.field('Président de séance', nomMembre(comite, comite.president, true), LARGEUR_LIBELLE);
  const n = comite.ordreDuJour.length;
  layout.field('Ordre du jour', `${n} ${n > 1 ? 'dossiers' : 'dossier'}`, LARGEUR_LIBELLE);
}

function renderPresences(layout: PdfLayout, input: ProcesVerbalInput): void {
  const { comite } = input;
  const presents = new Set(input.presents);
  layout.heading('Composition du comité et présences', 2, 70);
  // The president first, then the members in the order of the comité.
  const membres = [comite.president, ...comite.membres.filter((m) => m !== comite.president)];
  const lignes = membres.map((m) => [nomMembre(comite, m, true), m === comite.president ? 'Président' : 'Membre', presents.has(m) ? 'présent' : 'absent']);
  const colonnes: GrilleColumn[] = [
    { header: 'Membre', width: 4.6 },
    { header: 'Rôle', width: 1.4 },
    { header: 'Présence', width: 1.2, align: 'center' },
  ];
  grille(layout, colonnes, lignes, { size: 9, spaceAfter: 4 });
  const nombre = membres.filter((m) => presents.has(m)).length;
  layout.paragraph(`${nombre} ${nombre > 1 ? 'membres présents' : 'membre présent'} sur ${membres.length}.`, { size: 9.5, spaceAfter: 4 });
}

function renderRegles(layout: PdfLayout, input: ProcesVerbalInput): void {
  const { regles } = input.comite;
  layout.heading('Règles de délibération', 2, 60);
  layout.field('Quorum', `${quorumEnClair(regles)}, apprécié pour chaque dossier parmi les membres ayant pris part au vote.`, LARGEUR_LIBELLE);
  layout.field('Majorité', `${majoriteEnClair(regles)}\u00a0; les abstentions ne sont pas des suffrages exprimés.`, LARGEUR_LIBELLE);
}

function renderConflits(layout: PdfLayout, input: ProcesVerbalInput, references: Map<string, string>): void {
  const { comite } = input;
  layout.heading('Registre des conflits d’intérêts', 2, 70);
  const rang = new Map(comite.ordreDuJour.map((id, i) => [id, i]));
  const declares = input.conflits
    .filter((c) => c.conflit)
    .map((c, i) => ({ c, i }))
    .sort((a, b) => (rang.get(a.c.dossierId) ?? Infinity) - (rang.get(b.c.dossierId) ?? Infinity) || a.i - b.i)
    .map(({ c }) => c);
  if (declares.length === 0) {
    layout.paragraph('Aucun membre n’a déclaré de conflit d’intérêts sur les dossiers inscrits à l’ordre du jour.', { spaceAfter: 4 });
  } else {
    const colonnes: GrilleColumn[] = [
      { header: 'Membre', width: 2.4 },
      // Wide enough for a whole reference on one line: a reference cut in two reads as two.
      { header: 'Dossier', width: 3.6, size: 8.5 },
      { header: 'Commentaire', width: 2.7 },
    ];
    const lignes = declares.map((c) => [nomMembre(comite, c.membre), references.get(c.dossierId) ?? c.dossierId, typo(c.commentaire.trim()) || '\u2014']);
    grille(layout, colonnes, lignes, { size: 9, spaceAfter: 4 });
  }
  layout.paragraph(
    'Les membres ayant déclaré un conflit d’intérêts sur un dossier n’ont pas eu accès aux notes de son instruction '
      + 'et n’ont pas pris part au vote le concernant\u00a0; ils ne sont pas comptés pour le quorum de ce dossier.',
    { size: 9, color: layout.theme.discret, spaceAfter: 4 },
  );
}

type Champ = [libelle: string, valeur: string, gras?: boolean];

/** The rows of one dossier’s entry: identification, then the votes and the decision once deliberated. */
function champsDossier(id: string, dossier: DossierProcesVerbal | undefined, decision: DecisionComite | undefined, nommer: (membre: string) => string): Champ[] {
  const champs: Champ[] = [
    ['Porteur de projet', typo(dossier?.organisationNom ?? '') || 'Non renseigné'],
    ['Fiche opération', dossier?.ficheCode || '\u2014'],
    ['Intitulé de l’opération', typo(dossier?.intitule ?? '') || 'Non renseigné'],
  ];
  if (!dossier) champs.unshift(['Identifiant', id]);
  if (!decision) return [...champs, ['Décision', 'Non délibéré', true]];
  const exclus = decision.exclus.length > 0 ? `${decision.exclus.map(nommer).join(', ')} (conflit d’intérêts)` : 'Aucun';
  champs.push(
    ['Votes', votesEnClair(decision)],
    ['Membres exclus du vote', exclus],
    ['Décision', DECISIONS_EN_CLAIR[decision.decision], true],
    ['Motif', typo(decision.motif.trim()) || '\u2014'],
  );
  if (decision.decision === 'selectionne') champs.push(['Montant FSE sélectionné', formatMontant(decision.montantFseCentimes), true]);
  return champs;
}

/** Height `layout.field` will take for these rows (same wrapping, same line pitch, same space after). */
function hauteurChamps(layout: PdfLayout, champs: readonly Champ[]): number {
  const pas = TAILLE_CHAMP * 1.35;
  return champs.reduce((h, [libelle, valeur, gras]) => {
    const libelles = wrap(layout.clean(libelle), layout.bold, TAILLE_CHAMP - 0.5, LARGEUR_LIBELLE - 10).length;
    const valeurs = wrap(layout.clean(valeur), layout.font(gras), TAILLE_CHAMP, layout.contentWidth - LARGEUR_LIBELLE).length;
    return h + Math.max(libelles, valeurs) * pas + 3;
  }, 0);
}

function renderDossiers(layout: PdfLayout, input: ProcesVerbalInput, dossiers: Map<string, DossierProcesVerbal>): void {
  const { comite } = input;
  const { theme } = layout;
  const titre = (i: number, id: string) => `${i + 1}. ${dossiers.get(id)?.reference ?? id}`;
  const hauteurTitre = (texte: string) => 8 + wrap(layout.clean(texte), layout.bold, 10.5, layout.contentWidth).length * 10.5 * 1.3 + 2;
  const entrees = comite.ordreDuJour.map((id, i) => {
    const champs = champsDossier(id, dossiers.get(id), comite.decisions.find((d) => d.dossierId === id), (m) => nomMembre(comite, m));
    return { id, champs, hauteur: hauteurTitre(titre(i, id)) + hauteurChamps(layout, champs) };
  });
  // Keep the section title with the whole first entry.
  layout.heading('Examen des dossiers', 1, Math.min(entrees[0]?.hauteur ?? 40, 240));
  entrees.forEach(({ id, champs, hauteur }, i) => {
    // Each entry stays on one page (the whole of it, rule included), unless it is taller than a page.
    if (hauteur + 6 <= layout.top - layout.bottom) layout.ensureSpace(hauteur + 6);
    if (i > 0 && !layout.atPageTop) layout.rule(theme.bordure, 0.4, 2, 2);
    layout.heading(titre(i, id), 3, 40);
    for (const [libelle, valeur, gras] of champs) layout.field(libelle, valeur, LARGEUR_LIBELLE, gras ? { bold: true } : {});
  });
}

const COLONNES_RECAPITULATIF: GrilleColumn[] = [
  { header: 'N°', width: 0.45, align: 'right' },
  { header: 'Dossier', width: 3.45, size: 8.5 },
  { header: 'Porteur de projet', width: 2.5 },
  { header: 'Décision', width: 1.1 },
  { header: 'FSE sélectionné', width: 1.5, align: 'right' },
];

function renderRecapitulatif(layout: PdfLayout, input: ProcesVerbalInput, dossiers: Map<string, DossierProcesVerbal>): number {
  const { comite } = input;
  layout.heading('Récapitulatif des décisions', 1, 80);
  let total = 0;
  const lignes: GrilleRow[] = comite.ordreDuJour.map((id, i) => {
    const dossier = dossiers.get(id);
    const decision = comite.decisions.find((d) => d.dossierId === id);
    const selectionne = decision?.decision === 'selectionne';
    if (selectionne) total += decision.montantFseCentimes;
    return {
      cells: [
        String(i + 1),
        dossier?.reference ?? id,
        typo(dossier?.organisationNom ?? ''),
        decision ? DECISIONS_EN_CLAIR[decision.decision] : 'Non délibéré',
        selectionne ? formatMontant(decision.montantFseCentimes) : '\u2014',
      ],
    };
  });
  lignes.push({ cells: ['', 'Total sélectionné en séance', '', '', formatMontant(total)], bold: true, shade: true });
  grille(layout, COLONNES_RECAPITULATIF, lignes, { size: 8.5, spaceAfter: 6 });
  return total;
}

function renderEnveloppe(layout: PdfLayout, input: ProcesVerbalInput, seance: number): void {
  const { comite, aap } = input;
  const { theme } = layout;
  layout.heading('Enveloppe FSE de l’appel à projets', 2, 100);
  const e = comite.enveloppe;
  const colonnes: GrilleColumn[] = [
    { header: 'Situation de l’enveloppe après la séance', width: 4.6 },
    { header: 'Montant', width: 1.6, align: 'right' },
  ];
  if (!e) {
    const montant = aap.enveloppeFseCentimes === null ? 'Enveloppe non définie' : formatMontant(aap.enveloppeFseCentimes);
    layout.field('Enveloppe FSE', montant, LARGEUR_LIBELLE);
    layout.paragraph('La situation de l’enveloppe est arrêtée à la clôture de la séance, qui n’est pas encore intervenue.', {
      size: 9,
      color: theme.discret,
      spaceAfter: 4,
    });
    return;
  }
  const consommee = e.programmeCentimes + e.selectionneCentimes;
  const lignes: GrilleRow[] = [
    { cells: ['Enveloppe FSE de l’appel à projets', e.enveloppeCentimes === null ? 'Enveloppe non définie' : formatMontant(e.enveloppeCentimes)] },
    { cells: ['FSE programmé (attribué par l’organisme intermédiaire)', formatMontant(e.programmeCentimes)] },
    { cells: ['FSE sélectionné, non encore programmé', formatMontant(e.selectionneCentimes)] },
    { cells: ['dont sélectionné au cours de la présente séance', formatMontant(seance)] },
    { cells: ['Enveloppe consommée (programmé + sélectionné)', formatMontant(consommee)], bold: true },
  ];
  if (e.enveloppeCentimes !== null) {
    lignes.push({ cells: ['Enveloppe restante', formatMontant(e.enveloppeCentimes - consommee)], bold: true, shade: true });
  }
  grille(layout, colonnes, lignes, { size: 9, spaceAfter: 4, keepTogether: true });
  if (e.enveloppeCentimes === null) {
    layout.paragraph('Enveloppe non définie\u00a0: l’appel à projets ne fixe pas de plafond FSE, aucun montant restant n’est calculé.', {
      size: 9,
      color: theme.discret,
      spaceAfter: 4,
    });
  }
}

function renderCloture(layout: PdfLayout, input: ProcesVerbalInput): void {
  const { comite } = input;
  const { theme } = layout;
  layout.space(10);
  layout.ensureSpace(150);
  const cloture = comite.closLe
    ? `Séance close le ${formatInstant(comite.closLe, comite.fuseau)}.`
    : 'Séance non close à la date d’édition du présent procès-verbal.';
  layout.paragraph(cloture, { bold: true, spaceAfter: 4 });
  layout.paragraph('Le présent procès-verbal est établi pour servir et valoir ce que de droit.', { size: 9.5, spaceAfter: 18 });

  // Signature block in the right half of the page.
  const largeur = layout.contentWidth / 2;
  const x = layout.right - largeur;
  const lignes: [string, { bold?: boolean; size?: number; color?: typeof theme.texte }][] = [
    ['Le président du comité de pilotage', { bold: true }],
    [nomMembre(comite, comite.president), { size: 9.5, color: theme.discret }],
  ];
  for (const [texte, style] of lignes) {
    const ligne = truncate(layout.clean(texte), layout.font(style.bold), style.size ?? 10, largeur);
    layout.drawLine(ligne, x, style, largeur);
    layout.y -= (style.size ?? 10) * 1.35;
  }
  layout.y -= 8;
  layout.drawLine(layout.clean('Date et signature\u00a0:'), x, { size: 8.5, color: theme.discret }, largeur);
  const bas = layout.y - 58;
  layout.page.drawRectangle({ x, y: bas, width: largeur, height: 46, borderColor: theme.bordure, borderWidth: 0.5 });
  layout.y = bas - 6;
}

/**
 * Renders the procès-verbal of a comité de pilotage. Pure and deterministic: the PDF’s dates are the closing
 * instant (the creation instant while the session is not closed), its producer and creator are fixed, so the same
 * input always gives the same bytes.
 * @throws RangeError on an invalid closing or creation instant, or a session date not shaped AAAA-MM-JJ.
 */
export async function renderProcesVerbal(p: ProcesVerbalInput): Promise<Uint8Array> {
  const { comite, aap } = p;
  const instant = comite.closLe ?? comite.creeLe;
  const dateDocument = new Date(instant);
  if (Number.isNaN(dateDocument.getTime())) throw new RangeError(`Instant de clôture invalide : « ${instant} ».`);
  const { sigle, nom } = aap.organismeIntermediaire;
  const dateComite = formatDate(comite.date);

  const layout = await PdfLayout.create({
    title: `Procès-verbal du comité de pilotage \u2014 ${comite.plie} \u2014 ${dateComite}`,
    author: `${sigle} \u2014 ${nom}`,
    subject: `Procès-verbal du comité de pilotage du ${comite.plie} du ${dateComite} (${aap.reference})`,
    keywords: ['procès-verbal', 'comité de pilotage', 'FSE', comite.plie, aap.reference],
    createdAt: dateDocument,
  });

  const dossiers = new Map(p.dossiers.map((d) => [d.id, d]));
  const references = new Map(p.dossiers.map((d) => [d.id, d.reference]));

  renderEntete(layout, p);
  layout.runningHeader = `${sigle} \u00b7 Procès-verbal du comité de pilotage \u00b7 ${comite.plie} \u00b7 ${dateComite}`;
  renderSeance(layout, p);
  renderPresences(layout, p);
  renderRegles(layout, p);
  renderConflits(layout, p, references);
  renderDossiers(layout, p, dossiers);
  const seance = renderRecapitulatif(layout, p, dossiers);
  renderEnveloppe(layout, p, seance);
  renderCloture(layout, p);

  return layout.finish(`Procès-verbal \u00b7 ${aap.reference} \u00b7 ${comite.plie} \u00b7 séance du ${dateComite}`);
}
