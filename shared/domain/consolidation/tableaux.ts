/**
 * Tableaux 2, 2bis, 2ter, 3ter, 4 and 5 of the PLIE consolidation (issue 16; seed 000, notes « consolidation-plie-2006 »
 * §1.2–1.3), pure. As for Tableau 1 and 3 (./consolider.ts): counts and euros are summed across PLIE, every mean,
 * share and ratio is recomputed from the summed counts — mean durations as Σ(nombre × durée) ÷ Σ nombre, the euros a
 * function received as Σ(montant × part) — and a printed share whose base is unknown is never averaged: with more
 * than one PLIE it is declared not consolidable. Each table says how many PLIE it rests on and lists those without
 * it; every contradiction in the figures received becomes a warning carrying both figures.
 */
import {
  CODES_DISTRIBUTIONS_T4, DISTRIBUTIONS_T4, ETAPES_T2, FONCTIONS_SIAE, PUBLICS_T2BIS, SORTIES_T2BIS, STRUCTURES_SIAE, TYPES_OPERATIONS_T5,
  type CodeDistributionT4, type CodeEtapeT2, type CodeFonctionSiae, type TotalHF,
} from '../../schemas/consolidation-tableaux';
import type { InstantanePlie } from '../../schemas/consolidation';
import { fr, pourcentage, quotient, type Avertissement } from './consolider';

type Instantane = Pick<InstantanePlie, 'plie' | 'annee' | 'flux' | 'financements' | 'parcours' | 'dureesParcours' | 'beneficiairesSiae' | 'financementsSiae' | 'sortiesEmploi' | 'autresDonnees'>;

const somme = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);
/** Summed sexes only when every part gives them: otherwise unknown, never a partial sum. */
function sommeHF(xs: readonly TotalHF[]) {
  const sexe = (k: 'hommes' | 'femmes') => (xs.length && xs.every((x) => x[k] !== undefined) ? somme(xs.map((x) => x[k]!)) : null);
  return { total: somme(xs.map((x) => x.total)), hommes: sexe('hommes'), femmes: sexe('femmes') };
}
/** The tolerance of a column of printed shares adding up to 100: half a unit of their last printed decimal per share. */
function toleranceParts(parts: readonly number[]) {
  const decimales = Math.max(0, ...parts.map((p) => (String(p).split('.')[1] ?? '').length));
  return parts.length * 0.5 * 10 ** -decimales + 1e-9;
}
/** A published consolidation: a snapshot that states, for one of its tables, how many PLIE are behind it. */
const consolidation = (i: Instantane) => [i.flux, i.financements, i.parcours, i.dureesParcours, i.beneficiairesSiae, i.financementsSiae, i.sortiesEmploi, i.autresDonnees].some((t) => t?.plieRepondants !== undefined);

/**
 * How many PLIE a table rests on: a PLIE's own snapshot counts 1, a published consolidation the number it states,
 * and null (« non indiqué ») when it states none for that table: never guessed.
 */
function repondants(xs: readonly Instantane[], table: (i: Instantane) => { plieRepondants?: number | undefined } | undefined): number | null {
  const ts = xs.flatMap((i) => { const t = table(i); return t ? [{ i, t }] : []; });
  return ts.some((x) => x.t.plieRepondants === undefined && consolidation(x.i)) ? null : somme(ts.map((x) => x.t.plieRepondants ?? 1));
}
/** One decimal (mean durations in months). */
const dixieme = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 10) / 10);

const LIBELLE_ETAPE = new Map<string, string>(ETAPES_T2.map((e) => [e.code, e.libelle]));
const LIBELLE_STRUCTURE = new Map<string, string>(STRUCTURES_SIAE.map((s) => [s.code, s.libelle]));
const court = (l: string) => l.replace(/ \(.*\)$/, '');
const majuscule = (t: string) => `${t.charAt(0).toUpperCase()}${t.slice(1)}`;

// ——— Tableau 2 ———

