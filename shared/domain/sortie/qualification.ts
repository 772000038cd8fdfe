/**
 * Qualifying a sortie against its PLIE's rule set (issue 14; notes « apres-selection » 5.3). Pure: the version in force
 * on the sortie's date judges it (a rule change on D judges a sortie of D−1 by the old version); no version → « à
 * qualifier »; a case the source leaves open → « à décider par la commission », which a recorded commission decision
 * settles.
 */
import type { ContratCumule, DemandeSortie } from '../../schemas/participant';
import {
  CATEGORIES_POSITIVES, LIBELLES_CATEGORIE, versionEnVigueur,
  type CategorieSortie, type Critere, type RegleSortie, type SeuilsCumul, type VersionRegles,
} from './regles-plie';

/** The sortie as the rules read it; `dateNaissance` for the rules that read an age (Dijon, l.162). */
export type SortieAQualifier = DemandeSortie & { dateNaissance?: string | null };

/** A commission's decision on a case sent to it, with its date (and the reference of its minutes, when there is one). */
export interface DecisionCommission {
  date: string;
  categorie: Exclude<CategorieSortie, 'a_decider_commission' | 'a_qualifier'>;
  motif: string;
  reference?: string | null;
}

export interface Qualification {
  categorie: CategorieSortie;
  /** true: counts as a sortie positive; false: does not; null: not decided yet. */
  positive: boolean | null;
  /** Code of the rule applied (null when no rule decided). */
  regle: string | null;
  /** Version of the rule set applied (null when none is in force). */
  version: string | null;
  motif: string;
  /** Set when a commission decision settled the case. */
  decision?: DecisionCommission;
}

// ---------------------------------------------------------------- dates

const lire = (s: string) => s.split('-').map(Number) as [number, number, number];
const utc = (s: string) => {
  const [a, m, j] = lire(s);
  return Date.UTC(a, m - 1, j);
};
const versJour = (t: number) => new Date(t).toISOString().slice(0, 10);
const JOUR = 86_400_000;
const ajouterJours = (s: string, n: number) => versJour(utc(s) + n * JOUR);

/** `jour` + `mois` calendar months, clamped to the month's last day. */
export function ajouterMois(jour: string, mois: number): string {
  const [a, m, j] = lire(jour);
  const cible = new Date(Date.UTC(a, m - 1 + mois, 1));
  const dernier = new Date(Date.UTC(cible.getUTCFullYear(), cible.getUTCMonth() + 1, 0)).getUTCDate();
  cible.setUTCDate(Math.min(j, dernier));
  return versJour(cible.getTime());
}

/**
 * Whole calendar months from `debut` to `fin` inclusive, and whether they are exact: 01/01–30/06 = 6 exact,
 * 01/01–01/07 = 6 and one day (not exact), 01/01–29/06 = 5.
 */
export function moisRevolus(debut: string, fin: string): { mois: number; exact: boolean } {
  const lendemain = ajouterJours(fin, 1);
  let n = 0;
  while (ajouterMois(debut, n + 1) <= lendemain) n++;
  return { mois: n, exact: ajouterMois(debut, n) === lendemain };
}

const jours = (debut: string, fin: string) => Math.round((utc(fin) - utc(debut)) / JOUR) + 1;

/** Shortest and longest span, in days, of `n` consecutive calendar months (6 months: 181 and 184 days). */
function bornesJoursDeMois(n: number): { min: number; max: number } {
  let min = Infinity;
  let max = 0;
  for (let k = 0; k < 48; k++) {
    const debut = ajouterMois('2020-01-01', k);
    const d = jours(debut, ajouterJours(ajouterMois(debut, n), -1));
    min = Math.min(min, d);
    max = Math.max(max, d);
  }
  return { min, max };
}

const age = (naissance: string, date: string) => {
  const [an, mn, jn] = lire(naissance);
  const [a, m, j] = lire(date);
  return a - an - (m < mn || (m === mn && j < jn) ? 1 : 0);
};

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toLocaleString('fr-FR', { maximumFractionDigits: 2 }));

