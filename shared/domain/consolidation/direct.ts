/**
 * The current year's report from Guichet's own data (issue 16, item 1), pure: what each participant record
 * contributes to its PLIE's yearly counters, and the snapshot (`InstantanePlie`, the shape the imported years have)
 * those counters and the PLIE's operations give, so that one report, PDF, workbook and screen serve both.
 *
 * Counters are flows per year only (entries in the year, exits in the year by kind and by category): the stock in
 * parcours is derived from the cumulated flows (in parcours during Y = entries up to Y − exits before Y; at the end of
 * Y = entries up to Y − exits up to Y), so a participant contributes to at most two years and nothing has to be
 * rewritten when a year turns. An exit is judged by the PLIE's rule set in force on its date (a commission's
 * decision settles a case sent to it).
 */
import type { Bilan } from '../../schemas/bilan';
import type { Dossier } from '../../schemas/dossier';
import type { FinancementsRealises, InstantanePlie } from '../../schemas/consolidation';
import { FINANCEURS } from '../../schemas/consolidation';
import type { Participant } from '../../schemas/participant';
import { qualifierSortie, type DecisionCommission } from '../sortie/qualification';
import { CATEGORIES_POSITIVES, CATEGORIES_SORTIE, LIBELLES_CATEGORIE, type CategorieSortie, type VersionRegles } from '../sortie/regles-plie';

/** The flow counters of a PLIE-year (Tableau 1's columns that are flows) and the exits by category of the rules. */
export const COMPTEURS_FLUX = ['entrees', 'sorties', 'sortiesPositives', 'dontEmploi', 'sansSuite', 'dontAbandons', 'dontDemenagements', 'dontAutres'] as const;
/** Per operation (dossier): its entries and exits, so that each figure of Tableau 3 says how many participants it rests on. */
export type CompteurOperation = `op_${string}_entrees` | `op_${string}_sorties`;
/** Per profile (sex, age band at entry): entries, positive exits and exits without follow-up, as Tableau 1 splits them. */
export type CompteurProfil = `profil_${'femme' | 'homme' | AgeProfil}_${'entrees' | 'positives' | 'sansSuite'}`;
/**
 * Tableau 2bis, per exit of the year: the exits and their days in parcours (entry to exit), by kind of exit (all,
 * positive, sans suite), public (all, age at entry under 26 or not) and sex (`tous` for both): the mean duration is
 * Σ days ÷ exits, so that PLIE and years add up.
 */
export const SORTIES_DUREE = ['toutes', 'positives', 'sans_suite'] as const;
export const PUBLICS_DUREE = ['total', 'moins_26', 'plus_26'] as const;
export type CompteurDuree = `duree_${(typeof SORTIES_DUREE)[number]}_${(typeof PUBLICS_DUREE)[number]}_${'tous' | 'femme' | 'homme'}_${'nombre' | 'jours'}`;
export type Compteur = (typeof COMPTEURS_FLUX)[number] | `categorie_${CategorieSortie}` | CompteurOperation | CompteurProfil | CompteurDuree;
export const COMPTEURS: readonly Compteur[] = [...COMPTEURS_FLUX, ...CATEGORIES_SORTIE.map((c) => `categorie_${c}` as const)];

/** One +1 of a participant on a counter of a year (+`valeur` for a sum, the days of a parcours); a participant's contribution is a short list of them. */
export interface Apport { annee: number; compteur: Compteur; valeur?: number }
export type CompteursAnnee = Partial<Record<Compteur, number>>;

const EMPLOI: readonly CategorieSortie[] = ['emploi_durable', 'emploi_dynamique', 'emploi'];
const ABANDONS = new Set(['abandon', 'non_respect_contrat_engagement']);

export type ParticipantCompte = Pick<Participant, 'dateEntree' | 'sortie'> & { identite: Pick<Participant['identite'], 'dateNaissance'> & Partial<Pick<Participant['identite'], 'sexe'>>; decisionCommission?: DecisionCommission | null | undefined };

