import { useRef, useState } from 'react';
import { Chargement, ErreurApi } from '../components/ui';
import { api, useApi, type ApiError, enErreur } from '../lib/api';
import { useAnnoncer } from '../lib/annonces';
import { formatMontant, pluriel } from '../lib/format';
import { Link, query } from '../lib/router';
import { AlerteRefus } from './commun';
import { Comite, PageResumesDossiers, type TComite, type TComiteDetail } from './schemas';

const lienInstruction = (id: string) => `/gestion/dossiers/${encodeURIComponent(id)}/instruction`;

/**
 * OI, while the session is in preparation: the instruit dossiers of the comité's AAP and PLIE, to tick and put on the
 * agenda; then publishing the agenda opens the session to the members (it no longer changes afterwards).
 */
export function PreparationOrdreDuJour({ comite, onMaj }: { comite: TComiteDetail; onMaj: (c: TComite, message: string) => void }) {
  const annoncer = useAnnoncer();
  const dialogue = useRef<HTMLDialogElement>(null);
  const candidats = useApi(`/gestion/dossiers${query({ aapId: comite.aapId, plie: comite.plie, statut: 'instruit', limit: '100' })}`, PageResumesDossiers, true);
  const [coches, setCoches] = useState<string[]>([]);
  const [refus, setRefus] = useState<ApiError | null>(null);
  const [envoi, setEnvoi] = useState(false);
  const items = candidats.data?.items ?? [];
  const total = comite.ordre.length + coches.length;

  const envoyer = async (publier: boolean) => {
    setEnvoi(true);
    setRefus(null);
    try {
      const { data } = await api(`/comites/${encodeURIComponent(comite.id)}/ordre-du-jour`, Comite, {
        method: 'POST',
        auth: true,
        body: { dossierIds: coches, publier },
      });
      dialogue.current?.close();
      const message = publier
        ? `Ordre du jour publié (${pluriel(data.ordreDuJour.length, 'dossier', 'dossiers')}) : la séance est ouverte aux membres.`
        : `${pluriel(coches.length, 'dossier inscrit', 'dossiers inscrits')} à l’ordre du jour.`;
      setCoches([]);
      annoncer(message);
      candidats.recharger();
      onMaj(data, message);
    } catch (e) {
      dialogue.current?.close();
      const r = enErreur(e);
      setRefus(r);
      annoncer(`L’ordre du jour n’a pas été modifié : ${r.message}`);
    } finally {
      setEnvoi(false);
    }
  };

  return (
    <section className="carte" aria-labelledby="odj-titre" id="section-ordre-du-jour">
      <h2 id="odj-titre">Préparer l’ordre du jour</h2>
      {refus && <AlerteRefus key={refus.message} erreur={refus} />}
      <h3>Inscrits ({comite.ordre.length})</h3>
      {comite.ordre.length === 0 ? (
        <p className="discret">Aucun dossier inscrit pour l’instant.</p>
      ) : (
        <ul className="liste liste-ordre">
          {comite.ordre.map((d) => (
            <li key={d.id}>
              <Link to={lienInstruction(d.id)} className="reference">{d.reference}</Link> — {d.organisationNom} · {d.ficheCode} · {d.intitule}
            </li>
          ))}
        </ul>
      )}
      <h3>Dossiers instruits du {comite.plie}</h3>
      {candidats.erreur && <ErreurApi erreur={candidats.erreur} onReessayer={candidats.recharger} />}
      {candidats.chargement && !candidats.data && <Chargement texte="Recherche des dossiers instruits…" />}
      {candidats.data && items.length === 0 && (
        <p className="vide">Aucun autre dossier instruit sur ce PLIE. Les dossiers s’instruisent depuis leur page d’instruction.</p>
      )}
      {items.length > 0 && (
        <fieldset className="candidats">
          <legend className="sr-only">Dossiers à inscrire</legend>
          <ul className="liste-candidats">
            {items.map((d) => (
              <li key={d.id} className="candidat">
                <input
                  type="checkbox"
                  id={`inscrire-${d.id}`}
                  checked={coches.includes(d.id)}
                  onChange={(e) => setCoches((c) => (e.target.checked ? [...c, d.id] : c.filter((x) => x !== d.id)))}
                />
                <label htmlFor={`inscrire-${d.id}`}>
                  <span className="reference">{d.reference}</span>
                  <span className="candidat-titre">{d.organisationNom} — {d.intitule || d.ficheTitre}</span>
                  <span className="discret">Fiche {d.ficheCode} · FSE sollicité {formatMontant(d.fseCentimes)}</span>
                </label>
                <Link to={lienInstruction(d.id)} className="candidat-lien">
                  Instruction<span className="sr-only"> du dossier {d.reference}</span>
                </Link>
              </li>
            ))}
          </ul>
        </fieldset>
      )}
      <div className="actions">
        <button type="button" className="bouton bouton-secondaire" disabled={envoi || coches.length === 0} onClick={() => void envoyer(false)}>
          Inscrire {coches.length ? pluriel(coches.length, 'dossier', 'dossiers') : 'les dossiers cochés'}
        </button>
        <button type="button" className="bouton" disabled={envoi || total === 0} onClick={() => dialogue.current?.showModal()}>
          Publier l’ordre du jour…
        </button>
      </div>
      <dialog ref={dialogue} className="dialogue" aria-labelledby="publier-odj-titre">
        <h2 id="publier-odj-titre">Publier l’ordre du jour ?</h2>
        <p>
          {pluriel(total, 'dossier', 'dossiers')} à l’ordre du jour{coches.length ? `, dont ${pluriel(coches.length, 'nouveau', 'nouveaux')}` : ''}. Les
          membres pourront déclarer leurs conflits d’intérêts et voter ; l’ordre du jour ne changera plus.
        </p>
        <div className="actions">
          <button type="button" className="bouton" disabled={envoi} onClick={() => void envoyer(true)}>
            {envoi ? 'Publication…' : 'Publier et ouvrir la séance'}
          </button>
          <button type="button" className="bouton bouton-secondaire" onClick={() => dialogue.current?.close()}>Annuler</button>
        </div>
      </dialog>
    </section>
  );
}