// ---------------------------------------------------------------- criteria

type Etat = { etat: 'ok'; motif: string } | { etat: 'non'; motif: string } | { etat: 'commission'; motif: string } | { etat: 'inconnu'; motif: string };
const ok = (motif: string): Etat => ({ etat: 'ok', motif });
const non = (motif: string): Etat => ({ etat: 'non', motif });
const commission = (motif: string): Etat => ({ etat: 'commission', motif });
const inconnu = (motif: string): Etat => ({ etat: 'inconnu', motif });

/** End of the time counted: the contract's end when it ended before the exit, else the exit date. */
const finComptee = (s: SortieAQualifier) => (s.fin && s.fin < s.date ? s.fin : s.date);

/** The contracts a cumulated count reads: the declared ones, else the sortie's own contract. */
function contratsDe(s: SortieAQualifier): ContratCumule[] {
  if (s.contrats.length > 0) return s.contrats;
  if (!s.debut) return [];
  return [{ debut: s.debut, fin: finComptee(s), heures: Number.NaN, employeur: s.employeur, agence: s.agence, nature: 'cdd' }];
}

interface Cumul { heures: number | null; jours: number; intervalles: [string, string][] }

function cumuler(contrats: ContratCumule[], depuis: string | null, jusqua: string): Cumul {
  let heures: number | null = 0;
  const morceaux: [string, string][] = [];
  for (const c of contrats) {
    const d = depuis && c.debut < depuis ? depuis : c.debut;
    const f = c.fin > jusqua ? jusqua : c.fin;
    if (f < d) continue;
    morceaux.push([d, f]);
    if (Number.isNaN(c.heures)) heures = null;
    else if (heures !== null) heures += (c.heures * jours(d, f)) / jours(c.debut, c.fin);
  }
  morceaux.sort((a, b) => a[0].localeCompare(b[0]));
  const intervalles: [string, string][] = [];
  for (const [d, f] of morceaux) {
    const dernier = intervalles.at(-1);
    if (dernier && d <= ajouterJours(dernier[1], 1)) {
      if (f > dernier[1]) dernier[1] = f;
    } else intervalles.push([d, f]);
  }
  return { heures: heures === null ? null : Math.round(heures * 100) / 100, jours: intervalles.reduce((t, [d, f]) => t + jours(d, f), 0), intervalles };
}

function evaluerCumul(c: Extract<Critere, { type: 'cumul' }>, s: SortieAQualifier): Etat {
  const contrats = contratsDe(s);
  if (contrats.length === 0) return inconnu('contrats à cumuler non renseignés (dates, heures)');
  const depuis = c.fenetreMois === null ? null : ajouterJours(ajouterMois(s.date, -c.fenetreMois), 1);
  const fenetre = c.fenetreMois === null ? '' : ` sur les ${c.fenetreMois} mois précédant la sortie`;

  const groupes = new Map<string, ContratCumule[]>();
  if (c.meme) {
    for (const k of contrats) {
      const cle = c.meme === 'agence' ? k.agence : k.employeur;
      if (!cle) return inconnu(c.meme === 'agence' ? 'agence d’intérim des contrats non renseignée' : 'entreprise utilisatrice des contrats non renseignée');
      groupes.set(cle, [...(groupes.get(cle) ?? []), k]);
    }
  } else groupes.set('', contrats);

  const resultats: Etat[] = [];
  for (const [cle, groupe] of groupes) {
    const cu = cumuler(groupe, depuis, s.date);
    const ou = !cle ? '' : c.meme === 'agence' ? ` dans l’agence « ${cle} »` : ` chez l’entreprise utilisatrice « ${cle} »`;
    if (c.sansInterruption && cu.intervalles.length > 1) {
      resultats.push(non(`contrats interrompus${ou} (${cu.intervalles.length} périodes distinctes)`));
      continue;
    }
    resultats.push(evaluerSeuils(c.seuils, cu, `${ou}${fenetre}`));
  }
  return meilleur(resultats);
}

