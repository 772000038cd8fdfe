import { motifSansVotes } from '#shared/domain/comite/comite';
import { formatMontant, FUSEAU_PAR_DEFAUT, heureMurale } from '#shared/format';
import type { Aap } from '#shared/schemas/aap';
import type { Dossier } from '#shared/schemas/dossier';
import { formatSiret } from './accuse-depot';
import { PdfLayout } from './pdf/layout';
import { measure, truncate, wrap } from './pdf/text';

export { motifSansVotes };

/**
 * The lettre de décision the organisme intermédiaire sends the porteur once its dossier has been through the comité
 * de pilotage (sélection, ajournement, rejet) or the OI’s own attribution (programmation). It states the decision,
 * its motif and, for a rejet, the voies de recours; it never reveals the instruction’s notes nor the comité’s votes.
 * Rendered from the decision only (no clock is read): the same input gives the same bytes.
 */

export type StatutDecisionLettre = 'selectionne' | 'ajourne' | 'rejete' | 'programme' | 'irrecevable';

export interface DecisionLettre {
  statut: StatutDecisionLettre;
  motif: string;
  /** ISO instant of the decision: the letter’s date and the PDF’s dates. */
  date: string;
  /** FSE selected or attributed; required for `selectionne` and `programme`. */
  montantFseCentimes: number | null;
  /** The comité de pilotage that examined the dossier: its PLIE and its date (AAAA-MM-JJ). */
  comite: { plie: string; date: string };
  /** ISO instant of the letter this one replaces: a programmation corrected after its letter was issued. */
  remplace?: string;
}

export interface LettreDecisionInput {
  dossier: Dossier;
  aap: Pick<Aap, 'reference' | 'titre' | 'organismeIntermediaire'>;
  decision: DecisionLettre;
}

const NBSP = '\u00a0';
const TAILLE = 10.5;
const INTERLIGNE = 1.45;

const MOIS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** Binds French guillemets to their text, so a line never ends with « or starts with ». */
const typo = (texte: string) => texte.replace(/«[ \t]+/g, `«${NBSP}`).replace(/[ \t]+»/g, `${NBSP}»`);

/** « 1er juin 2027 », « 15 juin 2027 » from the parts of a calendar date. */
function enToutesLettres(annee: number, mois: number, jour: number): string {
  return `${jour === 1 ? '1er' : jour}${NBSP}${MOIS[mois - 1] ?? String(mois)}${NBSP}${annee}`;
}

/**
 * A calendar date (AAAA-MM-JJ) or an instant, as a French letter writes it: « 15 juin 2027 ». An instant is read in
 * `fuseau`, so a decision taken at 00:30 in Paris carries the Paris date.
 */
export function dateLongue(valeur: string, fuseau: string = FUSEAU_PAR_DEFAUT): string {
  const jour = /^(\d{4})-(\d{2})-(\d{2})$/.exec(valeur);
  if (jour) return enToutesLettres(Number(jour[1]), Number(jour[2]), Number(jour[3]));
  const instant = new Date(valeur);
  if (Number.isNaN(instant.getTime())) throw new RangeError(`Date invalide : « ${valeur} ».`);
  const p = heureMurale(instant, fuseau);
  return enToutesLettres(Number(p.year), Number(p.month), Number(p.day));
}

