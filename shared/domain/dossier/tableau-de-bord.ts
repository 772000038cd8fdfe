/**
 * The OI's tableau de bord, pure: which work queue each deposited dossier is in, the counters, the deadlines to come,
 * and the text search (words folded to lower case without accents, each contained in référence, organisation, SIRET
 * or intitulé).
 */
import type { Dossier } from '../../schemas/dossier';
import type { File } from '../../schemas/gestion';
import { FILES } from '../../schemas/gestion';
import { normaliser } from '../aap/aap';

export const STATUT_DE_LA_FILE: Record<Exclude<File, 'complements_en_retard'>, Dossier['statut']> = {
  a_examiner: 'depose',
  complements: 'complement_demande',
  a_instruire: 'recevable',
  a_inscrire: 'instruit',
  en_comite: 'inscrit_comite',
  a_programmer: 'selectionne',
  programmes: 'programme',
};

/** Compléments are overdue the day after their due date (a local date of the AAP's zone). */
export const complementsEnRetard = (d: Pick<Dossier, 'statut' | 'complements'>, aujourdhui: string): boolean =>
  d.statut === 'complement_demande' && !!d.complements && d.complements.dateLimite < aujourdhui;

export function dansLaFile(d: Dossier, file: File, aujourdhui: string): boolean {
  if (file === 'complements_en_retard') return complementsEnRetard(d, aujourdhui);
  return d.statut === STATUT_DE_LA_FILE[file];
}

/** The counters of the queues; `aujourdhui` gives the local date of each dossier's AAP zone. */
export function compter(dossiers: readonly Dossier[], aujourdhui: (d: Dossier) => string): Record<File, number> {
  const c = Object.fromEntries(FILES.map((f) => [f, 0])) as Record<File, number>;
  for (const d of dossiers) for (const f of FILES) if (dansLaFile(d, f, aujourdhui(d))) c[f] += 1;
  return c;
}

/** Folded for comparison: lower case, no accents, ligatures spelt out, whitespace collapsed. */
export const plier = (s: string): string => normaliser(s).replace(/œ/g, 'oe').replace(/æ/g, 'ae').replace(/\s+/g, ' ').trim();

/** The words of a query, folded; an empty query matches everything. */
export const motsDe = (q: string | undefined): string[] => (q ? plier(q).split(' ').filter(Boolean) : []);

/** Every word is contained in the référence, the organisation's name, the SIRET (spaces ignored) or the intitulé. */
export function correspond(d: Pick<Dossier, 'reference' | 'organisationNom' | 'siret' | 'contenu'>, mots: readonly string[]): boolean {
  if (mots.length === 0) return true;
  const texte = plier([d.reference, d.organisationNom, d.siret, d.contenu.intitule].join(' \u0001 '));
  return mots.every((m) => texte.includes(m) || (/^\d+$/.test(m) && d.siret.includes(m)));
}

/** Oldest dépôt first: queues are worked in order of arrival. */
export const parDepot = (a: Dossier, b: Dossier): number =>
  (a.depot?.deposeLe ?? a.creeLe).localeCompare(b.depot?.deposeLe ?? b.creeLe) || a.id.localeCompare(b.id);
