import type { Plie } from '#shared/schemas/plie';
import { blocs } from '#shared/domain/texte/texte-riche';
import { tableIndicateurs } from './aap-fiche';
import type { PdfLayout } from './pdf/layout';
import { rubrique, texteRiche } from './pdf/texte-riche';

/** The section of the AAP document for one of its PLIE (`fiches`: the codes of the AAP's fiches it carries). */
export function renderPlie(layout: PdfLayout, plie: Plie, fiches: readonly string[]): void {
  const { theme } = layout;
  layout.paragraph('PLAN LOCAL POUR L’INSERTION ET L’EMPLOI', { bold: true, size: 9.5, color: theme.accent, spaceAfter: 3 });
  layout.paragraph(plie.nom, { bold: true, size: 16, leading: 1.25 });
  layout.rule(theme.accent, 1.2, 4, 10);
  if (plie.siteWeb) layout.field('Site web', plie.siteWeb);
  if (fiches.length > 0) layout.field('Fiches opérations', fiches.join(', '));

  rubrique(layout, 'Présentation', plie.presentation);

  const { texte, communes } = plie.territoire;
  if (blocs(texte).length > 0 || communes.length > 0) {
    layout.heading('Territoire', 2);
    texteRiche(layout, texte);
    if (communes.length > 0) layout.field('Périmètre', communes.join(', '));
  }
  rubrique(layout, 'Public cible', plie.publicCible);
  rubrique(layout, 'Conditions d’entrée', plie.conditionsEntree);

  if (plie.objectifsQuantitatifs.length > 0 || blocs(plie.objectifsTexte).length > 0) {
    layout.heading('Objectifs', 2, 60);
    if (plie.objectifsQuantitatifs.length > 0) tableIndicateurs(layout, plie.objectifsQuantitatifs, 'Objectif');
    texteRiche(layout, plie.objectifsTexte);
  }
  rubrique(layout, 'Critères de sortie', plie.criteresSortie);
  rubrique(layout, 'Gouvernance', plie.gouvernance);
}