/** The decision’s paragraphs, from the comité’s avis to what happens next. */
function corps(input: LettreDecisionInput, fuseau: string): { paragraphes: string[]; motif: string | null; recours: boolean } {
  const { dossier, aap, decision } = input;
  const oi = `l’organisme intermédiaire ${aap.organismeIntermediaire.sigle}`;
  // An irrecevable dossier never reached a comité: the phrase is built only for the decisions that did.
  const comite = () => `le comité de pilotage du ${decision.comite.plie}, réuni le ${dateLongue(decision.comite.date, fuseau)},`;
  const intitule = dossier.contenu.intitule.trim();
  const operation = intitule ? `votre opération «${NBSP}${typo(intitule)}${NBSP}»` : 'votre opération';
  const demande = `Vous avez déposé une demande de subvention du Fonds social européen (FSE) au titre de l’appel à projets ${aap.reference} \u2014 ${aap.titre}, sur la fiche opération ${dossier.ficheCode}.`;
  const motif = motifSansVotes(decision.motif);
  // The comité’s default « Avis favorable du comité. » only repeats the letter: no observation then.
  const observations = /^avis favorable du comit[ée]\.?$/i.test(motif) ? '' : motif;
  const montant = () => {
    if (decision.montantFseCentimes === null) {
      throw new RangeError(`Montant FSE requis pour une lettre de ${decision.statut === 'programme' ? 'programmation' : 'sélection'} (dossier ${dossier.reference}).`);
    }
    return formatMontant(decision.montantFseCentimes);
  };
  switch (decision.statut) {
    case 'selectionne':
      return {
        paragraphes: [
          demande,
          `J’ai le plaisir de vous informer que ${comite()} a émis un avis favorable à la sélection de ${operation} pour un montant FSE de ${montant()}.`,
          `Cet avis ne vaut pas attribution de la subvention\u00a0: la décision d’attribution relève du conseil d’administration de ${oi}, qui se prononcera lors de la programmation de l’opération. Vous serez informé de sa décision, puis une convention d’attribution vous sera proposée.`,
        ],
        motif: observations || null,
        recours: false,
      };
    case 'programme':
      return {
        paragraphes: [
          demande,
          `Après l’avis favorable du comité de pilotage du ${decision.comite.plie}, réuni le ${dateLongue(decision.comite.date, fuseau)}, j’ai le plaisir de vous informer qu’une subvention FSE vous est attribuée pour ${operation}, pour un montant de ${montant()}.`,
          'Une convention d’attribution vous sera adressée prochainement\u00a0: elle précise les conditions de réalisation de l’opération, les justificatifs à produire et les modalités de versement de la subvention.',
          ...(decision.remplace
            ? [`La décision de programmation ayant été corrigée, la présente lettre annule et remplace la lettre de décision du ${dateLongue(decision.remplace, fuseau)}.`]
            : []),
        ],
        motif: observations || null,
        recours: false,
      };
    case 'ajourne':
      return {
        paragraphes: [
          demande,
          `Je vous informe que ${comite()} a ajourné l’examen de ${operation}\u00a0: il n’a pas statué sur votre demande lors de cette séance.`,
          'Vous pourrez présenter à nouveau votre demande, complétée ou modifiée au vu du motif ci-dessous, lors d’un prochain comité de pilotage. Le service instructeur se tient à votre disposition pour en préparer l’examen.',
        ],
        motif: motif || 'Non précisé.',
        recours: false,
      };
    case 'rejete':
      return {
        paragraphes: [
          demande,
          `Je suis au regret de vous informer qu’après examen par ${comite()} ${operation} n’a pas été retenue pour un financement du FSE.`,
        ],
        motif: motif || 'Non précisé.',
        recours: true,
      };
    case 'irrecevable':
      return {
        paragraphes: [
          demande,
          `Je vous informe qu’après examen de sa recevabilité par le service instructeur de ${oi}, votre demande pour ${operation} n’est pas recevable\u00a0: elle ne sera pas présentée au comité de pilotage.`,
        ],
        motif: motif || 'Non précisé.',
        recours: true,
      };
  }
}

const OBJETS: Record<StatutDecisionLettre, string> = {
  selectionne: 'Avis favorable du comité de pilotage',
  programme: 'Attribution d’une subvention FSE',
  ajourne: 'Ajournement de l’examen de votre demande',
  rejete: 'Rejet de votre demande',
  irrecevable: 'Irrecevabilité de votre demande',
};

