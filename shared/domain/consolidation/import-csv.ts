/**
 * Past years' per-PLIE counts as a CSV (one line per PLIE-year, `;`-separated, UTF-8 with or without BOM): the
 * columns of Tableau 1 and Tableau 3 named in CSV_CONSOLIDATION, and the optional columns of Tableaux 2 to 5
 * (COLONNES_TABLEAUX_CSV: t2_…, t2bis_…, t2ter_…, t3ter_…, t4_…, t5_…). Each line becomes a snapshot or a per-line
 * error in French naming the column; a line whose total contradicts its components is imported and flagged (never
 * corrected); an unknown column refuses the file (a misspelt column would otherwise be silently left out).
 */
import { parse } from 'csv-parse/sync';
import { COLONNES_FLUX_CSV as FLUX, CSV_CONSOLIDATION, FINANCEURS, InstantanePlie } from '../../schemas/consolidation';
import {
  CODES_DISTRIBUTIONS_T4, COLONNES_T5_CSV, COLONNES_TABLEAUX_CSV, DISTRIBUTIONS_T4, ETAPES_T2, FONCTIONS_SIAE, PUBLICS_T2BIS, SORTIES_T2BIS, STRUCTURES_SIAE, TYPES_OPERATIONS_T5,
} from '../../schemas/consolidation-tableaux';

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
  const connues = new Set<string>([...CSV_CONSOLIDATION, ...Object.values(COLONNES_TABLEAUX_CSV).flatMap((t) => t.colonnes)]);
  const inconnues = Object.keys(lignes[0] ?? {}).filter((c) => !connues.has(c));
  if (inconnues.length) {
    return { instantanes: [], refusees: [{ ligne: 1, plie: null, messages: [`Colonne${inconnues.length > 1 ? 's' : ''} inconnue${inconnues.length > 1 ? 's' : ''} : ${inconnues.join(', ')} (voir les colonnes attendues sur la page d’import).`] }] };
  }
  const instantanes: { ligne: number; instantane: InstantanePlie }[] = [];
  const refusees: LigneRefusee[] = [];
  lignes.forEach((l, i) => {
    const n = (c: string) => nombre(l[c]);
    const aFlux = Object.keys(FLUX).some((c) => l[c] !== undefined && l[c] !== '');
    const aFin = FINANCEURS.some((f) => l[`${f}_total`] !== undefined && l[`${f}_total`] !== '') || (l.fse_demande ?? '') !== '';
    const tableaux = tableauxDuCsv(l, n);
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
      ...tableaux.valeurs,
      tauxImprimes: n('taux_sorties_positives_imprime') === undefined ? [] : [{ code: 'taux_sorties_positives', libelle: 'Taux de sorties positives (imprimé)', valeur: n('taux_sorties_positives_imprime') }],
    };
    const lu = InstantanePlie.safeParse(brut);
    if (lu.success) instantanes.push({ ligne: i + 2, instantane: lu.data });
    else refusees.push({ ligne: i + 2, plie: l.plie || null, messages: lu.error.issues.map((x) => `${tableaux.colonnes.get(x.path.join('.')) ?? (x.path.join('.') || 'ligne')} : ${x.message}`) });
  });
  return { instantanes, refusees };
}

/**
 * Tableaux 2 to 5 of one CSV line: a table is present when one of its columns is filled; `colonnes` maps each value's
 * path in the snapshot to its column, so that an error names the column the user typed.
 */
