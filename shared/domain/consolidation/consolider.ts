/**
 * The PLIE report and the consolidation over several PLIE (issue 16; seed 000, notes « consolidation-plie-2006 »),
 * pure. Figures are sums of counts and euros (BigInt); every rate and ratio is recomputed from the summed counts —
 * never a mean of PLIE rates (the seed's own column 10 of Tableau 1 shows what averaging rates does). Each table says
 * how many PLIE it rests on; a PLIE without the table is listed. Printed figures are compared, never copied: every gap
 * becomes a warning carrying both figures.
 */
import type { CodeTaux, FinancementsRealises, FluxParticipants, InstantanePlie } from '../../schemas/consolidation';
import { FINANCEURS, LIBELLES_FINANCEURS } from '../../schemas/consolidation';
import { consoliderTableaux } from './tableaux';

/** A rate in %, rounded half up to the hundredth, from two integer counts; null when the denominator is 0. */
export function pourcentage(numerateur: number | bigint, denominateur: number | bigint): number | null {
  const n = BigInt(numerateur);
  const d = BigInt(denominateur);
  if (d === 0n) return null;
  return Number((n * 20_000n + d) / (2n * d)) / 100;
}

/** A quotient rounded half up to the cent (€ per participant, leverage ratios). */
export function quotient(numerateur: number | bigint, denominateur: number | bigint): number | null {
  const n = BigInt(numerateur);
  const d = BigInt(denominateur);
  if (d === 0n) return null;
  return Number((n * 200n + d) / (2n * d)) / 100;
}

export interface Avertissement {
  code: 'SOMME_LIGNES' | 'STOCK_FIN' | 'DONT_SUPERIEUR' | 'TAUX_IMPRIME' | 'SOUS_TOTAL_IMPRIME' | 'DIRECTS_INDIRECTS' | 'FSE_CONSOMME'
    | 'CUMUL_INFERIEUR_STOCK' | 'HOMMES_FEMMES' | 'PARTS_100' | 'PART_IMPRIMEE' | 'FINANCES_SUPERIEURS' | 'RATIO_ETAPES';
  tableau: string;
  plie: string;
  annee: number;
  message: string;
  /** The figure the counts give, and the one printed or stated. */
  calcule: number | null;
  imprime: number | null;
}

const CHAMPS_FLUX = ['entrees', 'enParcoursDurant', 'enParcoursFin', 'sortiesPositives', 'dontEmploi', 'sansSuite', 'dontAbandons', 'dontDemenagements', 'dontAutres'] as const;
type Flux = Record<(typeof CHAMPS_FLUX)[number], bigint>;
export const fr = (x: number | bigint | null) => (x === null ? '—' : new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }).format(Number(x)).replace(/\u202f/g, ' '));

/** The rates of a flux, from its counts: total sorties = positives + sans suite (seed l.477–480). */
export function tauxDuFlux(f: Flux) {
  const sorties = f.sortiesPositives + f.sansSuite;
  return {
    totalSorties: Number(sorties),
    tauxSortiesPositives: pourcentage(f.sortiesPositives, sorties),
    /** Positives over exits less moves, deaths and retirements (seed l.234–237). */
    tauxNeutralise: pourcentage(f.sortiesPositives, sorties - f.dontDemenagements),
    partAbandons: pourcentage(f.dontAbandons, sorties),
    partDemenagements: pourcentage(f.dontDemenagements, sorties),
    partAutres: pourcentage(f.dontAutres, sorties),
    stockFinCalcule: Number(f.enParcoursDurant - sorties),
    stockOuverture: Number(f.enParcoursDurant - f.entrees),
  };
}

function controlesFlux(i: { plie: string; annee: number }, f: FluxParticipants): Avertissement[] {
  const a: Avertissement[] = [];
  const base = { tableau: 'T1', plie: i.plie, annee: i.annee };
  const fin = f.enParcoursDurant - f.sortiesPositives - f.sansSuite;
  if (fin !== f.enParcoursFin) {
    a.push({ ...base, code: 'STOCK_FIN', calcule: fin, imprime: f.enParcoursFin, message: `En parcours à la fin : ${fr(f.enParcoursFin)} déclarés, ${fr(fin)} selon les flux (en parcours durant la période − sorties positives − sorties sans suite).` });
  }
  if (f.dontEmploi > f.sortiesPositives) {
    a.push({ ...base, code: 'DONT_SUPERIEUR', calcule: f.sortiesPositives, imprime: f.dontEmploi, message: `Sorties sur un emploi (${fr(f.dontEmploi)}) supérieures au total des sorties positives (${fr(f.sortiesPositives)}).` });
  }
  const sansSuite = f.dontAbandons + f.dontDemenagements + f.dontAutres;
  if (sansSuite !== f.sansSuite) {
    a.push({ ...base, code: 'SOMME_LIGNES', calcule: sansSuite, imprime: f.sansSuite, message: `Sorties sans suite : ${fr(f.sansSuite)} déclarées, ${fr(sansSuite)} en additionnant abandons, déménagements et autres.` });
  }
  return a;
}

