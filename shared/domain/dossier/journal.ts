import type { Actor } from '../../auth/roles';
import { nomDe } from '../../auth/personne';
import type { Dossier, Evenement, StatutDossier } from '../../schemas/dossier';
import { canonique, sha256 } from './dossier';

/**
 * Appends an audit event to a dossier's chain: the event carries the previous event's hash, and the dossier keeps
 * the new one. Persisted in the same transaction as the state it records.
 */
export function journaliser(
  dossier: Dossier,
  p: { id: string; type: string; auteur: Actor; de: StatutDossier | null; maintenant: Date; donnees?: Record<string, unknown> },
): { dossier: Dossier; evenement: Evenement } {
  const sansHash = {
    id: p.id,
    dossierId: dossier.id,
    type: p.type,
    le: p.maintenant.toISOString(),
    auteur: p.auteur.userId,
    auteurNom: nomDe(p.auteur),
    de: p.de,
    vers: dossier.statut,
    ...(p.donnees ? { donnees: p.donnees } : {}),
    hashPrecedent: dossier.empreinteJournal,
  };
  const evenement: Evenement = { ...sansHash, hash: sha256(canonique(sansHash)) };
  return { dossier: { ...dossier, empreinteJournal: evenement.hash }, evenement };
}

/** true when every event's hashPrecedent is its predecessor's hash and every hash matches its content. */
export function chaineIntegre(evenements: Evenement[]): boolean {
  let precedent: string | null = null;
  for (const e of evenements) {
    const { hash, ...reste } = e;
    if (e.hashPrecedent !== precedent || sha256(canonique(reste)) !== hash) return false;
    precedent = hash;
  }
  return true;
}