function evaluerSeuils(seuils: SeuilsCumul, cu: Cumul, ou: string): Etat {
  const etats: Etat[] = [];
  if (seuils.heures !== undefined) {
    if (cu.heures === null) etats.push(inconnu('heures des contrats non renseignées'));
    else if (cu.heures > seuils.heures || (cu.heures === seuils.heures && !seuils.egaliteAmbigue)) etats.push(ok(`${fmt(cu.heures)} h cumulées${ou} (seuil : ${fmt(seuils.heures)} h)`));
    else if (cu.heures === seuils.heures) etats.push(commission(`${fmt(cu.heures)} h cumulées${ou} : ${seuils.egaliteAmbigue}`));
    else etats.push(non(`${fmt(cu.heures)} h cumulées${ou}, moins que ${fmt(seuils.heures)} h`));
  }
  if (seuils.semaines !== undefined) {
    const semaines = Math.floor(cu.jours / 7);
    etats.push(semaines >= seuils.semaines
      ? ok(`${semaines} semaines couvertes${ou} (seuil : ${seuils.semaines})`)
      : non(`${semaines} semaines couvertes${ou}, moins que ${seuils.semaines}`));
  }
  if (seuils.mois !== undefined) {
    const n = seuils.mois;
    if (cu.intervalles.length === 1) {
      const [d, f] = cu.intervalles[0]!;
      const m = moisRevolus(d, f);
      if (m.mois > n || (m.mois === n && !m.exact)) etats.push(ok(`${m.mois} mois${m.exact ? '' : ' et plus'} de contrat continu${ou} (seuil : ${n} mois)`));
      else if (m.mois === n) etats.push(seuils.egaliteAmbigue ? commission(`${n} mois exactement${ou} : ${seuils.egaliteAmbigue}`) : ok(`${n} mois de contrat continu${ou}`));
      else etats.push(non(`${m.mois} mois de contrat continu${ou}, moins que ${n} mois`));
    } else {
      // Months of non-contiguous contracts are not calendar months: between the shortest and the longest span of
      // `n` calendar months (181 and 184 days for 6), the source does not say whether the threshold is reached.
      const b = bornesJoursDeMois(n);
      if (cu.jours >= b.max) etats.push(ok(`${cu.jours} jours de contrats cumulés${ou}, au moins ${n} mois`));
      else if (cu.jours < b.min) etats.push(non(`${cu.jours} jours de contrats cumulés${ou}, moins que ${n} mois (${b.min} jours au plus court)`));
      else etats.push(commission(`${cu.jours} jours de contrats cumulés${ou} : ${n} mois comptent de ${b.min} à ${b.max} jours selon les mois, la source ne dit pas comment cumuler des mois de contrats discontinus`));
    }
  }
  return meilleur(etats);
}

/** Alternatives (« 39 semaines ou 1 200 heures », several agencies): the best state wins. */
function meilleur(etats: Etat[]): Etat {
  for (const e of ['ok', 'commission', 'inconnu', 'non'] as const) {
    const trouves = etats.filter((x) => x.etat === e);
    if (trouves.length) return { etat: e, motif: e === 'non' ? trouves.map((x) => x.motif).join(' ; ') : trouves[0]!.motif } as Etat;
  }
  return non('aucun contrat');
}