function controlesParcours(i: Instantane): Avertissement[] {
  const t = i.parcours!;
  const a: Avertissement[] = [];
  const base = { tableau: 'T2', plie: i.plie, annee: i.annee };
  const par = new Map(t.lignes.map((l) => [l.etape, l]));
  const principales = ETAPES_T2.filter((e) => !('parent' in e)).flatMap((e) => (par.get(e.code) ? [par.get(e.code)!] : []));
  for (const col of ['stock', 'cumul'] as const) {
    const quoi = col === 'stock' ? 'bénéficiaires en étape au 31/12' : 'cumul des étapes de l’année';
    const s = somme(principales.map((l) => l[col].total));
    if (principales.length && s !== t.total[col].total) {
      a.push({ ...base, code: 'SOMME_LIGNES', calcule: s, imprime: t.total[col].total, message: `${majuscule(quoi)} : total imprimé ${fr(t.total[col].total)}, somme des types d’étape ${fr(s)}.` });
    }
    for (const parent of ['emplois_parcours', 'formations'] as const) {
      const p = par.get(parent);
      const enfants = ETAPES_T2.filter((e) => 'parent' in e && e.parent === parent).flatMap((e) => (par.get(e.code) ? [{ e, l: par.get(e.code)! }] : []));
      if (!p || !enfants.length) continue;
      const se = somme(enfants.map((x) => x.l[col].total));
      const partiel = enfants.some((x) => 'partiel' in x.e && x.e.partiel);
      if (partiel ? se > p[col].total : se !== p[col].total) {
        a.push({ ...base, code: partiel ? 'DONT_SUPERIEUR' : 'SOMME_LIGNES', calcule: se, imprime: p[col].total, message: `${court(LIBELLE_ETAPE.get(parent)!)} (${quoi}) : ${fr(p[col].total)} imprimés, ${fr(se)} en additionnant ${partiel ? 'les « dont »' : 'les sous-types'}.` });
      }
    }
  }
  for (const l of [...t.lignes, { etape: null, ...t.total }]) {
    const nom = l.etape ? court(LIBELLE_ETAPE.get(l.etape)!) : 'Total';
    if (l.cumul.total < l.stock.total) {
      a.push({ ...base, code: 'CUMUL_INFERIEUR_STOCK', calcule: l.cumul.total, imprime: l.stock.total, message: `${nom} : cumul des étapes de l’année ${fr(l.cumul.total)}, inférieur aux ${fr(l.stock.total)} bénéficiaires en étape au 31/12 (chacun a eu au moins une étape).` });
    }
    for (const col of ['stock', 'cumul'] as const) {
      const c = l[col];
      if (c.hommes !== undefined && c.femmes !== undefined && c.hommes + c.femmes > c.total) {
        a.push({ ...base, code: 'HOMMES_FEMMES', calcule: c.hommes + c.femmes, imprime: c.total, message: `${nom} (${col === 'stock' ? 'au 31/12' : 'cumul'}) : hommes + femmes = ${fr(c.hommes + c.femmes)}, plus que le total ${fr(c.total)}.` });
      }
    }
  }
  if (principales.length) {
    const declare = quotient(t.total.cumul.total, t.total.stock.total);
    const lignes = quotient(somme(principales.map((l) => l.cumul.total)), somme(principales.map((l) => l.stock.total)));
    if (declare !== null && lignes !== null && declare !== lignes) {
      a.push({ ...base, code: 'RATIO_ETAPES', calcule: lignes, imprime: declare, message: `Étapes par bénéficiaire : ${fr(declare)} d’après les totaux imprimés (${fr(t.total.cumul.total)} ÷ ${fr(t.total.stock.total)}), ${fr(lignes)} d’après la somme des lignes (${fr(somme(principales.map((l) => l.cumul.total)))} ÷ ${fr(somme(principales.map((l) => l.stock.total)))}).` });
    }
  }
  return a;
}

