import type { RapportConsolide } from '#shared/domain/consolidation/consolider';
import { grille } from './pdf/grille';
import { drawBandeau } from './pdf/furniture';
import { PdfLayout } from './pdf/layout';

/**
 * The consolidation report of one year (issue 16) as a PDF: the flows (Tableau 1) and the realised financing
 * (Tableau 3) with the number of PLIE behind each, the ratios, then every inconsistency with both figures. Dated by
 * the last import of its snapshots: the same snapshots give the same bytes.
 */
export interface RapportConsolidationInput {
  oi: string;
  annee: number;
  instantanes: { plie: string; libelle: string; source: string | null; importe: { le: string } | null }[];
  /** The current year's live figures: when they were computed (they date the document). */
  direct?: { calculeLe: string; plies?: Array<{ plie: string; participants: number; participantsTableau3?: number }> } | null;
  rapport: RapportConsolide;
  /** The filters applied: a programme chosen is named in the title and its scope stated under it. */
  filtre?: { programme: { code: string; libelle: string; portee: string } | null } | null;
}

const n = (x: number | null) => (x === null ? '\u2014' : new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }).format(x).replace(/\u202f/g, ' '));
const pct = (x: number | null) => (x === null ? '\u2014' : `${new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(x)} %`.replace(/\u202f/g, ' '));
const eur = (x: number | null) => (x === null ? '\u2014' : `${n(x)} \u20ac`);