function renderEntete(layout: PdfLayout, input: LettreDecisionInput): void {
  const { page, theme } = layout;
  const { sigle, nom } = input.aap.organismeIntermediaire;
  const hauteurBandeau = 78;
  page.drawRectangle({ x: 0, y: page.getHeight() - hauteurBandeau, width: page.getWidth(), height: hauteurBandeau, color: theme.accent });
  layout.y = page.getHeight() - 24;
  layout.paragraph(sigle, { bold: true, size: 20, leading: 1.2, color: theme.blanc, spaceAfter: 2 });
  const ligneNom = truncate(layout.clean(nom), layout.regular, 9.5, layout.contentWidth);
  layout.paragraph(ligneNom, { size: 9.5, color: theme.blanc, spaceAfter: 1 });
  layout.paragraph('Organisme intermédiaire \u2014 Fonds social européen', { size: 8.5, color: theme.blanc });
  layout.y = page.getHeight() - hauteurBandeau - 28;
}

/** The addressee block, in the right half of the page (where a window envelope shows it). */
function renderDestinataire(layout: PdfLayout, input: LettreDecisionInput): void {
  const { theme } = layout;
  const { dossier } = input;
  const x = layout.left + layout.contentWidth * 0.52;
  const largeur = layout.right - x;
  const haut = layout.y;
  const lignes: [string, { bold?: boolean; size?: number; color?: typeof theme.texte }][] = [
    ...wrap(layout.clean(typo(dossier.organisationNom)), layout.bold, 11, largeur).map((l): [string, { bold: boolean; size: number }] => [l, { bold: true, size: 11 }]),
    [layout.clean(`SIRET ${formatSiret(dossier.siret)}`), { size: 9.5, color: theme.discret }],
    [layout.clean(`À l’attention du représentant légal`), { size: 9.5, color: theme.discret }],
  ];
  for (const [texte, style] of lignes) {
    layout.drawLine(texte, x, style, largeur);
    layout.y -= (style.size ?? 10) * 1.4;
  }
  layout.y = Math.min(layout.y, haut - 60) - 14;
}

function renderReferences(layout: PdfLayout, input: LettreDecisionInput, fuseau: string): void {
  const { dossier, aap, decision } = input;
  const { theme } = layout;
  const x = layout.left + layout.contentWidth * 0.52;
  layout.drawLine(layout.clean(`Le ${dateLongue(decision.date, fuseau)}`), x, { size: TAILLE }, layout.right - x);
  layout.y -= 26;
  const libelle = 86;
  const style = { size: 9, color: theme.discret };
  layout.field('Nos références', `Dossier ${dossier.reference}`, libelle, style);
  layout.field('Appel à projets', `${aap.reference} \u2014 ${aap.titre}`, libelle, style);
  layout.space(10);
  layout.paragraph(`Objet\u00a0: votre demande de subvention FSE \u2014 dossier ${dossier.reference}`, { bold: true, size: TAILLE, leading: INTERLIGNE });
  layout.paragraph(OBJETS[decision.statut], { size: 9.5, color: theme.discret, indent: measureObjet(layout), spaceAfter: 16 });
}

/** Indent that aligns the second line of the object under its text, after « Objet : ». */
const measureObjet = (layout: PdfLayout) => measure(layout.clean('Objet\u00a0: '), layout.bold, TAILLE);

