import { formatDate, formatNombre, formatPourcentage } from '#shared/format';
import { nomPlie, normaliser } from '#shared/domain/aap/aap';
import type { Aap, EtapesParcours, FicheOperation, PieceAttendue, RegleFinancement } from '#shared/schemas/aap';
import type { ElementPuce, PdfLayout } from './pdf/layout';
import { table, type TableColumn } from './pdf/table';
import { rubrique } from './pdf/texte-riche';

/**
 * The section of the AAP document for one fiche opération; the caller starts it on a fresh page. What it prints is
 * the fiche as porteurs read it: its `notesInternes` are never drawn.
 */

const LARGEUR_LIBELLE = 128;

type Indicateur = FicheOperation['indicateurs'][number];

/** Libellé, cible and unité of each indicator (a fiche's indicators, a PLIE's quantified objectives). */
export function tableIndicateurs(layout: PdfLayout, indicateurs: readonly Indicateur[], entete = 'Indicateur'): void {
  const colonnes: TableColumn[] = [
    { header: entete, width: 6 },
    { header: 'Cible', width: 1.3, align: 'right', bold: true },
    { header: 'Unité', width: 2.7 },
  ];
  const lignes = indicateurs.map((i) => [i.libelle, i.cible === null ? '\u2014' : formatNombre(i.cible), i.unite ?? '']);
  table(layout, colonnes, lignes, { zebra: true });
}

/** "OS3 — Développer les projets…" for each code, the bare code when the programme does not list it. */
export function intitulesObjectifs(aap: Aap, codes: readonly string[]): string[] {
  return codes.map((code) => {
    const objectif = aap.programme.objectifsSpecifiques.find((o) => o.code === code);
    return objectif ? `${code} \u2014 ${objectif.libelle}` : code;
  });
}

/** What the minimum is a share of, in words: the domain checks one or the other (`financement/regles`). */
const BASES = {
  contreparties: 'en contreparties du FSE (cofinancements et autofinancement compris)',
  cofinancements: 'en cofinancements apportés par des tiers (autofinancement exclu)',
} as const;

/** The financing rule in words, one label / sentence pair per constraint. */
export function regleEnClair(regle: RegleFinancement): [libelle: string, texte: string][] {
  const base = BASES[regle.baseMinimum ?? 'contreparties'];
  return [
    [
      'Cofinancement requis',
      regle.cofinancementRequis
        ? 'Oui\u00a0: l’opération doit mobiliser au moins un cofinancement en plus de l’aide\u00a0FSE.'
        : 'Non\u00a0: aucun cofinancement n’est exigé par la fiche.',
    ],
    [
      'Contreparties minimum',
      regle.minContrepartiesPct === null
        ? 'Pas de minimum fixé par la fiche.'
        : `${formatPourcentage(regle.minContrepartiesPct)} du coût total de l’opération au moins, ${base}.`,
    ],
    [
      'Taux FSE maximum',
      regle.maxFsePct === null
        ? 'Pas de plafond fixé par la fiche (règles du programme).'
        : `${formatPourcentage(regle.maxFsePct)} du coût total de l’opération au plus.`,
    ],
  ];
}

function periode(fiche: FicheOperation): string {
  const dates = `Du ${formatDate(fiche.periode.debut)} au ${formatDate(fiche.periode.fin)}`;
  return fiche.periode.texte ? `${dates}\n${fiche.periode.texte}` : dates;
}

function liste(layout: PdfLayout, titre: string, items: readonly (string | ElementPuce)[]): void {
  if (items.length === 0) return;
  layout.heading(titre, 2);
  layout.bullets(items);
}

const UNE_DES_PIECES = 'une des pièces suivantes';

/** A pièce, or a group whose alternatives follow as sub-items (any one of them answers). */
function piece(p: PieceAttendue): string | ElementPuce {
  if (!p.alternatives?.length) return p.libelle;
  const ditLeChoix = normaliser(p.libelle).includes(normaliser(UNE_DES_PIECES));
  return { texte: ditLeChoix ? p.libelle : `${p.libelle} \u2014 ${UNE_DES_PIECES}\u00a0:`, sousElements: p.alternatives };
}

