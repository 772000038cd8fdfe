import { useState } from 'react';
import { numeroVersion } from '#shared/domain/aap/aap';
import { CarteDepot, libellePublication } from '../components/details-aap';
import { FichesParPlie } from '../components/fiches-par-plie';
import { NotesInternes } from '../components/notes-internes';
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
  const publication = libellePublication(aap);
  const fichesAnnotees = aap.fiches.filter((f) => f.notesInternes.length > 0);

  const enregistrer = async (contenu: TContenuAap) => {
    try {
      const { data } = await api(chemin, Aap, { method: 'PUT', body: contenu, auth: true, headers: { 'If-Match': String(aap.version) } });
      setConflit(false);
      remplacer(data);
      setSucces(`Brouillon enregistré le ${formatInstant(data.modifieLe)}.`);
      annoncer('Brouillon enregistré.');
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
            {aap.statut === 'brouillon' ? 'Brouillon' : `Version ${numeroVersion(aap)}`} · modifié le {formatInstant(aap.modifieLe)}
            {publication && <> · {publication.charAt(0).toLowerCase() + publication.slice(1)}</>}
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
            <a href={`/api${chemin}/document.pdf?lien=redirection`} className="bouton bouton-secondaire" type="application/pdf">PDF</a>
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
          <div className="colonne-principale">
            <section className="carte" aria-labelledby="fiches-titre">
              <h2 id="fiches-titre">Fiches opérations ({aap.fiches.length})</h2>
              <FichesParPlie aap={aap} fiches={aap.fiches} />
            </section>
            <section className="carte carte-notes" aria-labelledby="notes-titre">
              <h2 id="notes-titre">Notes internes (OI)</h2>
              <p className="discret">Réservées aux agents de l’OI : ni la page publique ni le PDF ne les montrent.</p>
              <NotesInternes notes={aap.notesInternes} titre="Sur l’appel à projets" id="notes-aap" niveau={3} />
              <h3>Sur les fiches</h3>
              {fichesAnnotees.length === 0 && <p className="discret">Aucune fiche ne porte de note interne.</p>}
              <div className="textes-repliables">
                {fichesAnnotees.map((f) => (
                  <details key={f.code} className="repliable" data-fiche={f.code}>
                    <summary>
                      {f.code} — {f.titre} ({f.notesInternes.length} note{f.notesInternes.length > 1 ? 's' : ''})
                    </summary>
                    <ul className="liste repliable-corps">
                      {f.notesInternes.map((n, i) => (
                        <li key={i}>{n}</li>
                      ))}
                    </ul>
                  </details>
                ))}
              </div>
            </section>
          </div>
          <div className="colonne-laterale">
            <CarteDepot aap={aap} />
          </div>
        </div>
      )}
    </>
  );
}
