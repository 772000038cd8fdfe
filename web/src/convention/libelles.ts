/** Words of the convention screens: states, statuts, the avenant's diff paths and values. */
import { REGIMES_AIDE, type VersionConvention } from '#shared/schemas/convention';
import type { LigneConvention } from '#shared/schemas/gestion';
import { formatDate, formatMontant, formatPourcentage, formatValeur } from '../lib/format';

export const ETATS_CONVENTION: Record<LigneConvention['etat'] | 'en_vigueur', string> = {
  a_preparer: 'À préparer',
  en_preparation: 'En préparation',
  a_signer_porteur: 'À signer par le porteur',
  a_contresigner: 'À contresigner',
  en_vigueur: 'En vigueur',
};

export const STATUTS_VERSION: Record<VersionConvention['statut'], string> = {
  en_preparation: 'En préparation',
  a_signer_porteur: 'À signer par le porteur',
  a_contresigner: 'Signée par le porteur, à contresigner par l’OI',
  en_vigueur: 'En vigueur',
  remplacee: 'Remplacée',
};

/** « Convention initiale » (version 1) or « Avenant n° 1 » (version 2), as the documents name them. */
export const nomVersion = (v: Pick<VersionConvention, 'nature' | 'numero'>): string =>
  v.nature === 'initiale' ? 'Convention initiale' : `Avenant n° ${v.numero - 1}`;

export const libelleRegime = (code: string): string => (REGIMES_AIDE as Record<string, string>)[code] ?? code;

const CHEMINS: Record<string, string> = {
  'objet.intitule': 'Intitulé de l’opération',
  'objet.objectifs': 'Objectifs',
  'objet.territoire': 'Territoire',
  'periode.debut': 'Début de l’opération',
  'periode.fin': 'Fin de l’opération',
  fseConventionneCentimes: 'FSE conventionné',
  regimeAide: 'Régime d’aide',
  'representant.nom': 'Représentant — nom',
  'representant.qualite': 'Représentant — qualité',
  representant: 'Représentant',
  avancePct: 'Avance (% du FSE)',
  bilansIntermediaires: 'Bilans intermédiaires',
  'plan.ressources.fseCentimes': 'Plan — FSE',
  'plan.ressources.autofinancementCentimes': 'Plan — autofinancement',
  'plan.ressources.recettesCentimes': 'Plan — recettes',
  'plan.ressources.cofinancements': 'Plan — cofinancements',
  'plan.depenses': 'Plan — dépenses',
  'plan.indirects': 'Plan — coûts indirects',
};

/** `periode.fin` → « Fin de l’opération »; a path of the plan not listed keeps its technical name after « Plan — ». */
export function libelleChemin(chemin: string): string {
  if (CHEMINS[chemin]) return CHEMINS[chemin];
  const racine = Object.keys(CHEMINS).filter((k) => chemin.startsWith(`${k}.`) || chemin.startsWith(`${k}[`)).sort((a, b) => b.length - a.length)[0];
  return racine ? `${CHEMINS[racine]} (${chemin.slice(racine.length).replace(/^\./, '')})` : chemin;
}

const estJour = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);

/** A value of the avenant's diff, in words: dates, amounts, régime, percentages. */
export function valeurChemin(chemin: string, v: unknown): string {
  if (v === null || v === undefined) return '(vide)';
  if (estJour(v)) return formatDate(v);
  if (typeof v === 'number' && /Centimes$/.test(chemin)) return formatMontant(v);
  if (chemin === 'regimeAide' && typeof v === 'string') return libelleRegime(v);
  if (chemin === 'avancePct' && typeof v === 'number') return formatPourcentage(v);
  if (chemin === 'representant' && typeof v === 'object') {
    const r = v as { nom?: string; qualite?: string };
    return `${r.nom ?? ''}${r.qualite ? `, ${r.qualite}` : ''}`;
  }
  return formatValeur(v);
}

/** The past participle agreeing with the version: « Convention initiale signée », « Avenant n° 1 signé ». */
export const accorde = (v: Pick<VersionConvention, 'nature'>, participe: string): string => (v.nature === 'initiale' ? `${participe}e` : participe);

/** « la convention initiale », « l’avenant n° 1 »: the version named inside a sentence. */
export const leNom = (v: Pick<VersionConvention, 'nature' | 'numero'>): string =>
  v.nature === 'initiale' ? 'la convention initiale' : `l’avenant n° ${v.numero - 1}`;
