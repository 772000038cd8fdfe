import type { RapportConsolide } from '#shared/domain/consolidation/consolider';
import { ENTETES, LIGNES_TABLEAU_1, LIGNES_TABLEAU_5, NON_RENSEIGNE, TITRES, type CodeTableau } from '#shared/domain/consolidation/libelles';
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
  /** The live year's tables Guichet does not record, and why. */
  nonRenseignes?: readonly { tableau: CodeTableau; raison: string }[];
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
    layout.bullets(r.avertissements.map((a) => `${a.tableau.replace(/^T(?=\d)/, 'Tableau ')} \u2014 ${a.message}`), { size: 9 });
  }
  const f = r.flux;
  if (f) {
    layout.heading(`Flux d’entrées et de sorties (tableau 1) \u2014 ${f.plieRepondants} PLIE`, 2, 120);
    if (f.plieSansDonnees.length) layout.paragraph(`Sans données : ${f.plieSansDonnees.join(', ')}.`, { size: 9 });
    grille(layout, [{ header: 'Indicateur', width: 3 }, { header: 'Valeur', width: 1.2, align: 'right' }], LIGNES_TABLEAU_1.map((l) => {
      const v = f[l.valeur] as number | null;
      const cells = [l.libelle, l.taux ? pct(v) : l.part ? `${n(v)} (${pct(f[l.part] as number | null)})` : n(v)];
      return l.gras ? { cells, bold: true } : cells;
    }), { size: 9, spaceAfter: 8 });
  }
  tableaux2a5(layout, annee, r);
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
  tableau3ter(layout, r);
  tableaux4et5(layout, r);
  if (input.nonRenseignes?.length) {
    layout.heading(`${NON_RENSEIGNE} (${input.nonRenseignes.length} tableaux)`, 2, 80);
    layout.bullets(input.nonRenseignes.map((x) => `${TITRES[x.tableau]} \u2014 ${x.raison}`), { size: 9 });
  }
  layout.heading('Ratios', 2);
  layout.field('Coût par participant', eur(r.ratios.coutParParticipant), 200, { bold: true });
  layout.field('dont financements directs', eur(r.ratios.coutDirectParParticipant), 200);
  layout.field('dont FSE', eur(r.ratios.fseParParticipant), 200);
  layout.field('Effet levier (FSE / 1 € communes-EPCI)', r.ratios.levierFse === null ? '\u2014' : n(r.ratios.levierFse), 200);
  return layout.finish(`Consolidation des PLIE \u00b7 ${oi} \u00b7 ${annee}`);
}

/** « Sur n PLIE », or the source did not say (a published consolidation without the count). */
const surPlie = (x: number | null) => (x === null ? 'nombre de PLIE non indiqué' : `${x} PLIE`);
const sans = (layout: PdfLayout, xs: readonly string[]) => { if (xs.length) layout.paragraph(`Sans données : ${xs.join(', ')}.`, { size: 9 }); };
const hf = (x: { total: number; hommes: number | null; femmes: number | null }) => [n(x.total), n(x.hommes), n(x.femmes)];

