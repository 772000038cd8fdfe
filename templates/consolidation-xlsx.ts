import ExcelJS from 'exceljs';
import type { RapportConsolide } from '#shared/domain/consolidation/consolider';

/** The same report as a workbook (exceljs): one sheet per table, typed numbers, the warnings with both figures. */
export async function classeurConsolidation(p: { oi: string; annee: number; rapport: RapportConsolide; direct?: { calculeLe: string } | null; filtre?: { programme: { code: string; libelle: string; portee: string; sansProgramme: string[] } | null } | null }): Promise<Uint8Array> {
  const { rapport: r } = p;
  const c = new ExcelJS.Workbook();
  c.creator = 'Guichet';
  // Live figures are dated by their computation; imported years by the year's end (same snapshots, same bytes).
  c.created = p.direct ? new Date(p.direct.calculeLe) : new Date(Date.UTC(p.annee, 11, 31));
  if (p.direct) c.description = `Année en cours, chiffres en direct des données de Guichet, calculés le ${p.direct.calculeLe}.`;
  const programme = p.filtre?.programme ?? null;
  c.title = `Consolidation des PLIE — ${p.oi} — ${p.annee}${programme ? ` — ${programme.libelle}` : ''}`;
  if (programme) c.subject = programme.portee;
  const feuille = (nom: string, entetes: string[], lignes: (string | number | null)[][], formats: (string | undefined)[] = []) => {
    const f = c.addWorksheet(nom, { views: [{ state: 'frozen', ySplit: 1 }] });
    f.addRow(entetes).font = { bold: true };
    for (const l of lignes) f.addRow(l);
    f.columns.forEach((col, i) => {
      col.width = i === 0 ? 60 : 18;
      if (formats[i]) col.numFmt = formats[i]!;
    });
  };
  // A programme chosen: a first sheet names it and what it covers (Tableau 1 stays the PLIE's whole activity).
  if (programme) {
    feuille('Filtre', ['Filtre', 'Valeur'], [
      ['Programme', programme.libelle], ['Code du programme', programme.code], ['Portée', programme.portee],
      ...(programme.sansProgramme.length ? [['Instantanés importés « sans programme »', programme.sansProgramme.join(', ')]] : []),
    ]);
  }
  if (r.flux) {
    const f = r.flux;
    feuille(`T1 flux (${f.plieRepondants} PLIE)`, ['Indicateur', 'Valeur'], [
      ['Entrées dans l’année', f.entrees], ['En parcours durant la période', f.enParcoursDurant], ['En parcours à la fin (déclaré)', f.enParcoursFin],
      ['En parcours à la fin (calculé)', f.stockFinCalcule], ['Sorties positives', f.sortiesPositives], ['dont sur un emploi', f.dontEmploi],
      ['Sorties sans suite', f.sansSuite], ['dont abandons', f.dontAbandons], ['dont déménagements, décès, retraites', f.dontDemenagements], ['dont autres', f.dontAutres],
      ['Taux de sorties positives (%)', f.tauxSortiesPositives], ['Taux neutralisé (%)', f.tauxNeutralise],
    ], [undefined, '#,##0.##']);
  }
  if (r.financements) {
    const t = r.financements;
    feuille(`T3 financements (${t.plieRepondants} PLIE)`, ['Financeur', 'Total (€)', 'Directs (€)', 'Indirects (€)'], [
      ...t.lignes.map((l) => [l.libelle, l.total, l.directs, l.indirects]),
      ['Sous-total mobilisés', t.sousTotalMobilises.total, t.sousTotalMobilises.directs, t.sousTotalMobilises.indirects],
      ['FSE demandé', t.fseDemande, null, null], ['FSE consommé', t.fseConsomme, null, null], ['Taux de réalisation du FSE (%)', t.tauxRealisationFse, null, null],
    ], [undefined, '#,##0.##', '#,##0', '#,##0']);
  }
  if (r.repartitions.length) {
    feuille('Répartitions', ['Tableau', 'Répartition', 'Ligne', 'Participants', 'PLIE'], r.repartitions.flatMap((x) => [
      ...x.lignes.map((l) => [x.tableau, x.libelle, l.libelle, l.valeur, x.plieRepondants]), [x.tableau, x.libelle, 'Total', x.total, x.plieRepondants],
    ]), [undefined, undefined, undefined, '#,##0']);
  }
  feuille('Ratios', ['Ratio', 'Valeur'], [
    ['Coût par participant (€)', r.ratios.coutParParticipant], ['dont financements directs (€)', r.ratios.coutDirectParParticipant], ['dont FSE (€)', r.ratios.fseParParticipant],
    ['Effet levier FSE / 1 € communes-EPCI', r.ratios.levierFse], ['Effet levier total / 1 € communes-EPCI', r.ratios.levierTotal],
  ], [undefined, '#,##0.00']);
  feuille('Avertissements', ['Tableau', 'PLIE', 'Message', 'Calculé', 'Imprimé'], r.avertissements.map((a) => [a.tableau, a.plie, a.message, a.calcule, a.imprime]));
  return new Uint8Array(await c.xlsx.writeBuffer());
}