function consoliderParcours(xs: readonly Instantane[]) {
  const avec = xs.filter((i) => i.parcours);
  if (!avec.length) return null;
  const stock = sommeHF(avec.map((i) => i.parcours!.total.stock));
  const cumul = sommeHF(avec.map((i) => i.parcours!.total.cumul));
  const lignes = ETAPES_T2.flatMap((e) => {
    const ls = avec.flatMap((i) => i.parcours!.lignes.filter((l) => l.etape === e.code));
    if (!ls.length) return [];
    const s = sommeHF(ls.map((l) => l.stock));
    const c = sommeHF(ls.map((l) => l.cumul));
    return [{ etape: e.code as CodeEtapeT2, libelle: e.libelle, parent: 'parent' in e ? e.parent : null, plieRepondants: repondants(avec.filter((i) => i.parcours!.lignes.some((l) => l.etape === e.code)), (i) => i.parcours), stock: s, cumul: c, partDuStock: pourcentage(s.total, stock.total) }];
  });
  const principales = lignes.filter((l) => !l.parent);
  return {
    plieRepondants: repondants(avec, (i) => i.parcours),
    plieSansDonnees: xs.filter((i) => !i.parcours).map((i) => i.plie),
    total: { stock, cumul },
    sommeDesTypes: { stock: somme(principales.map((l) => l.stock.total)), cumul: somme(principales.map((l) => l.cumul.total)) },
    lignes,
    /** Cumul of étapes ÷ beneficiaries in an étape at 31/12, from the printed totals (seed l.699: « 3 actions ou étapes »). */
    etapesParBeneficiaire: quotient(cumul.total, stock.total),
  };
}

// ——— Tableau 2bis ———

function controlesDurees(i: Instantane): Avertissement[] {
  const t = i.dureesParcours!;
  const a: Avertissement[] = [];
  const base = { tableau: 'T2bis', plie: i.plie, annee: i.annee };
  const n = (sortie: string, pub: string) => t.lignes.find((l) => l.sortie === sortie && l.public === pub)?.nombre.total;
  // Positives + sans suite should give all exits, public by public: one warning, the total's figures, the other publics named.
  const ecarts = PUBLICS_T2BIS.flatMap((p) => {
    const [toutes, pos, ss] = [n('toutes', p.code), n('positives', p.code), n('sans_suite', p.code)];
    return toutes !== undefined && pos !== undefined && ss !== undefined && pos + ss !== toutes ? [{ p, calcule: pos + ss, imprime: toutes }] : [];
  });
  if (ecarts.length) {
    const [e, ...autres] = ecarts;
    a.push({ ...base, code: 'SOMME_LIGNES', calcule: e!.calcule, imprime: e!.imprime, message: `${e!.p.code === 'total' ? 'Ensemble des sorties' : majuscule(e!.p.libelle.replace(/^dont /, ''))} : sorties positives + sorties sans suite = ${fr(e!.calcule)}, toutes sorties ${fr(e!.imprime)}${autres.length ? ` (de même : ${autres.map((x) => `${x.p.libelle.replace(/^dont /, '')} ${fr(x.calcule)} contre ${fr(x.imprime)}`).join(' ; ')})` : ''}.` });
  }
  for (const s of SORTIES_T2BIS) {
    const total = n(s.code, 'total');
    if (total === undefined) continue;
    for (const groupe of [['cld', 'rmi', 'autres'], ['moins_26', 'plus_26']]) {
      const vs = groupe.map((p) => n(s.code, p));
      if (vs.some((v) => v === undefined)) continue;
      const x = somme(vs as number[]);
      if (x !== total) a.push({ ...base, code: 'SOMME_LIGNES', calcule: x, imprime: total, message: `${s.libelle} : ${fr(total)} au total, ${fr(x)} en additionnant ${groupe.length === 3 ? 'CLD, RMI et autres' : 'moins et plus de 26 ans'}.` });
    }
  }
  for (const l of t.lignes) {
    if (l.nombre.hommes !== undefined && l.nombre.femmes !== undefined && l.nombre.hommes + l.nombre.femmes > l.nombre.total) {
      a.push({ ...base, code: 'HOMMES_FEMMES', calcule: l.nombre.hommes + l.nombre.femmes, imprime: l.nombre.total, message: `Hommes + femmes = ${fr(l.nombre.hommes + l.nombre.femmes)}, plus que le total ${fr(l.nombre.total)}.` });
    }
  }
  return a;
}

