/**
 * Past years' per-PLIE counts as a CSV (one line per PLIE-year, `;`-separated, UTF-8 with or without BOM): the
 * columns of Tableau 1 and Tableau 3 named in CSV_CONSOLIDATION. Each line becomes a snapshot or a per-line error in
 * French; a line whose total contradicts its components is imported and flagged (never corrected).
 */
import { parse } from 'csv-parse/sync';
import { COLONNES_FLUX_CSV as FLUX, FINANCEURS, InstantanePlie } from '../../schemas/consolidation';

export interface LigneRefusee { ligne: number; plie: string | null; messages: string[] }

const nombre = (v: string | undefined): number | undefined => {
  if (v === undefined || v.trim() === '') return undefined;
  const n = Number(v.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.'));
  return Number.isNaN(n) ? NaN : n;
};

export function lireCsvConsolidation(csv: string): { instantanes: { ligne: number; instantane: InstantanePlie }[]; refusees: LigneRefusee[] } {
  let lignes: Record<string, string>[];
  try {
    lignes = parse(csv.replace(/^\uFEFF/, ''), { columns: (h: string[]) => h.map((x) => x.trim().toLowerCase()), delimiter: ';', skip_empty_lines: true, trim: true, relax_column_count: false });
  } catch (e) {
    return { instantanes: [], refusees: [{ ligne: 1, plie: null, messages: [`Fichier CSV illisible : ${(e as Error).message}`] }] };
  }
  const instantanes: { ligne: number; instantane: InstantanePlie }[] = [];
  const refusees: LigneRefusee[] = [];
  lignes.forEach((l, i) => {
    const n = (c: string) => nombre(l[c]);
    const aFlux = Object.keys(FLUX).some((c) => l[c] !== undefined && l[c] !== '');
    const aFin = FINANCEURS.some((f) => l[`${f}_total`] !== undefined && l[`${f}_total`] !== '') || (l.fse_demande ?? '') !== '';
    const brut = {
      annee: n('annee'), plie: l.plie, libelle: l.libelle || l.plie,
      ...(aFlux ? { flux: Object.fromEntries(Object.entries(FLUX).map(([c, k]) => [k, n(c) ?? 0])) } : {}),
      ...(aFin ? {
        financements: {
          lignes: FINANCEURS.filter((f) => (l[`${f}_total`] ?? '') !== '').map((f) => ({
            financeur: f, total: n(`${f}_total`), directs: n(`${f}_directs`) ?? n(`${f}_total`), indirects: n(`${f}_indirects`) ?? 0,
          })),
          fseDemande: n('fse_demande') ?? 0, fseConsomme: n('fse_consomme') ?? 0,
        },
      } : {}),
      tauxImprimes: n('taux_sorties_positives_imprime') === undefined ? [] : [{ code: 'taux_sorties_positives', libelle: 'Taux de sorties positives (imprimé)', valeur: n('taux_sorties_positives_imprime') }],
    };
    const lu = InstantanePlie.safeParse(brut);
    if (lu.success) instantanes.push({ ligne: i + 2, instantane: lu.data });
    else refusees.push({ ligne: i + 2, plie: l.plie || null, messages: lu.error.issues.map((x) => `${x.path.join('.') || 'ligne'} : ${x.message}`) });
  });
  return { instantanes, refusees };
}