/** The age bands of the seed's profiles (« moins de 26 ans », « 26 ans et plus », of whom « plus de 45 ans »), at entry. */
export const AGES_PROFIL = ['moins_26', 'de_26_a_45', 'plus_45'] as const;
export type AgeProfil = (typeof AGES_PROFIL)[number];
export const LIBELLES_PROFIL: Record<'femme' | 'homme' | AgeProfil, string> = {
  femme: 'Femmes', homme: 'Hommes', moins_26: 'Moins de 26 ans', de_26_a_45: 'De 26 à 45 ans', plus_45: 'Plus de 45 ans',
};
function ageProfil(naissance: string, entree: string): AgeProfil {
  const [an, mn, jn] = naissance.split('-').map(Number) as [number, number, number];
  const [ae, me, je] = entree.split('-').map(Number) as [number, number, number];
  const age = ae - an - (me < mn || (me === mn && je < jn) ? 1 : 0);
  return age < 26 ? 'moins_26' : age <= 45 ? 'de_26_a_45' : 'plus_45';
}

/**
 * What one participant record counts for: its entry in the year of `dateEntree`; its exit, if any, in the year of its
 * date, positive (and « dont emploi ») when the rule set in force qualifies it so, otherwise « sans suite » split into
 * abandons (abandon, contract of engagement not respected), moves and the others — an exit still « à qualifier » or
 * « à décider par la commission » is not positive until it is decided, and is counted in its category meanwhile.
 */
export function apportParticipant(p: ParticipantCompte, versions: readonly VersionRegles[], dossierId?: string): Apport[] {
  const entree = Number(p.dateEntree.slice(0, 4));
  const apports: Apport[] = [{ annee: entree, compteur: 'entrees' }];
  if (dossierId) apports.push({ annee: entree, compteur: `op_${dossierId}_entrees` });
  const profils = [...(p.identite.sexe ? [p.identite.sexe] : []), ageProfil(p.identite.dateNaissance, p.dateEntree)] as const;
  for (const x of profils) apports.push({ annee: entree, compteur: `profil_${x}_entrees` });
  if (!p.sortie) return apports;
  const annee = Number(p.sortie.date.slice(0, 4));
  if (dossierId) apports.push({ annee, compteur: `op_${dossierId}_sorties` });
  const q = qualifierSortie({ ...p.sortie, dateNaissance: p.identite.dateNaissance }, versions, p.decisionCommission ?? null);
  const plus = (compteur: Compteur) => apports.push({ annee, compteur });
  // Tableau 2bis: the parcours' days, from entry to exit (a date before the entry counts no duration).
  const jours = Math.round((Date.parse(p.sortie.date.slice(0, 10)) - Date.parse(p.dateEntree.slice(0, 10))) / 86_400_000);
  if (jours >= 0) {
    const positive = CATEGORIES_POSITIVES.includes(q.categorie);
    for (const so of ['toutes', positive ? 'positives' : 'sans_suite'] as const) {
      for (const pu of ['total', ageProfil(p.identite.dateNaissance, p.dateEntree) === 'moins_26' ? 'moins_26' : 'plus_26'] as const) {
        for (const se of ['tous', ...(p.identite.sexe ? [p.identite.sexe] : [])] as const) {
          plus(`duree_${so}_${pu}_${se}_nombre`);
          if (jours > 0) apports.push({ annee, compteur: `duree_${so}_${pu}_${se}_jours`, valeur: jours });
        }
      }
    }
  }
  plus('sorties');
  plus(`categorie_${q.categorie}`);
  for (const x of profils) plus(`profil_${x}_${CATEGORIES_POSITIVES.includes(q.categorie) ? 'positives' : 'sansSuite'}`);
  if (CATEGORIES_POSITIVES.includes(q.categorie)) {
    plus('sortiesPositives');
    if (EMPLOI.includes(q.categorie)) plus('dontEmploi');
  } else {
    plus('sansSuite');
    plus(ABANDONS.has(p.sortie.situation) ? 'dontAbandons' : p.sortie.situation === 'demenagement' ? 'dontDemenagements' : 'dontAutres');
  }
  return apports;
}