function controlesFinancements(i: { plie: string; annee: number }, t: FinancementsRealises): Avertissement[] {
  const a: Avertissement[] = [];
  const base = { tableau: 'T3', plie: i.plie, annee: i.annee };
  for (const l of t.lignes) {
    // « Chiffres arrondis » (seed l.1513): a euro of gap is rounding.
    if (Math.abs(l.directs + l.indirects - l.total) > 1) {
      a.push({ ...base, code: 'DIRECTS_INDIRECTS', calcule: l.directs + l.indirects, imprime: l.total, message: `${l.libelle ?? LIBELLES_FINANCEURS[l.financeur]} : directs + indirects = ${fr(l.directs + l.indirects)} €, total déclaré ${fr(l.total)} €.` });
    }
  }
  const s = t.sousTotalImprime;
  if (s) {
    // The seed labels its figures « chiffres arrondis »: a gap of a euro per line is rounding, not an error.
    const tolerance = t.lignes.length;
    for (const col of ['total', 'directs', 'indirects'] as const) {
      const somme = t.lignes.reduce((x, l) => x + l[col], 0);
      if (Math.abs(somme - s[col]) > tolerance) {
        a.push({ ...base, code: 'SOUS_TOTAL_IMPRIME', calcule: somme, imprime: s[col], message: `Sous-total des financements mobilisés (${col}) : ${fr(s[col])} € imprimés, ${fr(somme)} € en additionnant les lignes.` });
      }
    }
  }
  if (t.fseConsomme > t.fseDemande) {
    a.push({ ...base, code: 'FSE_CONSOMME', calcule: t.fseDemande, imprime: t.fseConsomme, message: `FSE consommé (${fr(t.fseConsomme)} €) supérieur au FSE demandé (${fr(t.fseDemande)} €).` });
  }
  const fse = t.lignes.find((l) => l.financeur === 'fse');
  if (fse && fse.total !== t.fseConsomme) {
    a.push({ ...base, code: 'FSE_CONSOMME', calcule: fse.total, imprime: t.fseConsomme, message: `FSE consommé déclaré ${fr(t.fseConsomme)} €, ligne FSE des financements ${fr(fse.total)} €.` });
  }
  return a;
}

const TABLEAU_DU_TAUX: Record<CodeTaux, string> = {
  taux_sorties_positives: 'T1', part_abandons_sorties: 'T1', part_demenagements_sorties: 'T1', part_autres_sorties: 'T1',
  taux_realisation_fse: 'T3', cout_par_participant: 'T3', etapes_par_beneficiaire: 'T2', part_aci_financements_siae: 'T3ter',
};

/** Tolerances when a source rounded its rates: half a point for a % (seed l.476 prints 42 for 41,95), ±0,5 % for a cost. */
function ecartTaux(code: CodeTaux, calcule: number, imprime: number): boolean {
  if (code === 'cout_par_participant') return Math.abs(calcule - imprime) > calcule * 0.005;
  // A ratio printed to the unit (« 3 actions ou étapes », l.699): half a unit.
  if (code === 'etapes_par_beneficiaire') return Math.abs(calcule - imprime) > 0.5;
  return Math.abs(calcule - imprime) > 0.5;
}

const sommeFlux = (fs: readonly FluxParticipants[]): Flux =>
  Object.fromEntries(CHAMPS_FLUX.map((c) => [c, fs.reduce((s, f) => s + BigInt(f[c]), 0n)])) as Flux;

/**
 * The report over `instantanes` (one PLIE-year, or several PLIE of the same year for a consolidation): summed
 * counts, rates and ratios recomputed from them, the number of PLIE behind each table, those missing it, and every
 * inconsistency found in the figures given.
 */
