import { useEffect, useState } from 'react';
import { BadgeStatut, Chargement, ErreurApi, Flash } from '../components/ui';
import { useAnnoncer, useTitre } from '../lib/annonces';
import { useSession } from '../lib/auth';
import { deNom, formatDateHeureLocale, pluriel } from '../lib/format';
import { useListeAaps } from '../lib/pagination';
import { Link, query } from '../lib/router';
import { TableauDeBordOi } from '../gestion/tableau-de-bord';

/** The home of OI staff: the tableau de bord of the OI's dossiers, then its own AAPs, drafts included. */
export function PageGestion() {
  useTitre('Tableau de bord de l’OI');
  const session = useSession();
  const annoncer = useAnnoncer();
  const [statut, setStatut] = useState('');
  const { items, cursor, chargement, erreur, voirPlus, recharger } = useListeAaps(`/gestion/aaps${query({ statut })}`, true);
  useEffect(() => {
    if (!chargement && !erreur) annoncer(`${pluriel(items.length, 'appel à projets', 'appels à projets')}.`);
  }, [chargement, erreur, items.length, annoncer]);

  return (
    <>
      <Flash />
      <div className="entete-page">
        <h1>Tableau de bord {session?.oi ? deNom(session.oi) : 'de mon OI'}</h1>
      </div>
      <TableauDeBordOi />
      <div className="entete-page entete-avec-actions">
        <div>
          <h2 id="aaps-titre">Appels à projets {session?.oi ? deNom(session.oi) : 'de mon OI'}</h2>
          <p className="chapo">Brouillons, appels publiés et clos. Seuls les brouillons se modifient librement ; un appel publié se corrige par rectificatif.</p>
        </div>
        <div className="actions">
          <Link to="/gestion/nouveau" className="bouton">Nouvel appel à projets</Link>
          <Link to="/gestion/import" className="bouton bouton-secondaire">Importer un fichier JSON</Link>
          <Link to="/gestion/plies" className="bouton bouton-secondaire">Les PLIE de l’OI</Link>
          <Link to="/gestion/consolidation" className="bouton bouton-secondaire">Rapports et consolidation</Link>
        </div>
      </div>
      <div className="carte">
        <div className="champ champ-en-ligne">
          <label htmlFor="gestion-statut">Statut</label>
          <select id="gestion-statut" value={statut} onChange={(e) => setStatut(e.target.value)}>
            <option value="">Tous</option>
            <option value="brouillon">Brouillons</option>
            <option value="publie">Publiés</option>
            <option value="clos">Clos</option>
          </select>
        </div>
        {erreur && <ErreurApi erreur={erreur} onReessayer={recharger} />}
        {!chargement && !erreur && items.length === 0 && <p className="vide">Aucun appel à projets.</p>}
        {items.length > 0 && (
          <div className="table-defilante" tabIndex={0} role="region" aria-label="Appels à projets de l’OI">
            <table className="table table-large">
              <thead>
                <tr>
                  <th scope="col">Référence</th>
                  <th scope="col">Titre</th>
                  <th scope="col">Statut</th>
                  <th scope="col">Clôture</th>
                  <th scope="col" className="nombre">Fiches</th>
                  <th scope="col">Version</th>
                  <th scope="col">Suivi</th>
                </tr>
              </thead>
              <tbody>
                {items.map((a) => (
                  <tr key={a.id}>
                    <td><span className="reference">{a.reference}</span></td>
                    <td>
                      <Link to={`/gestion/aaps/${encodeURIComponent(a.id)}`}>{a.titre}</Link>
                    </td>
                    <td><BadgeStatut statut={a.statut} clotureLe={a.clotureLe} /></td>
                    <td>{formatDateHeureLocale(a.cloture)}</td>
                    <td className="nombre">{a.nombreFiches}</td>
                    <td>{a.statut === 'brouillon' ? 'brouillon' : `version ${a.nombreRectificatifs + 1}`}</td>
                    <td>
                      {a.statut === 'brouillon' ? (
                        <span className="discret">—</span>
                      ) : (
                        <ul className="liens-suivi">
                          <li>
                            <Link to={`/gestion/aaps/${encodeURIComponent(a.id)}/dossiers`}>
                              Dossiers déposés<span className="sr-only"> sur {a.reference}</span>
                            </Link>
                          </li>
                          <li>
                            <Link to={`/gestion/aaps/${encodeURIComponent(a.id)}/comites`}>
                              Comités et enveloppe<span className="sr-only"> de {a.reference}</span>
                            </Link>
                          </li>
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {chargement && <Chargement />}
        {cursor && (
          <div className="centre">
            <button type="button" className="bouton bouton-secondaire" onClick={() => void voirPlus()} disabled={chargement}>Voir plus</button>
          </div>
        )}
      </div>
    </>
  );
}