export async function renderRapportConsolidation(input: RapportConsolidationInput): Promise<Uint8Array> {
  const { oi, annee, rapport: r } = input;
  const programme = input.filtre?.programme ?? null;
  const date = input.direct?.calculeLe ?? input.instantanes.flatMap((i) => (i.importe ? [i.importe.le] : [])).sort().at(-1) ?? `${annee}-12-31T00:00:00.000Z`;
  const layout = await PdfLayout.create({
    title: `Rapport de consolidation des PLIE \u2014 ${oi} \u2014 ${annee}${programme ? ` \u2014 ${programme.libelle}` : ''}`,
    author: oi,
    subject: `Flux de participants, financements réalisés et ratios des PLIE de ${oi} pour ${annee}`,
    keywords: ['PLIE', 'consolidation', 'sorties positives', 'FSE', String(annee)],
    createdAt: new Date(date),
  });
  drawBandeau(layout, { oi: { sigle: oi, nom: 'Rapports et consolidation des PLIE' }, titre: `Consolidation ${annee}`, tailleTitre: 19 });
  layout.runningHeader = `${oi} \u00b7 Consolidation des PLIE \u00b7 ${annee}${programme ? ` \u00b7 ${programme.code}` : ''}`;
  if (programme) {
    layout.paragraph(`Programme : ${programme.libelle}`, { size: 11, bold: true });
    layout.paragraph(programme.portee, { size: 9 });
  }
  layout.paragraph(`Chiffres de : ${input.instantanes.map((i) => i.libelle).join(' ; ')}.`, { size: 9 });
  if (input.direct) {
    const le = new Date(input.direct.calculeLe);
    layout.paragraph(`Année en cours, chiffres en direct des données de Guichet (fiches des participants, bilans contrôlés), calculés le ${le.toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' })} à ${le.toLocaleTimeString('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' })} : provisoires jusqu’à la fin de l’année.`, { size: 9, bold: true });
  }
  layout.paragraph('Taux et ratios recalculés à partir des effectifs et montants additionnés, jamais en moyenne des taux des PLIE.', { size: 9, color: layout.theme.discret });

  if (r.avertissements.length) {
    layout.heading(`Incohérences relevées (${r.avertissements.length})`, 2);
    layout.bullets(r.avertissements.map((a) => `${a.tableau} \u2014 ${a.message}`), { size: 9 });
  }
  const f = r.flux;
  if (f) {
    layout.heading(`Flux d’entrées et de sorties (tableau 1) \u2014 ${f.plieRepondants} PLIE`, 2, 120);
    if (f.plieSansDonnees.length) layout.paragraph(`Sans données : ${f.plieSansDonnees.join(', ')}.`, { size: 9 });
    grille(layout, [{ header: 'Indicateur', width: 3 }, { header: 'Valeur', width: 1.2, align: 'right' }], [
      ['Entrées dans l’année', n(f.entrees)],
      ['En parcours durant la période', n(f.enParcoursDurant)],
      ['En parcours à la fin (déclaré)', n(f.enParcoursFin)],
      ['En parcours à la fin (calculé)', n(f.stockFinCalcule)],
      ['Sorties positives', n(f.sortiesPositives)],
      ['dont sur un emploi', n(f.dontEmploi)],
      ['Sorties sans suite', n(f.sansSuite)],
      ['dont abandons', `${n(f.dontAbandons)} (${pct(f.partAbandons)})`],
      ['dont déménagements, décès, retraites', `${n(f.dontDemenagements)} (${pct(f.partDemenagements)})`],
      ['dont autres', `${n(f.dontAutres)} (${pct(f.partAutres)})`],
      { cells: ['Taux de sorties positives', pct(f.tauxSortiesPositives)], bold: true },
      ['Taux neutralisé', pct(f.tauxNeutralise)],
    ], { size: 9, spaceAfter: 8 });
  }
  for (const rep of r.repartitions) {
    layout.heading(`${rep.libelle} (${rep.tableau}) \u2014 ${rep.plieRepondants} PLIE`, 3, 80);
    grille(layout, [{ header: 'Ligne', width: 3 }, { header: 'Participants', width: 1.2, align: 'right' }], [
      ...rep.lignes.map((l) => [l.libelle, n(l.valeur)]),
      { cells: ['Total', n(rep.total)], bold: true },
    ], { size: 8.5, spaceAfter: 6 });
  }
  const t = r.financements;
  if (t) {
    layout.heading(`Financements réalisés (tableau 3) \u2014 ${t.plieRepondants} PLIE`, 2, 120);
    if (input.direct?.plies?.length) {
      const n3 = input.direct.plies.reduce((x, p) => x + (p.participantsTableau3 ?? 0), 0);
      layout.paragraph(`Bilans contrôlés des opérations programmées comptées : ${n(n3)} participant${n3 > 1 ? 's' : ''} en parcours dans ces opérations.`, { size: 9 });
    }
    if (t.plieSansDonnees.length) layout.paragraph(`Sans données : ${t.plieSansDonnees.join(', ')}.`, { size: 9 });
    grille(layout, [{ header: 'Financeur', width: 3 }, { header: 'Total', width: 1.3, align: 'right' }, { header: 'Directs', width: 1.3, align: 'right' }, { header: 'Indirects', width: 1.3, align: 'right' }], [
      ...t.lignes.map((l) => [l.libelle, eur(l.total), eur(l.directs), eur(l.indirects)]),
      { cells: ['Sous-total mobilisés', eur(t.sousTotalMobilises.total), eur(t.sousTotalMobilises.directs), eur(t.sousTotalMobilises.indirects)], bold: true },
    ], { size: 8.5, spaceAfter: 6 });
    layout.field('FSE demandé / consommé', `${eur(t.fseDemande)} / ${eur(t.fseConsomme)}`, 200);
    layout.field('Taux de réalisation du FSE', pct(t.tauxRealisationFse), 200, { bold: true });
  }
  layout.heading('Ratios', 2);
  layout.field('Coût par participant', eur(r.ratios.coutParParticipant), 200, { bold: true });
  layout.field('dont financements directs', eur(r.ratios.coutDirectParParticipant), 200);
  layout.field('dont FSE', eur(r.ratios.fseParParticipant), 200);
  layout.field('Effet levier (FSE / 1 € communes-EPCI)', r.ratios.levierFse === null ? '\u2014' : n(r.ratios.levierFse), 200);
  return layout.finish(`Consolidation des PLIE \u00b7 ${oi} \u00b7 ${annee}`);
}
