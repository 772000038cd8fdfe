import { formatDate, formatNombre, formatPourcentage } from '#shared/format';
import type { Aap, FicheOperation, RegleFinancement } from '#shared/schemas/aap';
import type { PdfLayout } from './pdf/layout';
import { table, type TableColumn } from './pdf/table';

/** The section of the AAP document for one fiche opération; the caller starts it on a fresh page. */

const LARGEUR_LIBELLE = 128;

const COLONNES_INDICATEURS: TableColumn[] = [
  { header: 'Indicateur', width: 6 },
  { header: 'Cible', width: 1.3, align: 'right', bold: true },
  { header: 'Unité', width: 2.7 },
];

/** "OS3 — Développer les projets…" for each code, the bare code when the programme does not list it. */
export function intitulesObjectifs(aap: Aap, codes: readonly string[]): string[] {
  return codes.map((code) => {
    const objectif = aap.programme.objectifsSpecifiques.find((o) => o.code === code);
    return objectif ? `${code} \u2014 ${objectif.libelle}` : code;
  });
}

/** The financing rule in words, one label / sentence pair per constraint. */
export function regleEnClair(regle: RegleFinancement): [libelle: string, texte: string][] {
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
        : `${formatPourcentage(regle.minContrepartiesPct)} du coût total de l’opération au moins.`,
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

function liste(layout: PdfLayout, titre: string, items: readonly string[]): void {
  if (items.length === 0) return;
  layout.heading(titre, 2);
  layout.bullets(items);
}

export function renderFiche(layout: PdfLayout, aap: Aap, fiche: FicheOperation): void {
  const { theme } = layout;
  layout.paragraph(`FICHE OPÉRATION ${fiche.code}`, { bold: true, size: 9.5, color: theme.accent, spaceAfter: 3 });
  layout.paragraph(`${fiche.code} \u2014 ${fiche.titre}`, { bold: true, size: 16, leading: 1.25 });
  layout.rule(theme.accent, 1.2, 4, 10);

  layout.field('PLIE', fiche.plie, LARGEUR_LIBELLE);
  if (fiche.objectifsSpecifiques.length > 0) {
    const objectifs = intitulesObjectifs(aap, fiche.objectifsSpecifiques).join('\n');
    layout.field('Objectifs spécifiques', objectifs, LARGEUR_LIBELLE);
  }
  if (fiche.axeOperationnel) layout.field('Axe opérationnel', fiche.axeOperationnel, LARGEUR_LIBELLE);
  if (fiche.territoire) layout.field('Territoire', fiche.territoire, LARGEUR_LIBELLE);
  if (fiche.cible) layout.field('Public cible', fiche.cible, LARGEUR_LIBELLE);
  layout.field('Période de réalisation', periode(fiche), LARGEUR_LIBELLE);

  liste(layout, 'Axes stratégiques', fiche.axesStrategiques);

  layout.heading('Indicateurs de réalisation', 2, 60);
  if (fiche.indicateurs.length === 0) {
    layout.paragraph('Aucun indicateur n’est fixé par la fiche.', { color: theme.discret, spaceAfter: 6 });
  } else {
    const lignes = fiche.indicateurs.map((i) => [
      i.libelle,
      i.cible === null ? '\u2014' : formatNombre(i.cible),
      i.unite ?? '',
    ]);
    table(layout, COLONNES_INDICATEURS, lignes, { zebra: true });
  }

  liste(layout, 'Pièces justificatives', fiche.piecesJustificatives);
  liste(layout, 'Critères de sélection', fiche.criteresSelection);
  liste(layout, 'Conditions de financement', fiche.conditionsFinancement);

  layout.heading('Règle de financement', 2);
  for (const [libelle, texte] of regleEnClair(fiche.regleFinancement)) layout.field(libelle, texte, LARGEUR_LIBELLE);

  liste(layout, 'Autres contraintes', fiche.autresContraintes);
}
