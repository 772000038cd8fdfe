/**
 * The dossier as a form: amounts are the text people type (« 12 345,67 »), converted to integer cents without floats
 * by `saisieVersCentimes`. `convertir` gives the request body, the plan the browser checks live, and field errors keyed
 * by the API path of each field (`planFinancement.depenses.personnel.0.montantCentimes`), which is also what 400
 * answers name.
 */
import { centimesVersSaisie, saisieVersCentimes } from '../lib/format';
import { normaliserChemin, type Erreurs } from '../form/conversion';
import {
  ContenuDossier,
  MONTANT_MAX_PLAN_CENTIMES,
  type CategorieDepense,
  type TContenuDossier,
  type TPlanFinancement,
} from '../lib/schemas-dossier';

export const CATEGORIES: readonly { cle: CategorieDepense; libelle: string; aide: string }[] = [
  { cle: 'personnel', libelle: 'Dépenses directes de personnel', aide: 'Salaires et charges des personnes affectées à l’opération.' },
  { cle: 'fonctionnement', libelle: 'Dépenses directes de fonctionnement', aide: 'Locaux, fournitures, déplacements propres à l’opération.' },
  { cle: 'prestations', libelle: 'Prestations externes', aide: 'Services achetés à des tiers (formation, conseil…).' },
  { cle: 'participants', libelle: 'Autres dépenses liées aux participants', aide: 'Transport, hébergement, restauration des participants.' },
  {
    cle: 'remunerationsParticipants',
    libelle: 'Rémunérations et indemnités des participants',
    aide: 'Rémunérations, allocations et indemnités versées aux participants : admises en plus du taux forfaitaire de 40 %.',
  },
];

export interface FormLigne { libelle: string; montant: string }
export interface FormCofinancement {
  financeur: string;
  nature: 'public' | 'prive';
  contrepartieFse: boolean;
  attestation: 'prevue' | 'obtenue';
  montant: string;
}
export interface FormIndicateur { libelle: string; unite: string | null; cibleFiche: number | null; valeurPrevue: string }
export interface FormDossier {
  intitule: string;
  description: TContenuDossier['description'];
  calendrier: { debut: string; fin: string };
  indicateurs: FormIndicateur[];
  depenses: Record<CategorieDepense, FormLigne[]>;
  /** Code of the programme's staff flat rate; '' when staff costs are declared as lines. */
  personnelForfaitaire: string;
  indirects: { mode: 'aucun' | 'forfait' | 'reel'; option: string; montant: string; cleRepartition: string };
  ressources: { fse: string; cofinancements: FormCofinancement[]; autofinancement: string; recettes: string };
}

const saisie = (c: number) => (c === 0 ? '' : centimesVersSaisie(c));
const nombreFr = (n: number | null) => (n === null ? '' : String(n).replace('.', ','));

const enLignes = (l: readonly { libelle: string; montantCentimes: number }[]): FormLigne[] =>
  l.map((x) => ({ libelle: x.libelle, montant: centimesVersSaisie(x.montantCentimes) }));

export function versFormulaire(c: TContenuDossier): FormDossier {
  const p = c.planFinancement;
  const ind = p.indirects;
  return {
    intitule: c.intitule,
    description: { ...c.description },
    calendrier: { debut: c.calendrier?.debut ?? '', fin: c.calendrier?.fin ?? '' },
    indicateurs: c.indicateurs.map((i) => ({ libelle: i.libelle, unite: i.unite, cibleFiche: i.cibleFiche, valeurPrevue: nombreFr(i.valeurPrevue) })),
    depenses: {
      personnel: enLignes(p.depenses.personnel),
      fonctionnement: enLignes(p.depenses.fonctionnement),
      prestations: enLignes(p.depenses.prestations),
      participants: enLignes(p.depenses.participants),
      remunerationsParticipants: enLignes(p.depenses.remunerationsParticipants ?? []),
    },
    personnelForfaitaire: p.personnelForfaitaire?.option ?? '',
    indirects: {
      mode: ind.mode,
      option: ind.mode === 'forfait' ? ind.option : '',
      montant: ind.mode === 'reel' ? centimesVersSaisie(ind.montantCentimes) : '',
      cleRepartition: ind.mode === 'reel' ? ind.cleRepartition : '',
    },
    ressources: {
      fse: saisie(p.ressources.fseCentimes),
      cofinancements: p.ressources.cofinancements.map((c) => ({ ...c, montant: centimesVersSaisie(c.montantCentimes) })),
      autofinancement: saisie(p.ressources.autofinancementCentimes),
      recettes: saisie(p.ressources.recettesCentimes),
    },
  };
}

export const MESSAGE_MONTANT = 'Montant en euros attendu, par exemple 12 345,67.';

/** Text → cents; an empty field is 0. Unreadable or too large: an error, and 0 for the live computation. */
function montant(texte: string, chemin: string, erreurs: Erreurs): number {
  if (!texte.trim()) return 0;
  const c = saisieVersCentimes(texte);
  if (c === null) erreurs[chemin] = MESSAGE_MONTANT;
  else if (c > MONTANT_MAX_PLAN_CENTIMES) erreurs[chemin] = 'Un montant ne peut pas dépasser 100 000 000 000,00 €.';
  else return c;
  return 0;
}

