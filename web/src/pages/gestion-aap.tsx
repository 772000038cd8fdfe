import { useState } from 'react';
import { CarteDepot } from '../components/details-aap';
import { FichesParPlie } from '../components/fiches-par-plie';
import { AvisConflit, BoutonPublier } from '../components/publication';
import { Alerte, BadgeStatut, Chargement, ErreurApi, FilAriane, Flash } from '../components/ui';
import { FormulaireAap } from '../form/formulaire-aap';
import { estConflitDeVersion } from '../form/conversion';
import { versFormulaire } from '../form/modele';
import { useAapGestion } from '../lib/aap-gestion';
import { api, ApiError } from '../lib/api';
import { useAnnoncer, useTitre } from '../lib/annonces';
import { estOiAdmin, useSession } from '../lib/auth';
import { formatInstant } from '../lib/format';
import { Link } from '../lib/router';
import { Aap, type TAap, type TContenuAap } from '../lib/schemas';

/** An AAP seen by its OI: edit the draft (If-Match), publish it, or go to the rectificatif form. */
export function PageGestionAap({ id }: { id: string }) {
  const session = useSession();
  const annoncer = useAnnoncer();
  const { aap, erreur, chargement, generation, recharger, remplacer } = useAapGestion(id);
  const [conflit, setConflit] = useState(false);
  const [succes, setSucces] = useState<string | null>(null);
  useTitre(aap ? `Gestion — ${aap.reference}` : 'Gestion d’un appel à projets');

  if (!aap) {
    return (
      <>
        <h1>Appel à projets</h1>
        {chargement ? <Chargement /> : erreur && <ErreurApi erreur={erreur} onReessayer={() => void recharger()} />}
        <p><Link to="/gestion">Retour à la gestion</Link></p>
      </>
    );
  }
  const chemin = `/aaps/${encodeURIComponent(aap.id)}`;
  const admin = estOiAdmin(session);

  const enregistrer = async (contenu: TContenuAap) => {
    try {
      const { data } = await api(chemin, Aap, { method: 'PUT', body: contenu, auth: true, headers: { 'If-Match': String(aap.version) } });
      setConflit(false);
      remplacer(data);
      setSucces(`Brouillon enregistré (version ${data.version}).`);
      annoncer(`Brouillon enregistré, version ${data.version}.`);
    } catch (e) {
      if (e instanceof ApiError && estConflitDeVersion(e.status, e.code)) {
        setConflit(true);
      }
      throw e;
    }
  };
  const publie = (a: TAap) => {
    remplacer(a);
    setSucces(`« ${a.reference} » est publié. Il est désormais visible dans le catalogue.`);
    annoncer('Appel à projets publié.');
  };

  return (
    <>
      <FilAriane elements={[{ libelle: 'Gestion', lien: <Link to="/gestion">Gestion</Link> }, { libelle: aap.reference }]} />
      {succes ? <Alerte type="succes">{<p>{succes}</p>}</Alerte> : <Flash />}
      <header className="entete-page entete-avec-actions">
        <div>
          <p className="surtitre">
            <BadgeStatut statut={aap.statut} clotureLe={aap.clotureLe} /> <span className="reference">{aap.reference}</span>
          </p>
          <h1>{aap.titre}</h1>
          <p className="meta">
            Version {aap.version} · modifié le {formatInstant(aap.modifieLe)}
            {aap.publieLe && <> · publié le {formatInstant(aap.publieLe)}</>}
          </p>
        </div>
        <div className="actions">
          {aap.statut === 'brouillon' && admin && <BoutonPublier aap={aap} onPublie={publie} />}
          {aap.statut === 'publie' && admin && (
            <Link to={`/gestion/aaps/${encodeURIComponent(aap.id)}/rectificatif`} className="bouton">Publier un rectificatif</Link>
          )}
          {aap.statut !== 'brouillon' && (
            <Link to={`/gestion/aaps/${encodeURIComponent(aap.id)}/dossiers`} className="bouton">Dossiers déposés</Link>
          )}
          {aap.statut !== 'brouillon' && <Link to={`/gestion/aaps/${encodeURIComponent(aap.id)}/comites`} className="bouton">Comités et enveloppe</Link>}
          {aap.statut !== 'brouillon' && <Link to={chemin} className="bouton bouton-secondaire">Voir la page publique</Link>}
          {aap.statut !== 'brouillon' && (
            <a href={`/api${chemin}/document.pdf`} className="bouton bouton-secondaire" type="application/pdf">PDF</a>
          )}
        </div>
      </header>
      {!admin && aap.statut !== 'clos' && (
        <Alerte type="info">
          <p>La publication et les rectificatifs sont réservés aux administrateurs de l’OI.</p>
        </Alerte>
      )}
      {aap.statut === 'brouillon' ? (
        <FormulaireAap
          key={generation}
          initial={versFormulaire(aap)}
          libelleBouton="Enregistrer le brouillon"
          onSoumettre={enregistrer}
          bandeau={conflit ? <AvisConflit onRecharger={() => { setConflit(false); void recharger(); }} /> : null}
        />
      ) : (
        <div className="mise-en-page-aap">
          <section className="carte colonne-principale" aria-labelledby="fiches-titre">
            <h2 id="fiches-titre">Fiches opérations ({aap.fiches.length})</h2>
            <FichesParPlie aapId={aap.id} plies={aap.plies} fiches={aap.fiches} />
          </section>
          <div className="colonne-laterale">
            <CarteDepot aap={aap} />
          </div>
        </div>
      )}
    </>
  );
}
