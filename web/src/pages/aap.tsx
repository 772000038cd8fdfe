import { numeroVersion } from '#shared/domain/aap/aap';
import { CarteDepot, libellePublication, SectionProgramme, SectionSelection } from '../components/details-aap';
import { FichesParPlie } from '../components/fiches-par-plie';
import { HistoriqueRectificatifs } from '../components/rectificatifs';
import { RepondreFiche } from '../components/repondre-fiche';
import { SectionsAap } from '../components/sections-aap';
import { BadgeStatut, Chargement, ErreurApi, FilAriane, Flash } from '../components/ui';
import { useApi } from '../lib/api';
import { useTitre } from '../lib/annonces';
import { pluriel } from '../lib/format';
import { Link } from '../lib/router';
import { Aap, ListeRectificatifs } from '../lib/schemas';

/** Public page of a published AAP. */
export function PageAap({ id }: { id: string }) {
  const chemin = `/aaps/${encodeURIComponent(id)}`;
  const { data: aap, erreur, chargement, recharger } = useApi(chemin, Aap);
  const rect = useApi(`${chemin}/rectificatifs`, ListeRectificatifs);
  useTitre(aap ? aap.reference : erreur ? 'Appel à projets introuvable' : 'Appel à projets');

  if (chargement) return <Chargement texte="Chargement de l’appel à projets…" />;
  if (erreur || !aap) {
    return (
      <>
        <h1>Appel à projets</h1>
        {erreur && <ErreurApi erreur={erreur} onReessayer={recharger} />}
        <p><Link to="/">Retour au catalogue</Link></p>
      </>
    );
  }
  const publication = libellePublication(aap);
  return (
    <>
      <FilAriane elements={[{ libelle: 'Appels à projets', lien: <Link to="/">Appels à projets</Link> }, { libelle: aap.reference }]} />
      <Flash />
      <header className="entete-page">
        <p className="surtitre">
          <BadgeStatut statut={aap.statut} clotureLe={aap.clotureLe} /> <span className="reference">{aap.reference}</span>
        </p>
        <h1>{aap.titre}</h1>
        <p className="chapo">
          {aap.organismeIntermediaire.nom} ({aap.organismeIntermediaire.sigle})
        </p>
        <p className="meta">
          {publication && <>{publication} · </>}
          Version {numeroVersion(aap)}
          {aap.nombreRectificatifs > 0 && <> · {pluriel(aap.nombreRectificatifs, 'rectificatif', 'rectificatifs')}</>}
        </p>
        <p>
          <a className="bouton" href={`/api${chemin}/document.pdf?lien=redirection`} type="application/pdf">
            Télécharger l’appel à projets (PDF)
          </a>
        </p>
      </header>
      <div className="mise-en-page-aap">
        <div className="colonne-principale">
          <section className="carte" aria-labelledby="fiches-titre">
            <h2 id="fiches-titre">Fiches opérations ({aap.fiches.length})</h2>
            <FichesParPlie aap={aap} fiches={aap.fiches} />
          </section>
          <SectionProgramme aap={aap} />
          <SectionSelection aap={aap} />
          <SectionsAap sections={aap.sections} />
          <section className="carte" aria-labelledby="rectificatifs-titre">
            <h2 id="rectificatifs-titre">Historique des rectificatifs</h2>
            {rect.chargement && <Chargement />}
            {rect.erreur && <ErreurApi erreur={rect.erreur} onReessayer={rect.recharger} />}
            {rect.data && <HistoriqueRectificatifs items={rect.data.items} plies={aap.referencesPlies} />}
          </section>
        </div>
        <aside className="colonne-laterale" aria-label="Dépôt des dossiers">
          <CarteDepot aap={aap} />
          <RepondreFiche aap={aap} ficheCode={null} />
        </aside>
      </div>
    </>
  );
}