function consoliderDurees(xs: readonly Instantane[]) {
  const avec = xs.filter((i) => i.dureesParcours);
  if (!avec.length) return null;
  const lignes = SORTIES_T2BIS.flatMap((s) => PUBLICS_T2BIS.flatMap((p) => {
    const ls = avec.flatMap((i) => i.dureesParcours!.lignes.filter((l) => l.sortie === s.code && l.public === p.code));
    if (!ls.length) return [];
    const nombre = sommeHF(ls.map((l) => l.nombre));
    // Σ(nombre × durée) ÷ Σ nombre, per sex with that sex's counts; unknown when one PLIE lacks them.
    const moyenne = (k: 'hommes' | 'femmes') => (ls.every((l) => l.nombre[k] !== undefined && l.dureeMoyenne[k] !== undefined)
      ? dixieme(somme(ls.map((l) => l.nombre[k]! * l.dureeMoyenne[k]!)), somme(ls.map((l) => l.nombre[k]!))) : null);
    return [{
      sortie: s.code, libelleSortie: s.libelle, public: p.code, libellePublic: p.libelle, nombre,
      dureeMoyenne: { total: dixieme(somme(ls.map((l) => l.nombre.total * l.dureeMoyenne.total)), nombre.total), hommes: moyenne('hommes'), femmes: moyenne('femmes') },
      /** Σ(nombre × durée): the months behind the mean. */
      moisCumules: somme(ls.map((l) => l.nombre.total * l.dureeMoyenne.total)),
    }];
  }));
  return {
    plieRepondants: repondants(avec, (i) => i.dureesParcours),
    plieSansDonnees: xs.filter((i) => !i.dureesParcours).map((i) => i.plie),
    periodes: [...new Set(avec.flatMap((i) => (i.dureesParcours!.periode ? [i.dureesParcours!.periode] : [])))],
    lignes,
  };
}

// ——— Tableau 2ter ———

type BlocSiae = NonNullable<NonNullable<Instantane['beneficiairesSiae']>['financesParLePlie']>;
const BLOCS = [['tous', 'ensemble des bénéficiaires'], ['financesParLePlie', 'étapes financées par le PLIE']] as const;

function controlesSiae(i: Instantane): Avertissement[] {
  const t = i.beneficiairesSiae!;
  const a: Avertissement[] = [];
  const base = { tableau: 'T2ter', plie: i.plie, annee: i.annee };
  for (const [cle, nom] of BLOCS) {
    const b: BlocSiae | undefined = t[cle];
    if (!b) continue;
    const s = somme(b.lignes.map((l) => l.total));
    if (s !== b.totalImprime) a.push({ ...base, code: 'SOMME_LIGNES', calcule: s, imprime: b.totalImprime, message: `Bénéficiaires en étape ACI/SIAE (${nom}) : total imprimé ${fr(b.totalImprime)}, somme des lignes ${fr(s)}.` });
    for (const [k, sexe] of [['partHommes', 'hommes'], ['partFemmes', 'femmes']] as const) {
      const parts = b.lignes.flatMap((l) => (l[k] === undefined ? [] : [l[k]!]));
      if (parts.length === b.lignes.length && parts.length && Math.abs(somme(parts) - 100) > toleranceParts(parts)) {
        const x = Math.round(somme(parts) * 100) / 100;
        a.push({ ...base, code: 'PARTS_100', calcule: x, imprime: 100, message: `Bénéficiaires en étape ACI/SIAE (${nom}), part des ${sexe} par structure : ${fr(x)} % en additionnant les lignes, au lieu de 100 %.` });
      }
    }
  }
  if (t.financesParLePlie) {
    for (const l of t.financesParLePlie.lignes) {
      const tous = t.tous.lignes.find((x) => x.structure === l.structure);
      if (tous && l.total > tous.total) {
        a.push({ ...base, code: 'FINANCES_SUPERIEURS', calcule: tous.total, imprime: l.total, message: `${LIBELLE_STRUCTURE.get(l.structure)} : ${fr(l.total)} bénéficiaires en étape financée par le PLIE, plus que les ${fr(tous.total)} bénéficiaires en étape de ce type.` });
      }
    }
  }
  return a;
}