function evaluerCritere(c: Critere, s: SortieAQualifier): Etat {
  switch (c.type) {
    case 'duree_contrat': {
      let mois: number | null = s.dureeMois;
      let exact = true;
      if (mois === null && s.debut && s.fin) ({ mois, exact } = moisRevolus(s.debut, s.fin));
      if (mois === null) return inconnu('durée du contrat non renseignée');
      const plus = !exact ? ' et plus' : '';
      const atteint = c.strict ? mois > c.mois || (mois === c.mois && !exact) : mois >= c.mois;
      return atteint ? ok(`contrat de ${fmt(mois)} mois${plus}`) : non(`contrat de ${fmt(mois)} mois${plus}, ${c.strict ? 'il en faut plus de' : 'il en faut au moins'} ${c.mois}`);
    }
    case 'anciennete': {
      if (!s.debut) return inconnu('date de début du contrat non renseignée');
      if (c.memeEmployeur && s.memeEmployeur === null) return inconnu('« même employeur » non renseigné');
      if (c.memeEmployeur && s.memeEmployeur === false) return non(`la période de validation se compte chez le même employeur`);
      const { mois } = moisRevolus(s.debut, finComptee(s));
      const chez = c.memeEmployeur ? ' chez le même employeur' : '';
      return mois >= c.mois ? ok(`${mois} mois écoulés${chez}`) : non(`${mois} mois écoulés${chez}, il en faut ${c.mois}`);
    }
    case 'temps_plein_ou_choisi': {
      if (s.tempsPlein === true) return ok('temps plein');
      if (s.tempsPartielChoisi === true) return ok('temps réduit choisi par le participant');
      if (s.tempsPlein === null && s.heuresHebdo !== null && s.heuresHebdo >= 35) return ok(`${fmt(s.heuresHebdo)} h par semaine`);
      if (s.tempsPlein === false && s.tempsPartielChoisi === false) return non('temps réduit sans volontariat du participant');
      return inconnu('temps plein, ou temps réduit choisi, non renseigné');
    }
    case 'heures_hebdo': {
      const h = s.heuresHebdo;
      if (h === null) return inconnu('durée hebdomadaire non renseignée');
      const plancher = c.zoneAmbigue?.jusqua ?? c.min;
      if (h >= plancher) return ok(`${fmt(h)} h par semaine`);
      if (c.saufAccord && s.tempsPartielChoisi === true) return ok(`${fmt(h)} h par semaine, avec l’accord du participant`);
      if (c.zoneAmbigue && h >= c.min) return commission(`${fmt(h)} h par semaine : ${c.zoneAmbigue.motif}`);
      if (c.saufAccord && s.tempsPartielChoisi === null) return inconnu(`${fmt(h)} h par semaine : accord du participant non renseigné`);
      return non(`${fmt(h)} h par semaine, il en faut ${fmt(c.min)}${c.saufAccord ? ' sans accord du participant' : ''}`);
    }
    case 'cumul':
      return evaluerCumul(c, s);
    case 'creation': {
      if (!s.creation) return inconnu('immatriculation de l’entreprise non renseignée');
      if (c.registres && !c.registres.includes(s.creation.registre)) {
        return commission(`immatriculation au ${s.creation.registre} : la source ne cite que ${c.registres.join(', ')}`);
      }
      const { mois } = moisRevolus(s.creation.immatriculeeLe, s.date);
      return mois >= c.mois ? ok(`${mois} mois depuis l’immatriculation`) : non(`${mois} mois depuis l’immatriculation, il en faut ${c.mois}`);
    }
    case 'formation': {
      const f = s.formation;
      if (!f) return inconnu('formation non renseignée');
      if (!f.qualifiante) return non('la formation n’est pas qualifiante');
      if (c.enLienAvecLeProjet) {
        if (f.enLienAvecLeProjet === null) return inconnu('lien avec le projet professionnel non renseigné');
        if (!f.enLienAvecLeProjet) return non('la formation n’est pas en lien avec le projet professionnel');
      }
      if (c.niveau !== undefined) {
        if (f.niveau === null) return inconnu('niveau de la formation non renseigné');
        if (f.niveau < c.niveau) return non(`formation de niveau ${f.niveau}, inférieur au niveau ${c.niveau}`);
        if (f.niveau > c.niveau) return commission(`formation de niveau ${f.niveau} : la source demande une formation « équivalente » au niveau ${c.niveau}`);
      }
      if (c.validee) {
        if (f.validee === null) return inconnu('validation de la formation non renseignée');
        if (!f.validee) return non('la formation n’est pas validée');
      }
      if (c.finOuApresMois !== null) {
        if (s.fin && s.fin <= s.date) return ok('formation terminée');
        if (!s.debut || !s.fin) return inconnu('dates de la formation non renseignées');
        const { mois } = moisRevolus(s.debut, s.date);
        if (mois >= c.finOuApresMois) return commission(`formation non terminée après ${mois} mois : la source ne définit pas une « formation longue »`);
        return non(`formation non terminée (${mois} mois écoulés)`);
      }
      return ok('formation qualifiante');
    }
    case 'duree_situation': {
      const d = s.dureeMois;
      if (d === null) return inconnu('durée non renseignée');
      if (c.min && (c.min.inclus ? d < c.min.mois : d <= c.min.mois)) return non(`durée de ${fmt(d)} mois`);
      if (c.max && (c.max.inclus ? d > c.max.mois : d >= c.max.mois)) return non(`durée de ${fmt(d)} mois`);
      return ok(`durée de ${fmt(d)} mois`);
    }
    case 'sans_reprise':
      if (s.sansRepriseApresConge === null) return inconnu('volonté de reprendre le travail après le congé non renseignée');
      return s.sansRepriseApresConge ? ok('pas de volonté de reprendre le travail après le congé') : non('le participant veut reprendre le travail après le congé');
    case 'age_min': {
      if (!s.dateNaissance) return inconnu('date de naissance non renseignée');
      const a = age(s.dateNaissance, s.date);
      return a >= c.ans ? ok(`${a} ans à la sortie`) : non(`${a} ans à la sortie, moins de ${c.ans} ans`);
    }
    case 'justificatif':
      return s.pieceId ? ok('justificatif joint') : commission('sans justificatif, la sortie ne compte comme positive que justifiée par un autre moyen non discutable (seed 004 l.149)');
    case 'commission':
      return commission(c.motif);
    case 'ambigu':
      return commission(c.motif);
  }
}