function tableauxDuCsv(l: Record<string, string>, n: (c: string) => number | undefined) {
  const colonnes = new Map<string, string>();
  const rempli = (c: string) => (l[c] ?? '') !== '';
  const lire = (chemin: string, c: string) => { colonnes.set(chemin, c); return n(c); };
  const a = (t: keyof typeof COLONNES_TABLEAUX_CSV) => COLONNES_TABLEAUX_CSV[t].colonnes.some(rempli);
  const valeurs: Record<string, unknown> = {};
  if (a('parcours')) {
    const etapes = ETAPES_T2.filter((e) => rempli(`t2_${e.code}_stock`) || rempli(`t2_${e.code}_cumul`));
    valeurs.parcours = {
      total: { stock: { total: lire('parcours.total.stock.total', 't2_total_stock') }, cumul: { total: lire('parcours.total.cumul.total', 't2_total_cumul') } },
      lignes: etapes.map((e, k) => ({
        etape: e.code, stock: { total: lire(`parcours.lignes.${k}.stock.total`, `t2_${e.code}_stock`) }, cumul: { total: lire(`parcours.lignes.${k}.cumul.total`, `t2_${e.code}_cumul`) },
      })),
    };
  }
  if (a('dureesParcours')) {
    const cles = SORTIES_T2BIS.flatMap((so) => PUBLICS_T2BIS.map((p) => ({ so: so.code, p: p.code, c: `t2bis_${so.code}_${p.code}` }))).filter((x) => rempli(`${x.c}_nombre`) || rempli(`${x.c}_mois`));
    valeurs.dureesParcours = {
      lignes: cles.map((x, k) => ({ sortie: x.so, public: x.p, nombre: { total: lire(`dureesParcours.lignes.${k}.nombre.total`, `${x.c}_nombre`) }, dureeMoyenne: { total: lire(`dureesParcours.lignes.${k}.dureeMoyenne.total`, `${x.c}_mois`) } })),
    };
  }
  if (a('beneficiairesSiae')) {
    const bloc = (cle: 'tous' | 'financesParLePlie', suffixe: string) => {
      const ss = STRUCTURES_SIAE.filter((x) => rempli(`t2ter_${x.code}${suffixe}`));
      return { lignes: ss.map((x, k) => ({ structure: x.code, total: lire(`beneficiairesSiae.${cle}.lignes.${k}.total`, `t2ter_${x.code}${suffixe}`) })), totalImprime: lire(`beneficiairesSiae.${cle}.totalImprime`, `t2ter_total${suffixe}`) };
    };
    const finances = rempli('t2ter_total_finances') || STRUCTURES_SIAE.some((x) => rempli(`t2ter_${x.code}_finances`));
    valeurs.beneficiairesSiae = { tous: bloc('tous', ''), ...(finances ? { financesParLePlie: bloc('financesParLePlie', '_finances') } : {}) };
  }
  if (a('financementsSiae')) {
    const ss = STRUCTURES_SIAE.filter((x) => rempli(`t3ter_${x.code}_montant`) || FONCTIONS_SIAE.some((f) => rempli(`t3ter_${x.code}_${f.code}`)));
    valeurs.financementsSiae = {
      lignes: ss.map((x, k) => ({
        structure: x.code, montant: lire(`financementsSiae.lignes.${k}.montant`, `t3ter_${x.code}_montant`),
        parts: Object.fromEntries(FONCTIONS_SIAE.map((f) => [f.code, lire(`financementsSiae.lignes.${k}.parts.${f.code}`, `t3ter_${x.code}_${f.code}`)])),
      })),
      ...(rempli('t3ter_total_montant') ? { totalImprime: { montant: lire('financementsSiae.totalImprime.montant', 't3ter_total_montant') } } : {}),
    };
  }
  if (a('sortiesEmploi')) {
    valeurs.sortiesEmploi = {
      ...(rempli('t4_base') ? { base: lire('sortiesEmploi.base', 't4_base') } : {}),
      ...Object.fromEntries(CODES_DISTRIBUTIONS_T4.flatMap((d) => {
        const postes = DISTRIBUTIONS_T4[d].postes.filter((p) => rempli(`t4_${d}_${p.code.toLowerCase()}`));
        return postes.length ? [[d, { parts: postes.map((p, k) => ({ poste: p.code, part: lire(`sortiesEmploi.${d}.parts.${k}.part`, `t4_${d}_${p.code.toLowerCase()}`) })) }]] : [];
      })),
    };
  }
  if (a('autresDonnees')) {
    const t5: Record<string, Record<string, unknown>> = {};
    for (const [c, chemin] of Object.entries(COLONNES_T5_CSV)) {
      if (!rempli(c)) continue;
      let o: Record<string, unknown> = t5;
      for (const k of chemin.slice(0, -1)) o = (o[k] ??= {}) as Record<string, unknown>;
      o[chemin.at(-1)!] = lire(`autresDonnees.${chemin.join('.')}`, c);
    }
    const types = TYPES_OPERATIONS_T5.filter((t) => rempli(`t5_operations_${t.code}_nombre`) || rempli(`t5_operations_${t.code}_montant`));
    if (types.length || t5.operations) {
      const total = (t5.operations?.total ?? {}) as Record<string, unknown>;
      if (total.nombre === undefined) lire('autresDonnees.operations.total.nombre', 't5_operations_nombre');
      t5.operations = {
        total,
        parType: types.map((t, k) => ({
          type: t.code, nombre: lire(`autresDonnees.operations.parType.${k}.nombre`, `t5_operations_${t.code}_nombre`),
          ...(rempli(`t5_operations_${t.code}_montant`) ? { montant: lire(`autresDonnees.operations.parType.${k}.montant`, `t5_operations_${t.code}_montant`) } : {}),
        })),
      };
    }
    valeurs.autresDonnees = t5;
  }
  return { valeurs, colonnes };
}