/** Counters per year of a list of contributions (`signe` −1 to take them off). */
export function compter(apports: readonly Apport[], signe = 1, dans = new Map<number, CompteursAnnee>()): Map<number, CompteursAnnee> {
  for (const a of apports) {
    const c = dans.get(a.annee) ?? {};
    c[a.compteur] = (c[a.compteur] ?? 0) + signe * (a.valeur ?? 1);
    dans.set(a.annee, c);
  }
  return dans;
}

/** What changes when a participant's contribution goes from `avant` to `apres`: only the non-zero deltas, per year. */
export function ecart(avant: readonly Apport[], apres: readonly Apport[]): Map<number, CompteursAnnee> {
  const d = compter(avant, -1, compter(apres, 1));
  for (const [annee, c] of d) {
    for (const k of Object.keys(c) as Compteur[]) if (c[k] === 0) delete c[k];
    if (Object.keys(c).length === 0) d.delete(annee);
  }
  return d;
}

const n = (c: CompteursAnnee | undefined, k: Compteur) => c?.[k] ?? 0;

/** Tableau 1 of `annee` from the yearly counters of every year (the stock is the cumulated flows). */
export function fluxDeLAnnee(compteurs: ReadonlyMap<number, CompteursAnnee>, annee: number) {
  let entreesJusqua = 0;
  let sortiesAvant = 0;
  for (const [a, c] of compteurs) {
    if (a <= annee) entreesJusqua += n(c, 'entrees');
    if (a < annee) sortiesAvant += n(c, 'sorties');
  }
  const c = compteurs.get(annee);
  const durant = entreesJusqua - sortiesAvant;
  return {
    entrees: n(c, 'entrees'),
    enParcoursDurant: durant,
    enParcoursFin: durant - n(c, 'sorties'),
    sortiesPositives: n(c, 'sortiesPositives'),
    dontEmploi: n(c, 'dontEmploi'),
    sansSuite: n(c, 'sansSuite'),
    dontAbandons: n(c, 'dontAbandons'),
    dontDemenagements: n(c, 'dontDemenagements'),
    dontAutres: n(c, 'dontAutres'),
    sortiesParCategorie: Object.fromEntries(CATEGORIES_SORTIE.map((k) => [k, n(c, `categorie_${k}`)])) as Record<CategorieSortie, number>,
    durees: SORTIES_DUREE.flatMap((sortie) => PUBLICS_DUREE.flatMap((pu) => {
      const x = (se: 'tous' | 'femme' | 'homme') => ({ nombre: n(c, `duree_${sortie}_${pu}_${se}_nombre`), jours: n(c, `duree_${sortie}_${pu}_${se}_jours`) });
      const [tous, femmes, hommes] = [x('tous'), x('femme'), x('homme')];
      return tous.nombre ? [{ sortie, public: pu, tous, femmes, hommes }] : [];
    })),
    profils: Object.fromEntries((['femme', 'homme', ...AGES_PROFIL] as const).map((x) => [x, { entrees: n(c, `profil_${x}_entrees`), positives: n(c, `profil_${x}_positives`), sansSuite: n(c, `profil_${x}_sansSuite`) }])) as Record<'femme' | 'homme' | AgeProfil, { entrees: number; positives: number; sansSuite: number }>,
  };
}

/** Participants in parcours during `annee` per operation (entries up to the year − exits before it), by dossier id. */
export function participantsParOperation(compteurs: ReadonlyMap<number, CompteursAnnee>, annee: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const [a, c] of compteurs) {
    for (const [k, v] of Object.entries(c)) {
      const m = /^op_(.+)_(entrees|sorties)$/.exec(k);
      if (!m || !v) continue;
      const delta = m[2] === 'entrees' ? (a <= annee ? v : 0) : (a < annee ? -v : 0);
      out.set(m[1]!, (out.get(m[1]!) ?? 0) + delta);
    }
  }
  return out;
}