/** A rule's state: a failed criterion decides, then missing data, then a commission; else the rule applies. */
function evaluerRegle(r: RegleSortie, s: SortieAQualifier): Etat {
  const etats = r.criteres.map((c) => evaluerCritere(c, s));
  for (const e of ['non', 'inconnu', 'commission'] as const) {
    const trouves = etats.filter((x) => x.etat === e);
    if (trouves.length) return { etat: e, motif: trouves.map((x) => x.motif).join(' ; ') } as Etat;
  }
  return ok(etats.map((x) => x.motif).join(' ; '));
}

const couvre = (r: RegleSortie, s: SortieAQualifier) =>
  r.situations.includes(s.situation) && (!r.structuresSiae || s.situation !== 'emploi_siae' || (s.structureSiae !== null && r.structuresSiae.includes(s.structureSiae)));

const estPositive = (c: CategorieSortie): boolean | null =>
  c === 'a_decider_commission' || c === 'a_qualifier' ? null : CATEGORIES_POSITIVES.includes(c);

const LIBELLES_SITUATION: Record<string, string> = {
  cdi: 'CDI', cdd: 'CDD', interim: 'intérim', contrats_successifs: 'contrats successifs', alternance: 'alternance', contrat_aide: 'contrat aidé',
  emploi_siae: 'emploi en SIAE', creation_entreprise: 'création d’entreprise', formation_qualifiante: 'formation qualifiante',
  formation_non_qualifiante: 'formation non qualifiante', demenagement: 'déménagement', deces: 'décès', incarceration: 'incarcération',
  maternite: 'maternité', sante_problemes_familiaux: 'santé / problèmes familiaux', abandon: 'abandon', non_respect_contrat_engagement: 'non-respect du contrat d’engagement',
  cas_particulier: 'cas particulier', autre: 'autre',
};

