/**
 * Exports of the OI's dossiers as jobs: the request records a job (its INSERT on the table's stream starts it), the
 * job reads the list page after page through the same indexes as the screen and writes each page's rows, progress is
 * recorded per page, and the caller follows it until a download link is given.
 */
import type { Actor } from '../../auth/roles';
import { exiger } from '../../auth/politique';
import type { ResumeDossier } from '../../schemas/dossier';
import type { DemandeExport, TacheExport } from '../../schemas/export';
import type { Cellule, Colonne } from '../../exports/tableur';
import { Introuvable } from '../errors';
import { listerPourOi, resumer, type ContexteDossier } from './use-cases';

/** The port export jobs persist through. */
export interface ExportStore {
  creer(t: TacheExport): Promise<void>;
  lire(id: string): Promise<TacheExport | null>;
  avancer(id: string, lignes: number): Promise<void>;
  terminer(id: string, r: { lignes: number; cle: string; termineLe: string }): Promise<void>;
  echouer(id: string, motif: string, le: string): Promise<void>;
}

export interface ContexteExport extends ContexteDossier {
  exports: ExportStore;
  /** A short-lived download link of a written export. */
  lien(cle: string, nomFichier: string, format: DemandeExport['format']): Promise<string>;
}

const LIBELLES_STATUT: Record<string, string> = {
  brouillon: 'Brouillon', depose: 'Déposé', complement_demande: 'Compléments demandés', recevable: 'Recevable',
  irrecevable: 'Irrecevable', instruit: 'Instruit', inscrit_comite: 'Inscrit en comité', selectionne: 'Sélectionné',
  ajourne: 'Ajourné', rejete: 'Rejeté', programme: 'Programmé',
};

export const COLONNES: Colonne[] = [
  { titre: 'Référence' }, { titre: 'Fiche' }, { titre: 'PLIE' }, { titre: 'Organisation' }, { titre: 'SIRET' },
  { titre: 'Intitulé' }, { titre: 'Statut' }, { titre: 'Déposé le (UTC)', format: 'date' },
  { titre: 'Coût total', format: 'euros' }, { titre: 'FSE demandé', format: 'euros' },
];

export const ligne = (d: ResumeDossier): Cellule[] => [
  d.reference, d.ficheCode, d.plie, d.organisationNom, d.siret, d.intitule, LIBELLES_STATUT[d.statut] ?? d.statut,
  d.depot?.deposeLe ?? null, d.coutTotalCentimes, d.fseCentimes,
];

/** load → decide → persist: a job exporting the AAP's dossiers matching the filters (the list's policy). */
export async function demanderExport(ctx: ContexteExport, actor: Actor, demande: DemandeExport, id: string): Promise<TacheExport> {
  const { format, ...filtres } = demande;
  // The list's own check (AAP of the caller's OI), on an empty page: the job reads nothing the caller could not list.
  const { aap } = await listerPourOi(ctx, actor, { ...filtres, limit: 1, statut: filtres.statut ?? 'depose' });
  const tache: TacheExport = {
    id, oi: actor.oi!, demandePar: actor.userId, aapReference: aap.reference, demande, etat: 'en_attente', lignes: 0,
    creeLe: ctx.maintenant.toISOString(), termineLe: null, cle: null, nomFichier: `dossiers-${aap.reference}.${format}`, motif: null,
  };
  await ctx.exports.creer(tache);
  return tache;
}

/** load → decide: the job's progress and, once written, a download link (OI staff of the job's OI). */
export async function suivreExport(ctx: ContexteExport, actor: Actor, id: string) {
  const introuvable = () => new Introuvable('EXPORT_INTROUVABLE', `Aucun export de votre OI ne porte l’identifiant ${id}.`);
  const t = await ctx.exports.lire(id);
  if (!t) throw introuvable();
  exiger(actor, 'dossier.lister_gestion', { oi: t.oi }, introuvable);
  const { cle, ...reste } = t;
  return { ...reste, url: t.etat === 'termine' && cle ? await ctx.lien(cle, t.nomFichier, t.demande.format) : null };
}

/** The job's rows, a page (500 dossiers) at a time, read through the list's indexes. */
export async function* pagesExport(ctx: ContexteDossier, t: TacheExport): AsyncGenerator<Cellule[][]> {
  const { format: _f, ...filtres } = t.demande;
  let cursor: string | undefined;
  do {
    const page = await ctx.dossiers.parAap({ ...filtres, oi: t.oi, limit: 500, ...(cursor ? { cursor } : {}) });
    yield (await resumer(ctx, page.items)).map(ligne);
    cursor = page.cursor ?? undefined;
  } while (cursor);
}