function consoliderSiae(xs: readonly Instantane[]) {
  const avec = xs.filter((i) => i.beneficiairesSiae);
  if (!avec.length) return null;
  const bloc = (cle: 'tous' | 'financesParLePlie') => {
    const bs = avec.flatMap((i) => (i.beneficiairesSiae![cle] ? [i.beneficiairesSiae![cle]!] : []));
    if (!bs.length) return null;
    // Shares of men and women need the counts of men and women: only a single snapshot's printed shares are shown.
    const seul = bs.length === 1 ? bs[0]! : null;
    return {
      plieRepondants: repondants(avec.filter((i) => i.beneficiairesSiae![cle]), (i) => i.beneficiairesSiae),
      plieSansDonnees: xs.filter((i) => !i.beneficiairesSiae?.[cle]).map((i) => i.plie),
      lignes: STRUCTURES_SIAE.flatMap((s) => {
        const ls = bs.flatMap((b) => b.lignes.filter((l) => l.structure === s.code));
        if (!ls.length) return [];
        const une = seul?.lignes.find((l) => l.structure === s.code);
        return [{ structure: s.code, libelle: s.libelle, total: somme(ls.map((l) => l.total)), partHommes: une?.partHommes ?? null, partFemmes: une?.partFemmes ?? null }];
      }),
      totalImprime: somme(bs.map((b) => b.totalImprime)),
      sommeLignes: somme(bs.flatMap((b) => b.lignes.map((l) => l.total))),
      partsSexesConsolidables: bs.length === 1,
    };
  };
  const tous = bloc('tous');
  const finances = bloc('financesParLePlie');
  const lesDeux = avec.filter((i) => i.beneficiairesSiae!.financesParLePlie);
  return {
    plieRepondants: repondants(avec, (i) => i.beneficiairesSiae),
    plieSansDonnees: xs.filter((i) => !i.beneficiairesSiae).map((i) => i.plie),
    tous,
    financesParLePlie: finances,
    /** Financed by the PLIE ÷ all, on the printed totals of the PLIE that gave both blocks (seed l.932: « dans 50 % des cas »). */
    partFinanceeParLePlie: lesDeux.length
      ? pourcentage(somme(lesDeux.map((i) => i.beneficiairesSiae!.financesParLePlie!.totalImprime)), somme(lesDeux.map((i) => i.beneficiairesSiae!.tous.totalImprime)))
      : null,
    nota: tous?.partsSexesConsolidables === false ? 'Parts des hommes et des femmes non consolidables : les instantanés ne donnent pas les effectifs d’hommes et de femmes par structure.' : null,
  };
}

// ——— Tableau 3ter ———

const CODES_FONCTIONS = FONCTIONS_SIAE.map((f) => f.code);

function controlesFinancementsSiae(i: Instantane, calcule: ReturnType<typeof consoliderFinancementsSiae>): Avertissement[] {
  const t = i.financementsSiae!;
  const a: Avertissement[] = [];
  const base = { tableau: 'T3ter', plie: i.plie, annee: i.annee };
  for (const l of t.lignes) {
    const parts = CODES_FONCTIONS.map((f) => l.parts[f]);
    if (Math.abs(somme(parts) - 100) > toleranceParts(parts)) {
      a.push({ ...base, code: 'PARTS_100', calcule: somme(parts), imprime: 100, message: `${LIBELLE_STRUCTURE.get(l.structure)} : les parts des fonctions financées font ${fr(somme(parts))} %, au lieu de 100 %.` });
    }
  }
  const p = t.totalImprime;
  if (p) {
    const s = somme(t.lignes.map((l) => l.montant));
    // « Chiffres arrondis »: a euro per line is rounding.
    if (Math.abs(s - p.montant) > t.lignes.length) a.push({ ...base, code: 'SOMME_LIGNES', calcule: s, imprime: p.montant, message: `Total imprimé ${fr(p.montant)} €, somme des structures ${fr(s)} €.` });
    if (p.parts && calcule) {
      for (const f of FONCTIONS_SIAE) {
        const c = calcule.total.parts[f.code];
        // The printed total share and the rows' shares are both rounded (to the unit in the seed): a point of gap is rounding.
        const tolerance = 2 * toleranceParts([p.parts[f.code]]);
        if (c !== null && Math.abs(c - p.parts[f.code]) > tolerance) {
          a.push({ ...base, code: 'PART_IMPRIMEE', calcule: c, imprime: p.parts[f.code], message: `${f.libelle} : ${fr(p.parts[f.code])} % imprimé pour le total, ${fr(c)} % d’après les montants et les parts de chaque structure.` });
        }
      }
    }
  }
  return a;
}

