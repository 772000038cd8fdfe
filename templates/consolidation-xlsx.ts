import ExcelJS from 'exceljs';
import type { RapportConsolide } from '#shared/domain/consolidation/consolider';
import { ENTETES, LIGNES_TABLEAU_1, LIGNES_TABLEAU_5, NON_RENSEIGNE, TITRES, type CodeTableau } from '#shared/domain/consolidation/libelles';

/** A sheet's name says how many PLIE the table rests on (31 characters at most). */
const surPlie = (n: number | null) => (n === null ? 'PLIE non indiqués' : `${n} PLIE`);

/** The same report as a workbook (exceljs): one sheet per table, typed numbers, the warnings with both figures. */
export async function classeurConsolidation(p: { oi: string; annee: number; rapport: RapportConsolide; direct?: { calculeLe: string } | null; nonRenseignes?: readonly { tableau: CodeTableau; raison: string }[]; filtre?: { programme: { code: string; libelle: string; portee: string; sansProgramme: string[] } | null } | null }): Promise<Uint8Array> {
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
    feuille(`T1 flux (${f.plieRepondants} PLIE)`, ['Indicateur', 'Valeur'], LIGNES_TABLEAU_1.map((l) => [l.taux ? `${l.libelle} (%)` : l.libelle, f[l.valeur] as number | null]), [undefined, '#,##0.##']);
  }
  const p2 = r.parcours;
  if (p2) {
    const hf = (x: { total: number; hommes: number | null; femmes: number | null }) => [x.total, x.hommes, x.femmes];
    feuille(`T2 parcours (${surPlie(p2.plieRepondants)})`, [ENTETES.T2.etape, ...ENTETES.sexes.map((s) => `${ENTETES.T2.stock(p.annee)} — ${s}`), ...ENTETES.sexes.map((s) => `${ENTETES.T2.cumul(p.annee)} — ${s}`)], [
      ...p2.lignes.map((l) => [l.parent ? `  ${l.libelle}` : l.libelle, ...hf(l.stock), ...hf(l.cumul)]),
      ['Total déclaré', ...hf(p2.total.stock), ...hf(p2.total.cumul)],
      ['Somme des types d’étape', p2.sommeDesTypes.stock, null, null, p2.sommeDesTypes.cumul, null, null],
      ['Étapes par bénéficiaire (cumul ÷ bénéficiaires au 31/12)', p2.etapesParBeneficiaire],
    ], [undefined, '#,##0', '#,##0', '#,##0', '#,##0', '#,##0', '#,##0']);
  }
  const d = r.dureesParcours;
  if (d) {
    feuille(`T2bis durées (${surPlie(d.plieRepondants)})`, ['Sortie', 'Public', ...ENTETES.sexes.map((s) => `${ENTETES.T2bis.nombre} — ${s}`), ...ENTETES.sexes.map((s) => `${ENTETES.T2bis.duree} — ${s}`)],
      d.lignes.map((l) => [l.libelleSortie, l.libellePublic, l.nombre.total, l.nombre.hommes, l.nombre.femmes, l.dureeMoyenne.total, l.dureeMoyenne.hommes, l.dureeMoyenne.femmes]),
      [undefined, undefined, '#,##0', '#,##0', '#,##0', '0.0', '0.0', '0.0']);
  }
  const s2 = r.beneficiairesSiae;
  if (s2) {
    feuille(`T2ter SIAE (${surPlie(s2.plieRepondants)})`, ['Bloc', ENTETES.T2ter.structure, ENTETES.T2ter.total, `${ENTETES.T2ter.hommes} (%)`, `${ENTETES.T2ter.femmes} (%)`], [
      ...([[ENTETES.T2ter.tous, s2.tous], [ENTETES.T2ter.finances, s2.financesParLePlie]] as const).flatMap(([bloc, b]) => (b ? [
        ...b.lignes.map((l) => [bloc, l.libelle, l.total, l.partHommes, l.partFemmes]),
        [bloc, 'Total déclaré', b.totalImprime, null, null], [bloc, 'Somme des lignes', b.sommeLignes, null, null],
      ] : [])),
      ['Part des étapes financées par le PLIE (%)', null, s2.partFinanceeParLePlie, null, null],
    ], [undefined, undefined, '#,##0.##', '0.00', '0.00']);
  }
  if (r.financements) {
    const t = r.financements;
    feuille(`T3 financements (${t.plieRepondants} PLIE)`, ['Financeur', 'Total (€)', 'Directs (€)', 'Indirects (€)'], [
      ...t.lignes.map((l) => [l.libelle, l.total, l.directs, l.indirects]),
      ['Sous-total mobilisés', t.sousTotalMobilises.total, t.sousTotalMobilises.directs, t.sousTotalMobilises.indirects],
      ['FSE demandé', t.fseDemande, null, null], ['FSE consommé', t.fseConsomme, null, null], ['Taux de réalisation du FSE (%)', t.tauxRealisationFse, null, null],
    ], [undefined, '#,##0.##', '#,##0', '#,##0']);
  }
  const t3 = r.financementsSiae;
  if (t3) {
    const fonctions = ['demarrage', 'encadrement', 'accompagnement', 'formation'] as const;
    const noms = ['Aide au démarrage', 'Encadrement technique', 'Accompagnement', 'Formation'];
    feuille(`T3ter SIAE (${surPlie(t3.plieRepondants)})`, [ENTETES.T3ter.structure, ...noms.map((x) => `${x} (%)`), ...noms.map((x) => `${x} (€)`), `${ENTETES.T3ter.total} (€)`, 'Part du total (%)'], [
      ...t3.lignes.map((l) => [l.libelle, ...fonctions.map((f) => l.parts[f]), ...fonctions.map((f) => l.euros[f]), l.montant, l.partDuTotal]),
      ['Total', ...fonctions.map((f) => t3.total.parts[f]), ...fonctions.map((f) => t3.total.euros[f]), t3.total.montant, 100],
      ['Total déclaré', null, null, null, null, null, null, null, null, t3.totalImprime, null],
    ], [undefined, '0.00', '0.00', '0.00', '0.00', '#,##0', '#,##0', '#,##0', '#,##0', '#,##0', '0.00']);
  }
  const t4 = r.sortiesEmploi;
  if (t4) {
    feuille(`T4 sorties emploi (${surPlie(t4.plieRepondants)})`, ['Répartition', ENTETES.T4.poste, `${ENTETES.T4.part} (%)`], [
      ...(t4.nota ? [[t4.nota, null, null]] : []),
      ...t4.distributions.flatMap((x) => [...x.postes.map((q) => [x.libelle, q.libelle, q.part]), [x.libelle, 'Total', x.somme]]),
    ], [undefined, undefined, '0.00']);
  }
  const t5 = r.autresDonnees;
  if (t5) {
    feuille(`T5 autres (${surPlie(t5.plieRepondants)})`, [ENTETES.T5.donnee, 'Nombre', 'Montant (€)', ENTETES.T5.parPlie, 'Montant moyen (€)'], [
      ...LIGNES_TABLEAU_5.flatMap((l) => { const v = l.lire(t5); return v ? [[l.libelle, l.euros ? null : v.valeur, l.euros ? v.valeur : null, v.parPlie, null]] : []; }),
      ...(t5.operations ? [
        ['Opérations conventionnées dans l’année — total déclaré', t5.operations.total.nombre, t5.operations.total.montant, t5.operations.total.parPlie, t5.operations.total.montantMoyen],
        ...t5.operations.parType.map((l) => [`dont ${l.libelle}`, l.nombre, l.montant, null, l.montantMoyen]),
        ['Somme des « dont »', t5.operations.sommeDesTypes.nombre, t5.operations.sommeDesTypes.montant, null, null],
      ] : []),
      ...t5.nonAttribues.map((x) => [`Chiffre non attribué (${x.ligne ?? x.plie}) : ${x.note}`, x.valeur, null, null, null]),
    ], [undefined, '#,##0.##', '#,##0', '#,##0.00', '#,##0.00']);
  }
  if (r.repartitions.length) {
    feuille('Répartitions', ['Tableau', 'Répartition', 'Ligne', 'Participants', 'PLIE'], r.repartitions.flatMap((x) => [
      ...x.lignes.map((l) => [x.tableau, x.libelle, l.libelle, l.valeur, x.plieRepondants]), [x.tableau, x.libelle, 'Total', x.total, x.plieRepondants],
    ]), [undefined, undefined, undefined, '#,##0']);
  }
  if (p.nonRenseignes?.length) feuille('Non renseignés', ['Tableau', NON_RENSEIGNE], p.nonRenseignes.map((x) => [TITRES[x.tableau], x.raison]));
  feuille('Ratios', ['Ratio', 'Valeur'], [
    ['Coût par participant (€)', r.ratios.coutParParticipant], ['dont financements directs (€)', r.ratios.coutDirectParParticipant], ['dont FSE (€)', r.ratios.fseParParticipant],
    ['Effet levier FSE / 1 € communes-EPCI', r.ratios.levierFse], ['Effet levier total / 1 € communes-EPCI', r.ratios.levierTotal],
  ], [undefined, '#,##0.00']);
  feuille('Avertissements', ['Tableau', 'PLIE', 'Message', 'Calculé', 'Imprimé'], r.avertissements.map((a) => [a.tableau, a.plie, a.message, a.calcule, a.imprime]));
  return new Uint8Array(await c.xlsx.writeBuffer());
}
