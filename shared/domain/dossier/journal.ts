import type { Actor } from '../../auth/roles';
import { nomDe } from '../../auth/personne';
import type { Dossier, Evenement, StatutDossier, VerificationJournal } from '../../schemas/dossier';
import { canonique, sha256 } from './dossier';

/**
 * Appends an audit event to a dossier's chain: the event carries the previous event's hash, and the dossier keeps the
 * head of the chain (the new hash and the number of events). Persisted in the same transaction as the state it
 * records, so the head on the dossier is always the last event written.
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
  // A dossier stored before the count was kept has none: counting on from an unknown number would record a false one.
  const compte = dossier.evenementsJournal === undefined ? {} : { evenementsJournal: dossier.evenementsJournal + 1 };
  return { dossier: { ...dossier, empreinteJournal: evenement.hash, ...compte }, evenement };
}

/** true when every event's hashPrecedent is its predecessor's hash and every hash matches its content. */
export function chaineIntegre(evenements: Evenement[]): boolean {
  return verifierJournal(evenements, { empreinte: evenements.at(-1)?.hash ?? null }).integre;
}

const evenements_ = (n: number) => `${n} événement${n > 1 ? 's' : ''}`;
const decrire = (e: Evenement, position: number) => `l’événement n° ${position} (« ${e.type} » du ${e.le}, ${e.id})`;

/**
 * Checks the events read (oldest first) against the head stored on the dossier: each event's hash matches its content,
 * each carries its predecessor's hash, the first starts the chain, and the last is the head (same hash, same count).
 * A chain alone cannot tell that its last events were deleted; the head can. Says where the chain breaks, in French.
 *
 * `nombre` is undefined for dossiers stored before the count was kept. They are not backfilled: a start-up migration
 * would have to read every event of every dossier, and their head hash, written with each event since the journal
 * exists, already pins the whole chain (a deleted, altered or missing event cannot end on it); so they are checked on
 * the hash alone and the answer says the count is not recorded. A dossier with no head at all is not called intact.
 */
export function verifierJournal(evenements: Evenement[], tete: { empreinte: string | null; nombre?: number | undefined }): VerificationJournal {
  const lus = evenements.length;
  const attendus = tete.nombre ?? null;
  const rompue = (position: number | null, evenementId: string | null, message: string): VerificationJournal => ({
    etat: 'rompue', integre: false, evenementsLus: lus, evenementsAttendus: attendus, rupture: { position, evenementId }, message,
  });
  let precedent: string | null = null;
  for (const [i, e] of evenements.entries()) {
    const { hash, ...reste } = e;
    if (sha256(canonique(reste)) !== hash) {
      return rompue(i + 1, e.id, `Chaîne d’audit rompue : ${decrire(e, i + 1)} a été modifié, son contenu ne correspond plus à son empreinte.`);
    }
    if (e.hashPrecedent !== precedent) {
      return rompue(i + 1, e.id, i === 0
        ? `Chaîne d’audit rompue : ${decrire(e, 1)} ne commence pas la chaîne, un ou plusieurs événements antérieurs manquent.`
        : `Chaîne d’audit rompue avant ${decrire(e, i + 1)} : il ne suit pas l’événement n° ${i}, un ou plusieurs événements entre les deux manquent ou ont été modifiés.`);
    }
    precedent = hash;
  }
  if (tete.empreinte === null) {
    return {
      etat: 'non_verifiable', integre: false, evenementsLus: lus, evenementsAttendus: attendus, rupture: null,
      message: 'Tête de chaîne non enregistrée sur ce dossier : les événements lus s’enchaînent, mais la disparition des derniers ne peut pas être exclue.',
    };
  }
  if (precedent !== tete.empreinte) {
    const fin = attendus !== null && attendus > lus
      ? `${evenements_(attendus - lus)} sur ${attendus} manque${attendus - lus > 1 ? 'nt' : ''} à la fin`
      : 'le ou les derniers événements manquent ou ont été modifiés';
    return rompue(lus + 1, null, lus === 0
      ? `Chaîne d’audit rompue : aucun événement lu, alors que le dossier ${attendus !== null ? `en enregistre ${attendus}` : 'enregistre une tête de chaîne'}.`
      : `Chaîne d’audit rompue après l’événement n° ${lus} : il n’est pas le dernier enregistré sur le dossier, ${fin}.`);
  }
  if (attendus !== null && attendus !== lus) {
    return rompue(null, null, `Chaîne d’audit rompue : ${evenements_(lus)} lu${lus > 1 ? 's' : ''}, ${attendus} enregistré${attendus > 1 ? 's' : ''} sur le dossier.`);
  }
  return {
    etat: 'integre', integre: true, evenementsLus: lus, evenementsAttendus: attendus, rupture: null,
    message: attendus === null
      ? `Chaîne d’audit intègre : ${evenements_(lus)}, chacun porte l’empreinte du précédent et le dernier est la tête enregistrée sur le dossier (nombre d’événements non enregistré, dossier antérieur à son suivi).`
      : `Chaîne d’audit intègre : ${evenements_(lus)} sur ${attendus}, chacun porte l’empreinte du précédent et le dernier est la tête enregistrée sur le dossier.`,
  };
}