function renderCorps(layout: PdfLayout, input: LettreDecisionInput, fuseau: string): void {
  const { theme } = layout;
  const { paragraphes, motif, recours } = corps(input, fuseau);
  const style = { size: TAILLE, leading: INTERLIGNE, spaceAfter: 9 };
  layout.paragraph('Madame, Monsieur,', { ...style, spaceAfter: 12 });
  for (const texte of paragraphes) layout.paragraph(texte, style);
  if (motif) {
    const etiquette = input.decision.statut === 'ajourne' || input.decision.statut === 'rejete' ? 'Motif de la décision' : 'Observations du comité';
    layout.callout(() => {
      layout.paragraph(etiquette, { bold: true, size: 9.5, color: theme.accent, spaceAfter: 2 });
      layout.paragraph(typo(motif), { size: TAILLE, leading: INTERLIGNE });
    }, 40);
    layout.space(10);
  }
  if (recours) {
    const { sigle } = input.aap.organismeIntermediaire;
    layout.ensureSpace(70);
    layout.paragraph('Voies et délais de recours', { bold: true, size: TAILLE, leading: INTERLIGNE, spaceAfter: 2 });
    layout.paragraph(
      `Vous pouvez contester cette décision par un recours gracieux auprès de l’organisme intermédiaire ${sigle}, dans un délai de deux mois à compter de la réception de la présente lettre, en exposant les éléments de nature à justifier un réexamen de votre demande.`,
      style,
    );
  }
  // The closing formula stays on the page of the signature.
  layout.ensureSpace(TAILLE * INTERLIGNE * 2 + 110);
  layout.paragraph(
    'Je vous prie d’agréer, Madame, Monsieur, l’expression de mes salutations distinguées.',
    { ...style, spaceAfter: 24 },
  );
}

function renderSignature(layout: PdfLayout, input: LettreDecisionInput): void {
  const { theme } = layout;
  const { sigle, nom } = input.aap.organismeIntermediaire;
  const x = layout.left + layout.contentWidth * 0.52;
  const largeur = layout.right - x;
  const lignes: [string, { bold?: boolean; size?: number; color?: typeof theme.texte }][] = [
    [`Pour l’organisme intermédiaire ${sigle},`, { size: TAILLE }],
    ...wrap(layout.clean(nom), layout.regular, 9, largeur).map((l): [string, { size: number; color: typeof theme.texte }] => [l, { size: 9, color: theme.discret }]),
    ['Le représentant habilité', { bold: true, size: TAILLE }],
  ];
  layout.ensureSpace(lignes.length * 15 + 50);
  for (const [texte, style] of lignes) {
    layout.drawLine(truncate(layout.clean(texte), layout.font(style.bold), style.size ?? TAILLE, largeur), x, style, largeur);
    layout.y -= (style.size ?? TAILLE) * 1.4;
  }
  layout.y -= 50;
}

/**
 * Renders the lettre de décision for a dossier. Pure and deterministic: the PDF’s dates are the decision instant,
 * its producer and creator are fixed, so the same input always gives the same bytes.
 * @throws RangeError on an invalid decision instant, or a sélection / programmation without an FSE amount.
 */
export async function renderLettreDecision(p: LettreDecisionInput): Promise<Uint8Array> {
  const { dossier, aap, decision } = p;
  const le = new Date(decision.date);
  if (Number.isNaN(le.getTime())) throw new RangeError(`Instant de décision invalide : « ${decision.date} ».`);
  const fuseau = dossier.depot?.fuseau ?? FUSEAU_PAR_DEFAUT;
  const { sigle, nom } = aap.organismeIntermediaire;
  // Check the body first: a sélection without its amount is refused before anything is drawn.
  corps(p, fuseau);

  const layout = await PdfLayout.create({
    title: `Lettre de décision \u2014 ${dossier.reference}`,
    author: `${sigle} \u2014 ${nom}`,
    subject: `Décision sur la demande de subvention FSE du dossier ${dossier.reference} (${aap.reference})`,
    keywords: ['lettre de décision', 'FSE', dossier.reference, aap.reference],
    createdAt: le,
  });

  renderEntete(layout, p);
  layout.runningHeader = `${sigle} \u00b7 Lettre de décision \u00b7 ${dossier.reference}`;
  renderDestinataire(layout, p);
  renderReferences(layout, p, fuseau);
  renderCorps(layout, p, fuseau);
  renderSignature(layout, p);

  return layout.finish(`Lettre de décision \u00b7 ${dossier.reference}`);
}