/** Tableaux 2, 2bis and 2ter: the parcours, their durations, the beneficiaries in ACI and SIAE. */
function tableaux2a5(layout: PdfLayout, annee: number, r: RapportConsolide) {
  const p = r.parcours;
  if (p) {
    layout.heading(`${TITRES.T2} \u2014 ${surPlie(p.plieRepondants)}`, 2, 120);
    sans(layout, p.plieSansDonnees);
    layout.paragraph(`Colonnes « au 31/12 » : ${ENTETES.T2.stock(annee)}. Colonnes « cumul » : ${ENTETES.T2.cumul(annee)}. Étapes par bénéficiaire : ${n(p.etapesParBeneficiaire)} (cumul ÷ bénéficiaires au 31/12, totaux déclarés).`, { size: 8.5 });
    grille(layout, [
      { header: ENTETES.T2.etape, width: 3.4 }, { header: 'Au 31/12 : total', width: 1, align: 'right' }, { header: 'Hommes', width: 0.9, align: 'right' }, { header: 'Femmes', width: 0.9, align: 'right' },
      { header: 'Cumul : total', width: 1, align: 'right' }, { header: 'Hommes', width: 0.9, align: 'right' }, { header: 'Femmes', width: 0.9, align: 'right' },
    ], [
      ...p.lignes.map((l) => ({ cells: [l.parent ? `\u2003${l.libelle}` : l.libelle, ...hf(l.stock), ...hf(l.cumul)], bold: !l.parent })),
      { cells: ['Total déclaré', ...hf(p.total.stock), ...hf(p.total.cumul)], bold: true, shade: true },
      ['Somme des types d’étape', n(p.sommeDesTypes.stock), '', '', n(p.sommeDesTypes.cumul), '', ''],
    ], { size: 7.5, spaceAfter: 8 });
  }
  const d = r.dureesParcours;
  if (d) {
    layout.heading(`${TITRES.T2bis} \u2014 ${surPlie(d.plieRepondants)}`, 2, 120);
    sans(layout, d.plieSansDonnees);
    layout.paragraph(`${d.periodes.length ? `${d.periodes.join(' ; ')}. ` : ''}Colonnes « nombre » : ${ENTETES.T2bis.nombre} ; colonnes « mois » : ${ENTETES.T2bis.duree} (moyennes pondérées par le nombre de bénéficiaires de chaque PLIE).`, { size: 8.5 });
    grille(layout, [
      { header: ENTETES.T2bis.sortie, width: 3 }, { header: 'Nombre : total', width: 1, align: 'right' }, { header: 'Hommes', width: 0.9, align: 'right' }, { header: 'Femmes', width: 0.9, align: 'right' },
      { header: 'Mois : total', width: 0.8, align: 'right' }, { header: 'Hommes', width: 0.8, align: 'right' }, { header: 'Femmes', width: 0.8, align: 'right' },
    ], d.lignes.map((l) => ({
      cells: [l.public === 'total' ? l.libelleSortie : `\u2003${l.libellePublic}`, ...hf(l.nombre), n(l.dureeMoyenne.total), n(l.dureeMoyenne.hommes), n(l.dureeMoyenne.femmes)],
      bold: l.public === 'total',
    })), { size: 7.5, spaceAfter: 8 });
  }
  const s = r.beneficiairesSiae;
  if (s) {
    layout.heading(`${TITRES.T2ter} \u2014 ${surPlie(s.plieRepondants)}`, 2, 120);
    sans(layout, s.plieSansDonnees);
    if (s.nota) layout.paragraph(s.nota, { size: 8.5 });
    for (const [titre, b] of [[ENTETES.T2ter.tous, s.tous], [ENTETES.T2ter.finances, s.financesParLePlie]] as const) {
      if (!b) continue;
      layout.heading(titre, 3, 80);
      grille(layout, [{ header: ENTETES.T2ter.structure, width: 2.4 }, { header: ENTETES.T2ter.total, width: 1, align: 'right' }, { header: `${ENTETES.T2ter.hommes} (%)`, width: 1, align: 'right' }, { header: `${ENTETES.T2ter.femmes} (%)`, width: 1, align: 'right' }], [
        ...b.lignes.map((l) => [l.libelle, n(l.total), pct(l.partHommes), pct(l.partFemmes)]),
        { cells: ['Total déclaré', n(b.totalImprime), '', ''], bold: true, shade: true },
        ['Somme des lignes', n(b.sommeLignes), '', ''],
      ], { size: 8, spaceAfter: 6 });
    }
    layout.field('Part des étapes financées par le PLIE', pct(s.partFinanceeParLePlie), 220, { bold: true });
  }
}

