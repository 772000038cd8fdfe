import { vuePorteur } from '#shared/domain/dossier/statut-porteur';
import { libelleEvenement, LIBELLES_STATUT_DOSSIER } from '../components/dossier-ui';
import { Alerte, Chargement, ErreurApi } from '../components/ui';
import { useApi } from '../lib/api';
import { formatInstant } from '../lib/format';
import { Journal } from '../lib/schemas-dossier';

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
          {data.integre ? (
            <p className="verdict verdict-ok"><span aria-hidden="true">✓ </span>Chaîne d’audit intègre : chaque événement porte l’empreinte du précédent.</p>
          ) : (
            <Alerte titre="Chaîne d’audit rompue">{<p>Un événement ne correspond plus à l’empreinte enregistrée : signalez-le à l’administrateur.</p>}</Alerte>
          )}
          <ol className="journal">
            {data.items.map((e) => (
              <li key={e.id}>
                <p className="journal-titre">
                  <strong>{libelleEvenement(e.type)}</strong> — <time dateTime={e.le}>{formatInstant(e.le)}</time>
                </p>
                <p className="discret">
                  Par {e.auteurNom ?? e.auteur} · {e.de && statut(e.de) !== statut(e.vers) ? `${statut(e.de)} → ` : ''}{statut(e.vers)}
                </p>
                <p className="empreinte"><span className="sr-only">Empreinte : </span><code>{e.hash.slice(0, 16)}…</code></p>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
