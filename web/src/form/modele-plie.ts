/**
 * The editable form of a PLIE: the API's `ContenuPlie` with empty strings for absent texts, the communes typed one
 * per line and the objectives' targets as typed. What the form does not edit (the source document and its line
 * references) is kept in `origine` and sent back as read.
 */
import { libelleChamp } from '../lib/libelles';
import type { TContenuPlie, TPlie } from '../lib/schemas';
import { lignes, nombre, normaliserChemin, vide, type Erreurs } from './conversion';
import type { FormIndicateur } from './modele';

/** The PLIE's own texts written in texte riche (the territory has one more, `territoire.texte`). */
export type CleTexte = 'presentation' | 'publicCible' | 'conditionsEntree' | 'objectifsTexte' | 'criteresSortie' | 'gouvernance';

export type FormPlie = Record<CleTexte, string> & {
  origine: Pick<TContenuPlie, 'lignesSource' | 'source'>;
  nom: string;
  siteWeb: string;
  territoire: { texte: string; communes: string };
  objectifsQuantitatifs: FormIndicateur[];
};

/** French names of the PLIE's fields by API path: the error summary. */
export const LIBELLES_PLIE: Record<string, string> = {
  nom: 'Nom du PLIE',
  siteWeb: 'Site web',
  presentation: 'Présentation',
  territoire: 'Territoire',
  'territoire.texte': 'Description du territoire',
  'territoire.communes': 'Communes et territoires couverts',
  publicCible: 'Public cible',
  conditionsEntree: 'Conditions d’entrée',
  objectifsQuantitatifs: 'Objectifs quantitatifs',
  objectifsTexte: 'Objectifs (texte)',
  criteresSortie: 'Critères de sortie',
  gouvernance: 'Gouvernance',
  lignesSource: 'Lignes de la source (non modifiables ici)',
  source: 'Source (non modifiable ici)',
};

export const libelleChampPlie = (chemin: string): string => libelleChamp(chemin, LIBELLES_PLIE);

const texteSaisi = (n: number | null): string => (n === null ? '' : String(n).replace('.', ','));

export function versFormulairePlie(p: TPlie): FormPlie {
  return {
    origine: { lignesSource: p.lignesSource, source: p.source },
    nom: p.nom,
    siteWeb: p.siteWeb ?? '',
    presentation: p.presentation ?? '',
    territoire: { texte: p.territoire.texte ?? '', communes: p.territoire.communes.join('\n') },
    publicCible: p.publicCible ?? '',
    conditionsEntree: p.conditionsEntree ?? '',
    objectifsQuantitatifs: p.objectifsQuantitatifs.map((o) => ({ libelle: o.libelle, cible: texteSaisi(o.cible), unite: o.unite ?? '' })),
    objectifsTexte: p.objectifsTexte ?? '',
    criteresSortie: p.criteresSortie ?? '',
    gouvernance: p.gouvernance ?? '',
  };
}

/** The request body (before schema validation) and the errors of targets that are not numbers. */
export function versContenuPlie(f: FormPlie): { brut: unknown; erreurs: Erreurs } {
  const erreurs: Erreurs = {};
  const brut = {
    ...f.origine,
    nom: f.nom,
    siteWeb: vide(f.siteWeb)?.trim() ?? null,
    presentation: vide(f.presentation),
    territoire: { texte: vide(f.territoire.texte), communes: lignes(f.territoire.communes) },
    publicCible: vide(f.publicCible),
    conditionsEntree: vide(f.conditionsEntree),
    objectifsQuantitatifs: f.objectifsQuantitatifs.map((o, i) => {
      const cible = nombre(o.cible);
      if (cible === undefined) erreurs[`objectifsQuantitatifs.${i}.cible`] = 'Cible : un nombre est attendu (ex. 120 ou 12,5).';
      return { libelle: o.libelle, cible: cible ?? null, unite: vide(o.unite) };
    }),
    objectifsTexte: vide(f.objectifsTexte),
    criteresSortie: vide(f.criteresSortie),
    gouvernance: vide(f.gouvernance),
  };
  return { brut, erreurs };
}

/**
 * An error of the client schema or of the API (`corps.territoire.communes[3]`) as [field, message]: a commune's error
 * goes to the communes textarea, with its rank.
 */
export function erreurPlie(chemin: string, message: string): [string, string] {
  const c = normaliserChemin(chemin);
  const commune = /^territoire\.communes\.(\d+)/.exec(c);
  if (commune) return ['territoire.communes', `Commune n° ${Number(commune[1]) + 1} : ${message}`];
  return [c, message];
}
