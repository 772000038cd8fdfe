import { useEffect } from 'react';
import { CompteARebours } from '../components/compte-a-rebours';
import { BadgeStatutPorteur } from '../dossier/statut-porteur';
import { Chargement, ErreurApi, Flash } from '../components/ui';
import { useApi } from '../lib/api';
import { useAnnoncer, useTitre } from '../lib/annonces';
import { formatInstant, formatMontant, pluriel } from '../lib/format';
import { Link } from '../lib/router';
import { ListeDossiers, ListeOrganisations, type TResumeDossier } from '../lib/schemas-dossier';

/** Drafts first (nearest deadline first), then the others, most recently changed first. */
function trier(items: TResumeDossier[]): TResumeDossier[] {
  return [...items].sort((a, b) => {
    const ba = a.statut === 'brouillon' ? 0 : 1;
    const bb = b.statut === 'brouillon' ? 0 : 1;
    if (ba !== bb) return ba - bb;
    return ba === 0 ? a.clotureLe.localeCompare(b.clotureLe) : b.modifieLe.localeCompare(a.modifieLe);
  });
}

function CarteDossier({ d }: { d: TResumeDossier }) {
  const brouillon = d.statut === 'brouillon';
  return (
    <li className={`carte carte-dossier${brouillon ? ' carte-dossier-brouillon' : ''}`} data-reference={d.reference}>
      <div className="carte-aap-tete">
        <span className="badges-dossier">
          <BadgeStatutPorteur statut={d.statut} />
          {d.convention && d.convention !== 'en_preparation' && (
            <span className={`badge ${d.convention === 'a_signer_porteur' ? 'badge-brouillon' : 'badge-ouvert'}`} data-convention={d.convention}>
              {d.convention === 'a_signer_porteur' ? 'Convention à signer' : d.convention === 'a_contresigner' ? 'Convention signée, en attente de l’OI' : 'Convention en vigueur'}
            </span>
          )}
        </span>
        <span className="reference">{d.reference}</span>
      </div>
      <h2 className="carte-aap-titre">
        <Link to={`/dossiers/${encodeURIComponent(d.id)}`}>{d.intitule || d.ficheTitre}</Link>
      </h2>
      <div className="carte-dossier-corps">
        <dl className="carte-aap-infos">
          <div><dt>Appel à projets</dt><dd>{d.aapReference}</dd></div>
          <div><dt>Fiche</dt><dd><span className="code-fiche">{d.ficheCode}</span> {d.ficheTitre}</dd></div>
          <div><dt>Organisation</dt><dd>{d.organisationNom}</dd></div>
          <div><dt>Coût total</dt><dd>{formatMontant(d.coutTotalCentimes)}</dd></div>
          <div><dt>FSE sollicité</dt><dd>{formatMontant(d.fseCentimes)}</dd></div>
          {d.depot && <div><dt>Déposé le</dt><dd>{formatInstant(d.depot.deposeLe, d.depot.fuseau)}</dd></div>}
        </dl>
        {brouillon && d.clotureLe && (
          <div className="carte-dossier-echeance">
            <CompteARebours clotureLe={d.clotureLe} />
            <p className="discret">Clôture : {formatInstant(d.clotureLe, d.fuseau)}</p>
          </div>
        )}
      </div>
    </li>
  );
}

/** « Mes dossiers »: every dossier of the caller's organisations, drafts clearly apart from deposited ones. */
export function PageMesDossiers() {
  useTitre('Mes dossiers');
  const annoncer = useAnnoncer();
  const { data, erreur, chargement, recharger } = useApi('/dossiers', ListeDossiers, true);
  const orgs = useApi('/organisations', ListeOrganisations, true);
  const items = trier(data?.items ?? []);
  const brouillons = items.filter((d) => d.statut === 'brouillon').length;
  useEffect(() => {
    if (data) annoncer(`${pluriel(data.items.length, 'dossier', 'dossiers')}, dont ${pluriel(brouillons, 'brouillon', 'brouillons')}.`);
  }, [data, brouillons, annoncer]);
  const sansOrganisation = orgs.data && orgs.data.items.length === 0;

  return (
    <>
      <Flash />
      <div className="entete-page entete-avec-actions">
        <div>
          <h1>Mes dossiers</h1>
          <p className="chapo">Les demandes de subvention de vos organisations. Un brouillon n’est pas transmis à l’organisme intermédiaire tant qu’il n’est pas déposé.</p>
        </div>
        <div className="actions">
          <Link to="/" className="bouton">Trouver un appel à projets</Link>
          <Link to="/organisation" className="bouton bouton-secondaire">Mon organisation</Link>
        </div>
      </div>
      {sansOrganisation && (
        <div className="alerte alerte-info">
          <p className="alerte-titre">Commencez par enregistrer votre organisation</p>
          <p>Un dossier est déposé au nom d’une organisation identifiée par son SIRET. <Link to="/organisation">Enregistrer mon organisation</Link></p>
        </div>
      )}
      {chargement && <Chargement texte="Chargement de vos dossiers…" />}
      {erreur && <ErreurApi erreur={erreur} onReessayer={recharger} />}
      {data && items.length === 0 && (
        <p className="vide">
          Aucun dossier pour l’instant. Ouvrez une fiche d’un appel à projets ouvert et choisissez « Répondre à cette fiche ».
        </p>
      )}
      {items.length > 0 && (
        <>
          <p className="meta">{pluriel(items.length, 'dossier', 'dossiers')} · {pluriel(brouillons, 'brouillon à déposer', 'brouillons à déposer')}</p>
          <ul className="grille-cartes grille-dossiers">
            {items.map((d) => <CarteDossier key={d.id} d={d} />)}
          </ul>
        </>
      )}
    </>
  );
}