const COLONNES_ETAPES: TableColumn[] = [
  { header: 'Étape de parcours', width: 4.4 },
  { header: 'Pièces acceptées', width: 4.6 },
];

/** GP1's « Étapes de parcours et leurs justificatifs »: one table per class of étapes. */
function etapesParcours(layout: PdfLayout, etapes: EtapesParcours): void {
  layout.heading(etapes.titre, 2, 80);
  if (etapes.version) layout.paragraph(etapes.version, { color: layout.theme.discret, spaceAfter: 4 });
  for (const classe of etapes.classes) {
    layout.heading(classe.libelle ? `Classe ${classe.code} \u2014 ${classe.libelle}` : `Classe ${classe.code}`, 3, 60);
    table(layout, COLONNES_ETAPES, classe.etapes.map((e) => [e.libelle, e.piecesAcceptees.join(', ')]), { zebra: true });
  }
}

export function renderFiche(layout: PdfLayout, aap: Aap, fiche: FicheOperation): void {
  const { theme } = layout;
  layout.paragraph(`FICHE OPÉRATION ${fiche.code}`, { bold: true, size: 9.5, color: theme.accent, spaceAfter: 3 });
  layout.paragraph(`${fiche.code} \u2014 ${fiche.titre}`, { bold: true, size: 16, leading: 1.25 });
  layout.rule(theme.accent, 1.2, 4, 10);

  layout.field('PLIE', nomPlie(aap, fiche.plie), LARGEUR_LIBELLE);
  if (fiche.objectifsSpecifiques.length > 0) {
    const objectifs = intitulesObjectifs(aap, fiche.objectifsSpecifiques).join('\n');
    layout.field('Objectifs spécifiques', objectifs, LARGEUR_LIBELLE);
  }
  if (fiche.axeOperationnel) layout.field('Axe opérationnel', fiche.axeOperationnel, LARGEUR_LIBELLE);
  if (fiche.territoire) layout.field('Territoire', fiche.territoire, LARGEUR_LIBELLE);
  if (fiche.cible) layout.field('Public cible', fiche.cible, LARGEUR_LIBELLE);
  layout.field('Période de réalisation', periode(fiche), LARGEUR_LIBELLE);

  liste(layout, 'Axes stratégiques', fiche.axesStrategiques);
  rubrique(layout, 'Contexte', fiche.contexte);
  rubrique(layout, 'Objectifs', fiche.objectifs);
  rubrique(layout, 'Modalités de mise en œuvre', fiche.modalitesMiseEnOeuvre);
  rubrique(layout, 'Résultats attendus', fiche.resultatsAttendus);

  layout.heading('Indicateurs de réalisation', 2, 60);
  if (fiche.indicateurs.length === 0) {
    layout.paragraph('Aucun indicateur n’est fixé par la fiche.', { color: theme.discret, spaceAfter: 6 });
  } else {
    tableIndicateurs(layout, fiche.indicateurs);
  }

  liste(layout, 'Conditions de recevabilité', fiche.conditionsRecevabilite);
  liste(layout, 'Critères de sélection', fiche.criteresSelection);
  liste(layout, 'Conditions de financement', fiche.conditionsFinancement);

  layout.heading('Règle de financement', 2);
  for (const [libelle, texte] of regleEnClair(fiche.regleFinancement)) layout.field(libelle, texte, LARGEUR_LIBELLE);

  liste(layout, 'Autres contraintes', fiche.autresContraintes);

  const pieces = (etape: PieceAttendue['etape']) => fiche.piecesJustificatives.filter((p) => p.etape === etape).map(piece);
  liste(layout, 'Pièces à joindre au dépôt', pieces('depot'));
  liste(layout, 'Pièces justificatives de la réalisation', pieces('realisation'));
  if (fiche.etapesParcours) etapesParcours(layout, fiche.etapesParcours);
}