export interface Conversion {
  /** The body of PUT /dossiers/{id}, typed; it may still break the schema (then `erreurs` says where). */
  contenu: TContenuDossier;
  plan: TPlanFinancement;
  erreurs: Erreurs;
  /** API path (normalised) → the path of the form field it came from (empty lines are not sent). */
  versChamp: (chemin: string) => string;
}

const vide = (...s: string[]) => s.every((x) => !x.trim());

export function convertir(f: FormDossier, periode: { debut: string; fin: string } | null): Conversion {
  const erreurs: Erreurs = {};
  const origines: Record<string, number[]> = {};
  const base = 'planFinancement';
  const depenses = {} as TPlanFinancement['depenses'];
  for (const { cle } of CATEGORIES) {
    const chemin = `${base}.depenses.${cle}`;
    origines[chemin] = [];
    depenses[cle] = f.depenses[cle].flatMap((l, i) => {
      if (vide(l.libelle, l.montant)) return [];
      origines[chemin]!.push(i);
      return [{ libelle: l.libelle, montantCentimes: montant(l.montant, `${chemin}.${i}.montantCentimes`, erreurs) }];
    });
  }
  const cof = `${base}.ressources.cofinancements`;
  origines[cof] = [];
  const cofinancements = f.ressources.cofinancements.flatMap((c, i) => {
    if (vide(c.financeur, c.montant)) return [];
    origines[cof]!.push(i);
    const { montant: texte, ...reste } = c;
    return [{ ...reste, montantCentimes: montant(texte, `${cof}.${i}.montantCentimes`, erreurs) }];
  });
  const ind = f.indirects;
  const indirects: TPlanFinancement['indirects'] =
    ind.mode === 'forfait'
      ? { mode: 'forfait', option: ind.option }
      : ind.mode === 'reel'
        ? { mode: 'reel', montantCentimes: montant(ind.montant, `${base}.indirects.montantCentimes`, erreurs), cleRepartition: ind.cleRepartition }
        : { mode: 'aucun' };
  const r = f.ressources;
  const plan: TPlanFinancement = {
    depenses,
    personnelForfaitaire: f.personnelForfaitaire ? { option: f.personnelForfaitaire } : null,
    indirects,
    ressources: {
      fseCentimes: montant(r.fse, `${base}.ressources.fseCentimes`, erreurs),
      cofinancements,
      autofinancementCentimes: montant(r.autofinancement, `${base}.ressources.autofinancementCentimes`, erreurs),
      recettesCentimes: montant(r.recettes, `${base}.ressources.recettesCentimes`, erreurs),
    },
  };
  const contenu: TContenuDossier = {
    intitule: f.intitule,
    description: f.description,
    calendrier: calendrier(f.calendrier, periode, erreurs),
    indicateurs: f.indicateurs.map((i, n) => ({ libelle: i.libelle, unite: i.unite, cibleFiche: i.cibleFiche, valeurPrevue: valeur(i.valeurPrevue, n, erreurs) })),
    planFinancement: plan,
  };
  const versChamp = (chemin: string) => {
    const c = normaliserChemin(chemin);
    for (const [prefixe, o] of Object.entries(origines)) {
      const m = new RegExp(`^${prefixe.replace(/\./g, '\\.')}\\.(\\d+)(.*)$`).exec(c);
      if (m) return `${prefixe}.${o[Number(m[1])] ?? m[1]}${m[2]}`;
    }
    return c;
  };
  const lu = ContenuDossier.safeParse(contenu);
  if (!lu.success) {
    for (const issue of lu.error.issues) {
      const champ = versChamp(issue.path.join('.'));
      erreurs[champ] ??= issue.message;
    }
  }
  return { contenu, plan, erreurs, versChamp };
}

function calendrier(c: FormDossier['calendrier'], periode: { debut: string; fin: string } | null, erreurs: Erreurs) {
  if (!c.debut && !c.fin) return null;
  if (!c.debut) erreurs['calendrier.debut'] = 'Indiquez la date de début.';
  if (!c.fin) erreurs['calendrier.fin'] = 'Indiquez la date de fin.';
  if (!c.debut || !c.fin) return null;
  if (periode) {
    const hors = (d: string) => d < periode.debut || d > periode.fin;
    const texte = `comprise dans la période de la fiche (${formatJour(periode.debut)} – ${formatJour(periode.fin)})`;
    if (hors(c.debut)) erreurs['calendrier.debut'] = `La date de début doit être ${texte}.`;
    if (hors(c.fin)) erreurs['calendrier.fin'] = `La date de fin doit être ${texte}.`;
  }
  if (c.fin < c.debut) erreurs['calendrier.fin'] ??= 'La fin de l’opération précède son début.';
  return { debut: c.debut, fin: c.fin };
}

const formatJour = (d: string) => d.split('-').reverse().join('/');

function valeur(texte: string, n: number, erreurs: Erreurs): number | null {
  const t = texte.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (!t) return null;
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t);
  erreurs[`indicateurs.${n}.valeurPrevue`] = 'Nombre positif attendu, par exemple 60 ou 12,5.';
  return null;
}

export const ligneVide = (): FormLigne => ({ libelle: '', montant: '' });
export const cofinancementVide = (): FormCofinancement => ({ financeur: '', nature: 'public', contrepartieFse: true, attestation: 'prevue', montant: '' });