// ---------------------------------------------------------------- financing (Tableau 3)

export interface Operation {
  dossier: Pick<Dossier, 'id' | 'reference' | 'contenu' | 'organisationNom'> & { suivi: Pick<Dossier['suivi'], 'convention'> };
  bilans: readonly Bilan[];
}

/** A co-financer's name to its column of Tableau 3 (the plan names them freely); the nature decides the rest. */
export function financeurDe(nom: string, nature: 'public' | 'prive' | null): (typeof FINANCEURS)[number] {
  const s = nom.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
  if (/\b(departement|departemental|conseil general|cd\s?\d{2})\b/.test(s)) return 'conseil_general';
  if (/\b(region|regional)\b/.test(s)) return 'conseil_regional';
  if (/\b(etat|dreets|direccte|prefecture|ddets|ministere)\b/.test(s)) return 'etat';
  if (/\b(commune|ville|mairie|metropole|agglomeration|communaute|epci|ccas|intercommunal)/.test(s)) return 'collectivites_locales';
  return nature === 'prive' ? 'autres_prives' : 'autres_publics';
}

const euros = (centimes: number) => Math.round(centimes / 100);

/**
 * The operation's bilan that counts for `annee`: its latest bilan under or after CSF (a figure the OI controlled), if
 * that bilan was deposited in `annee`. Bilans are cumulative from the operation's start, so an operation counts in the
 * one year of its latest controlled bilan: never twice across years.
 */
export function bilanDeLAnnee(o: Operation, annee: number): Bilan | null {
  const controles = o.bilans.filter((b) => b.csf && b.depot).sort((a, b) => b.numero - a.numero);
  const dernier = controles[0];
  return dernier && Number(dernier.depot!.le.slice(0, 4)) === annee ? dernier : null;
}

/**
 * Tableau 3 of the PLIE's operations for `annee`: for each operation whose latest controlled bilan was deposited that
 * year, the FSE its CSF found due and the co-financing it declared received (by financer), all through the operations
 * (« directs »); FSE demandé is the FSE of its convention in force. Null when no operation counts this year.
 */
export function financementsDeLAnnee(operations: readonly Operation[], annee: number): FinancementsRealises | null {
  const retenues = operations.flatMap((o) => {
    const b = bilanDeLAnnee(o, annee);
    return b ? [{ o, b }] : [];
  });
  if (!retenues.length) return null;
  const parFinanceur = new Map<(typeof FINANCEURS)[number], number>();
  const ajouter = (f: (typeof FINANCEURS)[number], centimes: number) => parFinanceur.set(f, (parFinanceur.get(f) ?? 0) + centimes);
  let demande = 0;
  let consomme = 0;
  for (const { o, b } of retenues) {
    const plan = o.dossier.contenu.planFinancement.ressources.cofinancements;
    ajouter('fse', b.csf!.resultat.fseDuCentimes);
    for (const c of b.contenu.ressources.cofinancements) ajouter(financeurDe(c.financeur, plan.find((x) => x.financeur === c.financeur)?.nature ?? null), c.montantCentimes);
    // The porteur's own money (associations mostly): a private counterpart of the FSE.
    ajouter('autres_prives', b.contenu.ressources.autofinancementCentimes);
    demande += o.dossier.suivi.convention?.fseConventionneCentimes ?? o.dossier.contenu.planFinancement.ressources.fseCentimes;
    consomme += b.csf!.resultat.fseDuCentimes;
  }
  return {
    lignes: FINANCEURS.filter((f) => (parFinanceur.get(f) ?? 0) > 0).map((f) => ({ financeur: f, total: euros(parFinanceur.get(f)!), directs: euros(parFinanceur.get(f)!), indirects: 0 })),
    fseDemande: euros(demande),
    fseConsomme: euros(consomme),
  };
}

