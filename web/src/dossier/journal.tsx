import { vuePorteur } from '#shared/domain/dossier/statut-porteur';
import { libelleEvenement, LIBELLES_STATUT_DOSSIER } from '../components/dossier-ui';
import { Alerte, Chargement, ErreurApi } from '../components/ui';
import { useApi } from '../lib/api';
import { formatInstant } from '../lib/format';
import { Journal, type TVerificationJournal } from '../lib/schemas-dossier';

/** The dossier's audit trail (append-only, hash-chained) and whether the chain holds. */
/** Remount it (key) to reload after a transition. */
/** `porteur`: states read as the porteur's five statuts (the OI keeps the detailed ones). */
export function JournalDossier({ dossierId, porteur = false }: { dossierId: string; porteur?: boolean }) {
  const statut = (s: keyof typeof LIBELLES_STATUT_DOSSIER) => (porteur ? vuePorteur(s).libelle : LIBELLES_STATUT_DOSSIER[s]);
  const { data, erreur, chargement, recharger } = useApi(`/dossiers/${encodeURIComponent(dossierId)}/evenements`, Journal, true);
  return (
    <section className="carte" aria-labelledby="journal-titre" id="section-journal">
      <h2 id="journal-titre">Journal du dossier</h2>
      {chargement && !data && <Chargement texte="Chargement du journal…" />}
      {erreur && <ErreurApi erreur={erreur} onReessayer={recharger} />}
      {data && (
        <>
          <VerdictChaine verification={data.verification} porteur={porteur} />
          <ol className="journal">
            {data.items.map((e, i) => {
              const rupture = data.verification.rupture?.position === i + 1;
              return (
                <li key={e.id} className={rupture ? 'journal-rupture' : undefined}>
                  {rupture && <p className="journal-rupture-libelle">La chaîne se rompt ici</p>}
                  <p className="journal-titre">
                    <strong>{libelleEvenement(e.type)}</strong> — <time dateTime={e.le}>{formatInstant(e.le)}</time>
                  </p>
                  <p className="discret">
                    Par {e.auteurNom ?? e.auteur} · {e.de && statut(e.de) !== statut(e.vers) ? `${statut(e.de)} → ` : ''}{statut(e.vers)}
                  </p>
                  <p className="empreinte"><span className="sr-only">Empreinte : </span><code>{e.hash.slice(0, 16)}…</code></p>
                </li>
              );
            })}
            {data.verification.rupture?.position === data.items.length + 1 && (
              <li className="journal-rupture">
                <p className="journal-rupture-libelle">
                  {manquants(data.verification.evenementsAttendus, data.items.length)}
                </p>
              </li>
            )}
          </ol>
        </>
      )}
    </section>
  );
}

/** The label of a missing tail: how many events, when the dossier recorded its count. */
function manquants(attendus: number | null, lus: number): string {
  if (attendus === null || attendus <= lus) return 'Fin du journal manquante ou modifiée';
  const n = attendus - lus;
  return n === 1 ? '1 événement manquant à la fin du journal' : `${n} événements manquants à la fin du journal`;
}

/** Intact, broken (with the server's sentence saying where) or not verifiable: never « intègre » unless the head matched. */
function VerdictChaine({ verification: v, porteur }: { verification: TVerificationJournal; porteur: boolean }) {
  if (v.etat === 'integre') {
    return <p className="verdict verdict-ok"><span aria-hidden="true">✓ </span>{v.message}</p>;
  }
  const consigne = porteur
    ? 'Signalez-le à l’organisme intermédiaire qui instruit votre dossier.'
    : 'Ce journal ne fait plus preuve pour ce dossier : signalez-le à l’administrateur de la plateforme avant toute décision.';
  return (
    <Alerte titre={v.etat === 'rompue' ? 'Chaîne d’audit rompue' : 'Chaîne d’audit non vérifiable'} type={v.etat === 'rompue' ? 'erreur' : 'avertissement'}>
      <p>{v.message}</p>
      <p>{consigne}</p>
    </Alerte>
  );
}