export function consolider(instantanes: readonly InstantanePlie[]) {
  const avecFlux = instantanes.filter((i) => i.flux);
  const avecFin = instantanes.filter((i) => i.financements);
  const repondants = (xs: readonly InstantanePlie[], t: (i: InstantanePlie) => number | undefined) => xs.reduce((s, i) => s + (t(i) ?? 1), 0);
  const f = sommeFlux(avecFlux.map((i) => i.flux!));
  const taux = avecFlux.length ? tauxDuFlux(f) : null;

  const lignes = FINANCEURS.map((financeur) => {
    const ls = avecFin.flatMap((i) => i.financements!.lignes.filter((l) => l.financeur === financeur));
    return { financeur, libelle: LIBELLES_FINANCEURS[financeur], total: ls.reduce((s, l) => s + BigInt(l.total), 0n), directs: ls.reduce((s, l) => s + BigInt(l.directs), 0n), indirects: ls.reduce((s, l) => s + BigInt(l.indirects), 0n) };
  }).filter((l) => l.total > 0n);
  const mobilises = { total: lignes.reduce((s, l) => s + l.total, 0n), directs: lignes.reduce((s, l) => s + l.directs, 0n), indirects: lignes.reduce((s, l) => s + l.indirects, 0n) };
  const fse = lignes.find((l) => l.financeur === 'fse');
  const collectivites = lignes.find((l) => l.financeur === 'collectivites_locales');
  const fseDemande = avecFin.reduce((s, i) => s + BigInt(i.financements!.fseDemande), 0n);
  const fseConsomme = avecFin.reduce((s, i) => s + BigInt(i.financements!.fseConsomme), 0n);
  // Cost per participant needs both tables from the same PLIE: only those count.
  const deuxTables = instantanes.filter((i) => i.flux && i.financements);
  const durantDeux = deuxTables.reduce((s, i) => s + BigInt(i.flux!.enParcoursDurant), 0n);
  const somme = (i: InstantanePlie, col: 'total' | 'directs') => i.financements!.lignes.reduce((s, l) => s + BigInt(l[col]), 0n);
  const mobilisesDeux = deuxTables.reduce((s, i) => s + somme(i, 'total'), 0n);
  const directsDeux = deuxTables.reduce((s, i) => s + somme(i, 'directs'), 0n);
  const fseDeux = deuxTables.reduce((s, i) => s + BigInt(i.financements!.lignes.find((l) => l.financeur === 'fse')?.total ?? 0), 0n);

  const tableaux = consoliderTableaux(instantanes);
  const calcules: Partial<Record<CodeTaux, number | null>> = {
    etapes_par_beneficiaire: tableaux.parcours?.etapesParBeneficiaire ?? null,
    part_aci_financements_siae: tableaux.financementsSiae?.partAci ?? null,
    taux_sorties_positives: taux?.tauxSortiesPositives ?? null,
    part_abandons_sorties: taux?.partAbandons ?? null,
    part_demenagements_sorties: taux?.partDemenagements ?? null,
    part_autres_sorties: taux?.partAutres ?? null,
    taux_realisation_fse: avecFin.length ? pourcentage(fseConsomme, fseDemande) : null,
    cout_par_participant: quotient(mobilisesDeux, durantDeux),
  };
  const avertissements: Avertissement[] = instantanes.flatMap((i) => [
    ...(i.flux ? controlesFlux(i, i.flux) : []),
    ...(i.financements ? controlesFinancements(i, i.financements) : []),
    ...i.repartitions.flatMap((r): Avertissement[] => {
      const s = r.lignes.reduce((x, l) => x + l.valeur, 0);
      return s === r.totalImprime ? [] : [{ code: 'SOMME_LIGNES', tableau: r.tableau, plie: i.plie, annee: i.annee, calcule: s, imprime: r.totalImprime, message: `${r.libelle} : total imprimé ${fr(r.totalImprime)}, somme des lignes ${fr(s)}.` }];
    }),
  ]).concat(tableaux.avertissements);
  // A printed rate is compared with the one the counts of that same snapshot give (a consolidation of one).
  if (instantanes.length === 1) {
    const [i] = instantanes;
    for (const t of i!.tauxImprimes) {
      const c = calcules[t.code];
      if (c !== null && c !== undefined && ecartTaux(t.code, c, t.valeur)) {
        avertissements.push({ code: 'TAUX_IMPRIME', tableau: TABLEAU_DU_TAUX[t.code], plie: i!.plie, annee: i!.annee, calcule: c, imprime: t.valeur, message: `${t.libelle} : ${fr(t.valeur)} imprimé${t.ligne ? ` (${t.ligne})` : ''}, ${fr(c)} d’après les ${t.code === 'part_aci_financements_siae' ? 'montants' : 'effectifs'}.` });
      }
    }
  }
  return {
    annees: [...new Set(instantanes.map((i) => i.annee))].sort(),
    plies: instantanes.map((i) => ({ plie: i.plie, libelle: i.libelle, annee: i.annee })),
    flux: avecFlux.length
      ? {
        plieRepondants: repondants(avecFlux, (i) => i.flux!.plieRepondants),
        plieSansDonnees: instantanes.filter((i) => !i.flux).map((i) => i.plie),
        ...Object.fromEntries(CHAMPS_FLUX.map((c) => [c, Number(f[c])])) as Record<(typeof CHAMPS_FLUX)[number], number>,
        ...taux!,
      }
      : null,
    financements: avecFin.length
      ? {
        plieRepondants: repondants(avecFin, (i) => i.financements!.plieRepondants),
        plieSansDonnees: instantanes.filter((i) => !i.financements).map((i) => i.plie),
        lignes: lignes.map((l) => ({ ...l, total: Number(l.total), directs: Number(l.directs), indirects: Number(l.indirects) })),
        sousTotalMobilises: { total: Number(mobilises.total), directs: Number(mobilises.directs), indirects: Number(mobilises.indirects) },
        fseDemande: Number(fseDemande),
        fseConsomme: Number(fseConsomme),
        tauxRealisationFse: pourcentage(fseConsomme, fseDemande),
        partFse: fse ? pourcentage(fse.total, mobilises.total) : null,
      }
      : null,
    ratios: {
      /** From the PLIE that reported both tables. */
      plieRepondants: repondants(deuxTables, (i) => i.flux!.plieRepondants ?? i.financements!.plieRepondants),
      coutParParticipant: quotient(mobilisesDeux, durantDeux),
      coutDirectParParticipant: quotient(directsDeux, durantDeux),
      fseParParticipant: quotient(fseDeux, durantDeux),
      /** € of FSE, and of everything mobilised, per € of direct commune/EPCI money (seed l.787–789). */
      levierFse: fse && collectivites ? quotient(fse.total, collectivites.directs) : null,
      levierTotal: collectivites ? quotient(mobilises.total, collectivites.directs) : null,
      additionnalite: fse && collectivites ? Number(fse.total + collectivites.directs) : null,
    },
    /** Tableaux 2, 2bis, 2ter, 3ter, 4 and 5 (./tableaux.ts): null when no PLIE gave them. */
    parcours: tableaux.parcours,
    dureesParcours: tableaux.dureesParcours,
    beneficiairesSiae: tableaux.beneficiairesSiae,
    financementsSiae: tableaux.financementsSiae,
    sortiesEmploi: tableaux.sortiesEmploi,
    autresDonnees: tableaux.autresDonnees,
    /** Breakdowns (Tableau 2ter, the live year's exits by category…): lines of the same label summed across PLIE. */
    repartitions: [...instantanes.flatMap((i) => i.repartitions.map((r) => ({ i, r })))
      .reduce((m, { i, r }) => {
        const cle = `${r.tableau}\u0000${r.libelle}`;
        const x = m.get(cle) ?? { tableau: r.tableau, libelle: r.libelle, plies: [] as string[], lignes: new Map<string, number>(), total: 0 };
        x.plies.push(i.plie);
        for (const l of r.lignes) x.lignes.set(l.libelle, (x.lignes.get(l.libelle) ?? 0) + l.valeur);
        x.total += r.lignes.reduce((s, l) => s + l.valeur, 0);
        return m.set(cle, x);
      }, new Map<string, { tableau: string; libelle: string; plies: string[]; lignes: Map<string, number>; total: number }>())
      .values()].map((x) => ({ tableau: x.tableau, libelle: x.libelle, plieRepondants: x.plies.length, lignes: [...x.lignes].map(([libelle, valeur]) => ({ libelle, valeur })), total: x.total })),
    avertissements,
  };
}
export type RapportConsolide = ReturnType<typeof consolider>;
