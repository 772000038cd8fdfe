import type { Actor } from '../../auth/roles';
import type { FiltresDossiersOi, ResumeDossier } from '../../schemas/dossier';
import type { Cellule, Colonne } from '../../exports/tableur';
import { listerPourOi, type ContexteDossier } from './use-cases';

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

/** Every dossier matching the filters (all pages, up to 10 000 rows), as spreadsheet rows. */
export async function exporter(ctx: ContexteDossier, actor: Actor, f: FiltresDossiersOi) {
  const lignes: Cellule[][] = [];
  let cursor: string | undefined = f.cursor;
  let reference = '';
  do {
    const page = await listerPourOi(ctx, actor, { ...f, limit: 500, ...(cursor ? { cursor } : {}) });
    reference = page.aap.reference;
    lignes.push(...page.items.map(ligne));
    cursor = page.cursor ?? undefined;
  } while (cursor && lignes.length < 10_000);
  return { colonnes: COLONNES, lignes, nom: `dossiers-${reference}` };
}