function consoliderFinancementsSiae(xs: readonly Instantane[]) {
  const avec = xs.filter((i) => i.financementsSiae);
  if (!avec.length) return null;
  const euros = (montant: number, part: number) => Math.round((montant * part) / 100);
  const parFonctions = (ls: readonly { montant: number; parts: Record<CodeFonctionSiae, number> }[]) => {
    const montant = somme(ls.map((l) => l.montant));
    const e = Object.fromEntries(CODES_FONCTIONS.map((f) => [f, somme(ls.map((l) => euros(l.montant, l.parts[f])))])) as Record<CodeFonctionSiae, number>;
    return { montant, euros: e, parts: Object.fromEntries(CODES_FONCTIONS.map((f) => [f, pourcentage(e[f], montant)])) as Record<CodeFonctionSiae, number | null> };
  };
  const toutes = avec.flatMap((i) => i.financementsSiae!.lignes);
  const lignes = STRUCTURES_SIAE.flatMap((s) => {
    const ls = toutes.filter((l) => l.structure === s.code);
    return ls.length ? [{ structure: s.code, libelle: s.libelle, ...parFonctions(ls) }] : [];
  });
  const total = parFonctions(toutes);
  return {
    plieRepondants: repondants(avec, (i) => i.financementsSiae),
    plieSansDonnees: xs.filter((i) => !i.financementsSiae).map((i) => i.plie),
    lignes: lignes.map((l) => ({ ...l, partDuTotal: pourcentage(l.montant, total.montant) })),
    total,
    totalImprime: avec.every((i) => i.financementsSiae!.totalImprime) ? somme(avec.map((i) => i.financementsSiae!.totalImprime!.montant)) : null,
    /** The ACI's share of the funds (seed l.938 says 74 %). */
    partAci: pourcentage(lignes.find((l) => l.structure === 'aci')?.montant ?? 0, total.montant),
  };
}

// ——— Tableau 4 ———

function controlesSortiesEmploi(i: Instantane): Avertissement[] {
  const t = i.sortiesEmploi!;
  return CODES_DISTRIBUTIONS_T4.flatMap((d): Avertissement[] => {
    const parts = t[d]?.parts.map((p) => p.part) ?? [];
    if (!parts.length) return [];
    const s = Math.round(somme(parts) * 100) / 100;
    return Math.abs(s - 100) > toleranceParts(parts)
      ? [{ code: 'PARTS_100', tableau: 'T4', plie: i.plie, annee: i.annee, calcule: s, imprime: 100, message: `${DISTRIBUTIONS_T4[d].libelle} : les parts font ${fr(s)} %, au lieu de 100 % (au-delà des arrondis).` }]
      : [];
  });
}