/** Tableau 3ter: the PLIE's funds to ACI and SIAE, shares of each function as printed and their euros (amount × share). */
function tableau3ter(layout: PdfLayout, r: RapportConsolide) {
  const t = r.financementsSiae;
  if (!t) return;
  layout.heading(`${TITRES.T3ter} \u2014 ${surPlie(t.plieRepondants)}`, 2, 120);
  sans(layout, t.plieSansDonnees);
  const cols = [{ header: ENTETES.T3ter.structure, width: 1.6 }, ...['Aide au démarrage', 'Encadrement technique', 'Accompagnement', 'Formation'].map((h) => ({ header: h, width: 1.3, align: 'right' as const })), { header: `${ENTETES.T3ter.total} (€)`, width: 1.4, align: 'right' as const }];
  const fonctions = ['demarrage', 'encadrement', 'accompagnement', 'formation'] as const;
  layout.paragraph(`${ENTETES.T3ter.fonctions}, en % du montant de chaque structure (recalculés des montants) :`, { size: 8.5 });
  grille(layout, cols, [
    ...t.lignes.map((l) => [l.libelle, ...fonctions.map((f) => pct(l.parts[f])), eur(l.montant)]),
    { cells: ['Total', ...fonctions.map((f) => pct(t.total.parts[f])), eur(t.total.montant)], bold: true, shade: true },
  ], { size: 7.5, spaceAfter: 6 });
  layout.paragraph(`${ENTETES.T3ter.fonctions}, en euros (montant × part) :`, { size: 8.5 });
  grille(layout, cols, [
    ...t.lignes.map((l) => [l.libelle, ...fonctions.map((f) => eur(l.euros[f])), eur(l.montant)]),
    { cells: ['Total', ...fonctions.map((f) => eur(t.total.euros[f])), eur(t.total.montant)], bold: true, shade: true },
  ], { size: 7.5, spaceAfter: 6 });
  if (t.totalImprime !== null) layout.field('Total déclaré', eur(t.totalImprime), 220);
  layout.field('Part des ACI', pct(t.partAci), 220, { bold: true });
}

/** Tableau 4 (distributions of the employment exits) and Tableau 5 (other data). */
function tableaux4et5(layout: PdfLayout, r: RapportConsolide) {
  const q = r.sortiesEmploi;
  if (q) {
    layout.heading(`${TITRES.T4} \u2014 ${surPlie(q.plieRepondants)}`, 2, 120);
    sans(layout, q.plieSansDonnees);
    if (q.nota) layout.paragraph(q.nota, { size: 8.5 });
    for (const d of q.distributions) {
      layout.heading(d.libelle, 3, 80);
      grille(layout, [{ header: ENTETES.T4.poste, width: 3 }, { header: ENTETES.T4.part, width: 1.3, align: 'right' }], [
        ...d.postes.map((p) => [p.libelle, pct(p.part)]),
        { cells: ['Total', pct(d.somme)], bold: true, shade: true },
      ], { size: 8, spaceAfter: 6 });
    }
  }
  const t = r.autresDonnees;
  if (t) {
    layout.heading(`${TITRES.T5} \u2014 ${surPlie(t.plieRepondants)}`, 2, 120);
    sans(layout, t.plieSansDonnees);
    grille(layout, [{ header: ENTETES.T5.donnee, width: 3.6 }, { header: ENTETES.T5.valeur, width: 1.3, align: 'right' }, { header: ENTETES.T5.parPlie, width: 1, align: 'right' }],
      LIGNES_TABLEAU_5.flatMap((l) => {
        const v = l.lire(t);
        return v ? [[l.libelle, l.euros ? eur(v.valeur) : n(v.valeur), l.euros ? eur(v.parPlie) : n(v.parPlie)]] : [];
      }), { size: 8, spaceAfter: 6 });
    const o = t.operations;
    if (o) {
      layout.heading('Opérations conventionnées dans l’année', 3, 80);
      grille(layout, [{ header: 'Type', width: 3.2 }, { header: 'Nombre', width: 0.9, align: 'right' }, { header: 'Montant réalisé', width: 1.4, align: 'right' }, { header: 'Montant moyen', width: 1.2, align: 'right' }], [
        { cells: ['Total déclaré', n(o.total.nombre), eur(o.total.montant), eur(o.total.montantMoyen)], bold: true, shade: true },
        ...o.parType.map((l) => [`dont ${l.libelle}`, n(l.nombre), eur(l.montant), eur(l.montantMoyen)]),
        ['Somme des « dont »', n(o.sommeDesTypes.nombre), eur(o.sommeDesTypes.montant), ''],
      ], { size: 8, spaceAfter: 6 });
    }
    if (t.nonAttribues.length) layout.bullets(t.nonAttribues.map((x) => `Chiffre non attribué : ${n(x.valeur)}${x.ligne ? ` (${x.ligne})` : ''} \u2014 ${x.note}`), { size: 8.5 });
  }
}