const JOURS_PAR_MOIS = 365.25 / 12;

/** The year's snapshot of one PLIE from its counters and operations: what `consolider` reads for an imported year. */
export function instantaneDirect(p: {
  annee: number; plie: string; libelle: string; calculeLe: string;
  compteurs: ReadonlyMap<number, CompteursAnnee>; operations: readonly Operation[];
}): InstantanePlie {
  const { sortiesParCategorie, profils, durees, ...flux } = fluxDeLAnnee(p.compteurs, p.annee);
  const financements = financementsDeLAnnee(p.operations, p.annee);
  const sorties = flux.sortiesPositives + flux.sansSuite;
  const avecFlux = flux.enParcoursDurant > 0 || sorties > 0;
  return {
    annee: p.annee,
    plie: p.plie,
    libelle: p.libelle,
    source: `Données de Guichet en direct (fiches des participants, bilans contrôlés), calculées le ${p.calculeLe}.`,
    perimetre: `${p.operations.length} opération${p.operations.length > 1 ? 's' : ''} programmée${p.operations.length > 1 ? 's' : ''}`,
    ...(avecFlux ? { flux } : {}),
    ...(financements ? { financements } : {}),
    // Tableau 2bis of the year's exits: mean months = Σ days ÷ exits ÷ (365,25 ÷ 12), unrounded (the report rounds).
    ...(durees.length ? {
      dureesParcours: {
        periode: `Sorties de ${p.annee} (dates d’entrée et de sortie des fiches des participants)`,
        lignes: durees.map((d) => {
          const mois = (x: { nombre: number; jours: number }) => x.jours / x.nombre / JOURS_PAR_MOIS;
          return {
            sortie: d.sortie, public: d.public,
            nombre: { total: d.tous.nombre, hommes: d.hommes.nombre, femmes: d.femmes.nombre },
            dureeMoyenne: { total: mois(d.tous), ...(d.hommes.nombre ? { hommes: mois(d.hommes) } : {}), ...(d.femmes.nombre ? { femmes: mois(d.femmes) } : {}) },
          };
        }),
      },
    } : {}),
    repartitions: [
      ...(sorties > 0
        ? [{
          tableau: 'T1bis',
          libelle: 'Sorties de l’année par catégorie (règles de sortie du PLIE en vigueur à la date de chaque sortie)',
          lignes: CATEGORIES_SORTIE.filter((c) => sortiesParCategorie[c] > 0).map((c) => ({ libelle: LIBELLES_CATEGORIE[c], valeur: sortiesParCategorie[c] })),
          totalImprime: sorties,
        }]
        : []),
      // Tableau 1's profiles: each breakdown sums to its total (sexe, or age band at entry), so none is flagged.
      ...(['entrees', 'positives', 'sansSuite'] as const).flatMap((k) => {
      const total = k === 'entrees' ? flux.entrees : k === 'positives' ? flux.sortiesPositives : flux.sansSuite;
      const quoi = k === 'entrees' ? 'Entrées de l’année' : k === 'positives' ? 'Sorties positives de l’année' : 'Sorties sans suite de l’année';
      if (total === 0) return [];
      return [
        { dimensions: ['femme', 'homme'] as const, par: 'par sexe' },
        { dimensions: AGES_PROFIL, par: 'par âge à l’entrée' },
      ].flatMap(({ dimensions, par }) => {
        const lignes = dimensions.map((x) => ({ libelle: LIBELLES_PROFIL[x], valeur: profils[x][k] })).filter((l) => l.valeur > 0);
        return lignes.length ? [{ tableau: 'T1 profils', libelle: `${quoi} ${par}`, lignes, totalImprime: total }] : [];
      });
    }),
    ],
    tauxImprimes: [],
  };
}