function consoliderSortiesEmploi(xs: readonly Instantane[]) {
  const avec = xs.filter((i) => i.sortiesEmploi);
  if (!avec.length) return null;
  const sansBase = avec.filter((i) => i.sortiesEmploi!.base === undefined).map((i) => i.plie);
  // One snapshot: its shares as given. Several: Σ(base × part) ÷ Σ base, only when every base is known.
  const consolidable = avec.length === 1 || sansBase.length === 0;
  const distributions = CODES_DISTRIBUTIONS_T4.flatMap((d: CodeDistributionT4) => {
    const ts = avec.filter((i) => i.sortiesEmploi![d]);
    if (!ts.length) return [];
    const postes = DISTRIBUTIONS_T4[d].postes.flatMap((p) => {
      const part = (i: Instantane) => i.sortiesEmploi![d]!.parts.find((x) => x.poste === p.code)?.part ?? 0;
      if (!ts.some((i) => i.sortiesEmploi![d]!.parts.some((x) => x.poste === p.code))) return [];
      const valeur = !consolidable ? null
        : ts.length === 1 ? part(ts[0]!)
          : Math.round((somme(ts.map((i) => i.sortiesEmploi!.base! * part(i))) / somme(ts.map((i) => i.sortiesEmploi!.base!))) * 100) / 100;
      return [{ poste: p.code as string, libelle: p.libelle as string, part: valeur }];
    });
    return [{ distribution: d, libelle: DISTRIBUTIONS_T4[d].libelle, plieRepondants: repondants(ts, (i) => i.sortiesEmploi), postes, somme: consolidable ? Math.round(somme(postes.map((p) => p.part ?? 0)) * 100) / 100 : null }];
  });
  return {
    plieRepondants: repondants(avec, (i) => i.sortiesEmploi),
    plieSansDonnees: xs.filter((i) => !i.sortiesEmploi).map((i) => i.plie),
    base: sansBase.length ? null : somme(avec.map((i) => i.sortiesEmploi!.base!)),
    consolidable,
    nota: consolidable
      ? (sansBase.length ? 'Parts telles qu’imprimées : le nombre de sorties sur emploi sur lequel elles portent n’est pas indiqué.' : null)
      : `Parts non consolidables : le nombre de sorties sur emploi analysées n’est pas connu pour ${sansBase.join(', ')} ; des parts ne s’additionnent pas sans leur base.`,
    distributions,
  };
}

// ——— Tableau 5 ———

function controlesAutresDonnees(i: Instantane): Avertissement[] {
  const t = i.autresDonnees!;
  const a: Avertissement[] = [];
  const base = { tableau: 'T5', plie: i.plie, annee: i.annee };
  const o = t.operations;
  if (o && o.parType.length) {
    const n = somme(o.parType.map((x) => x.nombre));
    const m = somme(o.parType.map((x) => x.montant ?? 0));
    if (n !== o.total.nombre) a.push({ ...base, code: 'SOMME_LIGNES', calcule: n, imprime: o.total.nombre, message: `Opérations conventionnées dans l’année : ${fr(o.total.nombre)} au total, ${fr(n)} en additionnant les « dont » par type.` });
    if (o.total.montant !== undefined && m !== o.total.montant) a.push({ ...base, code: 'SOMME_LIGNES', calcule: m, imprime: o.total.montant, message: `Montant des opérations conventionnées : ${fr(o.total.montant)} € au total, ${fr(m)} € en additionnant les « dont » par type.` });
  }
  const s = t.sag;
  if (s?.etp !== undefined && s.salaries !== undefined && s.etp > s.salaries) a.push({ ...base, code: 'DONT_SUPERIEUR', calcule: s.salaries, imprime: s.etp, message: `Structure d’animation et de gestion : ${fr(s.etp)} ETP pour ${fr(s.salaries)} salariés.` });
  if (s?.masseSalariale !== undefined && s.coutTotal !== undefined && s.masseSalariale > s.coutTotal) a.push({ ...base, code: 'DONT_SUPERIEUR', calcule: s.coutTotal, imprime: s.masseSalariale, message: `Structure d’animation et de gestion : masse salariale ${fr(s.masseSalariale)} €, supérieure au coût total ${fr(s.coutTotal)} €.` });
  return a;
}