/**
 * The category of a sortie under the rule set of its PLIE in force on its date. A rule that applies gives its category;
 * two rules that apply with different categories, a commission the source requires, or an open threshold give « à
 * décider par la commission », settled by `decision`; missing data or no rule give « à qualifier ».
 */
export function qualifierSortie(sortie: SortieAQualifier, reglesDuPlie: readonly VersionRegles[], decision?: DecisionCommission | null): Qualification {
  const q = selonLesRegles(sortie, reglesDuPlie);
  // The commission settles what the rules leave open: a case sent to it, and a sortie no rule qualifies (« à qualifier »).
  if ((q.categorie === 'a_decider_commission' || q.categorie === 'a_qualifier') && decision) {
    return {
      categorie: decision.categorie, positive: estPositive(decision.categorie), regle: q.regle, version: q.version, decision,
      motif: `Décision de la commission du ${decision.date}${decision.reference ? ` (${decision.reference})` : ''} : ${LIBELLES_CATEGORIE[decision.categorie]} — ${decision.motif} (soumise : ${q.motif})`,
    };
  }
  return q;
}

function selonLesRegles(sortie: SortieAQualifier, reglesDuPlie: readonly VersionRegles[]): Qualification {
  const v = versionEnVigueur(reglesDuPlie, sortie.date);
  if (!v) {
    return { categorie: 'a_qualifier', positive: null, regle: null, version: null, motif: `Aucune règle de sortie en vigueur le ${sortie.date} pour ce PLIE : sortie à qualifier.` };
  }
  const situation = LIBELLES_SITUATION[sortie.situation] ?? sortie.situation;
  const candidates = v.regles.filter((r) => couvre(r, sortie));
  if (candidates.length === 0) {
    return { categorie: 'a_qualifier', positive: null, regle: null, version: v.version, motif: `La version ${v.version} ne prévoit aucune règle pour la situation « ${situation} »${sortie.structureSiae ? ` (${sortie.structureSiae})` : ''} : sortie à qualifier.` };
  }
  const evaluees = candidates.map((r) => ({ r, e: evaluerRegle(r, sortie) }));
  const resultat = (categorie: CategorieSortie, regle: RegleSortie | null, motif: string): Qualification =>
    ({ categorie, positive: estPositive(categorie), regle: regle?.code ?? null, version: v.version, motif });

  const appliquees = evaluees.filter((x) => x.e.etat === 'ok');
  const categories = new Set(appliquees.map((x) => x.r.categorie));
  let q: Qualification;
  if (categories.size > 1) {
    q = resultat('a_decider_commission', appliquees[0]!.r, `Plusieurs règles s’appliquent avec des catégories différentes (${appliquees.map((x) => `${x.r.code} : ${LIBELLES_CATEGORIE[x.r.categorie]}`).join(' ; ')}) : la source ne tranche pas.`);
  } else if (appliquees.length > 0) {
    const { r, e } = appliquees[0]!;
    q = resultat(r.categorie, r, `${LIBELLES_CATEGORIE[r.categorie]} (« ${r.libelle} », ${r.source})${e.motif ? ` : ${e.motif}` : ''}.`);
  } else {
    const enCommission = evaluees.filter((x) => x.e.etat === 'commission');
    const inconnues = evaluees.filter((x) => x.e.etat === 'inconnu');
    if (enCommission.length > 0) {
      const { r, e } = enCommission[0]!;
      q = resultat('a_decider_commission', r, `À décider par la commission (« ${r.libelle} », ${r.source}) : ${e.motif}.`);
    } else if (inconnues.length > 0) {
      const { r, e } = inconnues[0]!;
      q = resultat('a_qualifier', r, `Données manquantes pour la règle « ${r.libelle} » : ${e.motif}.`);
    } else {
      const { r } = evaluees[0]!;
      q = resultat('non_retenue', r, `Ne remplit pas les critères : ${evaluees.map((x) => `« ${x.r.libelle} » — ${x.e.motif}`).join(' ; ')}.`);
    }
  }

  return q;
}
