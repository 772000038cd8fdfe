import { Chargement, ErreurApi, FilAriane } from '../components/ui';
import { BadgeStatutPorteur } from '../dossier/statut-porteur';
import { useDossier } from '../dossier/use-dossier';
import { useTitre } from '../lib/annonces';
import { Link } from '../lib/router';
import { EcranParticipants } from '../participants/ecran-participants';
import { STATUTS_PARTICIPANTS } from '../participants/libelles';

/** Porteur: the participants of an operation, from recevabilité on (list, record, exit, import, export, indicators, journal). */
export function PageParticipants({ id }: { id: string }) {
  const { dossier, erreur, chargement, recharger } = useDossier(id);
  useTitre(dossier ? `Participants — ${dossier.reference}` : 'Participants');
  const ariane = (
    <FilAriane
      elements={[
        { libelle: 'Mes dossiers', lien: <Link to="/dossiers">Mes dossiers</Link> },
        { libelle: dossier?.reference ?? 'Dossier', lien: <Link to={`/dossiers/${encodeURIComponent(id)}`}>{dossier?.reference ?? 'Dossier'}</Link> },
        { libelle: 'Participants' },
      ]}
    />
  );
  if (!dossier) {
    return (
      <>
        {ariane}
        <h1>Participants</h1>
        {chargement ? <Chargement texte="Chargement du dossier…" /> : erreur && <ErreurApi erreur={erreur} onReessayer={() => void recharger()} />}
      </>
    );
  }
  return (
    <>
      {ariane}
      <header className="entete-page">
        <p className="surtitre">
          <BadgeStatutPorteur statut={dossier.statut} /> <span className="reference">{dossier.reference}</span>
        </p>
        <h1>Participants</h1>
        <p className="meta">{dossier.contenu.intitule || dossier.ficheTitre} · {dossier.organisationNom}</p>
      </header>
      {STATUTS_PARTICIPANTS.has(dossier.statut) ? (
        <EcranParticipants dossier={dossier} ecriture />
      ) : (
        <p className="vide">Les participants se saisissent à partir de la recevabilité du dossier.</p>
      )}
    </>
  );
}