function consoliderAutresDonnees(xs: readonly Instantane[]) {
  const avec = xs.filter((i) => i.autresDonnees).map((i) => ({ i, plie: i.plie, t: i.autresDonnees! }));
  if (!avec.length) return null;
  const n = repondants(avec.map((x) => x.i), (i) => i.autresDonnees);
  /** A field summed over the PLIE that gave it, with how many did (null when none). */
  const champ = (f: (t: (typeof avec)[number]['t']) => number | undefined) => {
    const vs = avec.filter((x) => f(x.t) !== undefined);
    if (!vs.length) return null;
    const v = somme(vs.map((x) => f(x.t)!));
    const plies = repondants(vs.map((x) => x.i), (i) => i.autresDonnees);
    return { valeur: Math.round(v * 100) / 100, plieRepondants: plies, parPlie: plies === null ? null : Math.round((v / plies) * 100) / 100 };
  };
  const avecOps = avec.filter((x) => x.t.operations);
  const parType = TYPES_OPERATIONS_T5.flatMap((ty) => {
    const ls = avecOps.flatMap((x) => x.t.operations!.parType.filter((l) => l.type === ty.code));
    if (!ls.length) return [];
    const nombre = somme(ls.map((l) => l.nombre));
    const montant = somme(ls.map((l) => l.montant ?? 0));
    return [{ type: ty.code, libelle: ty.libelle, nombre, montant, montantMoyen: quotient(montant, nombre) }];
  });
  const nOps = repondants(avecOps.map((x) => x.i), (i) => i.autresDonnees);
  const totalOps = avecOps.length ? { nombre: somme(avecOps.map((x) => x.t.operations!.total.nombre)), montant: somme(avecOps.map((x) => x.t.operations!.total.montant ?? 0)) } : null;
  return {
    plieRepondants: n,
    plieSansDonnees: xs.filter((i) => !i.autresDonnees).map((i) => i.plie),
    sag: { salaries: champ((t) => t.sag?.salaries), etp: champ((t) => t.sag?.etp), masseSalariale: champ((t) => t.sag?.masseSalariale), coutTotal: champ((t) => t.sag?.coutTotal) },
    ingenierie: { heures: champ((t) => t.ingenierie?.heures), budget: champ((t) => t.ingenierie?.budget) },
    operateurs: {
      avecFinancement: champ((t) => t.operateurs?.avecFinancement?.nombre),
      montantRealise: champ((t) => t.operateurs?.avecFinancement?.montant),
      sansIncidenceFinanciere: champ((t) => t.operateurs?.sansIncidenceFinanciere),
      nonConventionnes: champ((t) => t.operateurs?.nonConventionnes),
    },
    operations: totalOps
      ? {
        plieRepondants: nOps,
        total: { ...totalOps, montantMoyen: quotient(totalOps.montant, totalOps.nombre), parPlie: nOps === null ? null : quotient(totalOps.nombre, nOps) },
        parType,
        sommeDesTypes: { nombre: somme(parType.map((l) => l.nombre)), montant: somme(parType.map((l) => l.montant)) },
      }
      : null,
    entreprisesPartenaires: champ((t) => t.entreprisesPartenaires?.nombre),
    reunions: { organisees: champ((t) => t.reunions?.organisees), institutionnellesSuivies: champ((t) => t.reunions?.institutionnellesSuivies) },
    nonAttribues: avec.flatMap((x) => x.t.nonAttribues.map((v) => ({ plie: x.plie, ...v }))),
  };
}

/** Tableaux 2 to 5 of `instantanes` (one PLIE-year, or several PLIE of one year), and the inconsistencies of each snapshot. */
export function consoliderTableaux(instantanes: readonly Instantane[]) {
  const financementsSiae = consoliderFinancementsSiae(instantanes);
  const avertissements = instantanes.flatMap((i) => [
    ...(i.parcours ? controlesParcours(i) : []),
    ...(i.dureesParcours ? controlesDurees(i) : []),
    ...(i.beneficiairesSiae ? controlesSiae(i) : []),
    ...(i.financementsSiae ? controlesFinancementsSiae(i, consoliderFinancementsSiae([i])) : []),
    ...(i.sortiesEmploi ? controlesSortiesEmploi(i) : []),
    ...(i.autresDonnees ? controlesAutresDonnees(i) : []),
  ]);
  return {
    parcours: consoliderParcours(instantanes),
    dureesParcours: consoliderDurees(instantanes),
    beneficiairesSiae: consoliderSiae(instantanes),
    financementsSiae,
    sortiesEmploi: consoliderSortiesEmploi(instantanes),
    autresDonnees: consoliderAutresDonnees(instantanes),
    avertissements,
  };
}
