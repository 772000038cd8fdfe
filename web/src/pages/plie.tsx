import type { ReactNode } from 'react';
import { aDuTexte, TexteRiche } from '../components/texte-riche';
import { Chargement, ErreurApi, FilAriane } from '../components/ui';
import { useApi } from '../lib/api';
import { useTitre } from '../lib/annonces';
import { Link, query } from '../lib/router';
import { TableIndicateurs } from '../components/table-indicateurs';
import { PlieSchema, type TPlie } from '../lib/schemas';

interface Partie {
  id: string;
  titre: string;
  contenu: ReactNode;
}

function Objectifs({ plie }: { plie: TPlie }) {
  const o = plie.objectifsQuantitatifs;
  return (
    <>
      {o.length > 0 && (
        <TableIndicateurs
          lignes={o}
          titreId="plie-objectifs"
          premiereColonne="Objectif"
          legende={`Objectifs quantitatifs du ${plie.nom}`}
          className="objectifs-plie"
        />
      )}
      <TexteRiche texte={plie.objectifsTexte} />
    </>
  );
}

/** The parts of a PLIE that have content, in reading order. */
function parties(p: TPlie): Partie[] {
  const t = p.territoire;
  const liste: (Partie | false)[] = [
    aDuTexte(p.presentation) && { id: 'plie-presentation', titre: 'Présentation', contenu: <TexteRiche texte={p.presentation} /> },
    (aDuTexte(t.texte) || t.communes.length > 0) && {
      id: 'plie-territoire',
      titre: 'Territoire',
      contenu: (
        <>
          <TexteRiche texte={t.texte} />
          {t.communes.length > 0 && (
            <>
              <h3>{t.communes.length > 1 ? 'Communes et territoires couverts' : 'Territoire couvert'}</h3>
              <ul className="liste liste-colonnes">
                {t.communes.map((c) => (
                  <li key={c}>{c}</li>
                ))}
              </ul>
            </>
          )}
        </>
      ),
    },
    aDuTexte(p.publicCible) && { id: 'plie-public-cible', titre: 'Public cible', contenu: <TexteRiche texte={p.publicCible} /> },
    aDuTexte(p.conditionsEntree) && { id: 'plie-conditions-entree', titre: 'Conditions d’entrée', contenu: <TexteRiche texte={p.conditionsEntree} /> },
    (p.objectifsQuantitatifs.length > 0 || aDuTexte(p.objectifsTexte)) && { id: 'plie-objectifs', titre: 'Objectifs', contenu: <Objectifs plie={p} /> },
    aDuTexte(p.criteresSortie) && { id: 'plie-criteres-sortie', titre: 'Critères de sortie', contenu: <TexteRiche texte={p.criteresSortie} /> },
    aDuTexte(p.gouvernance) && { id: 'plie-gouvernance', titre: 'Gouvernance', contenu: <TexteRiche texte={p.gouvernance} /> },
  ];
  return liste.filter((x): x is Partie => !!x);
}

/** Public page of a PLIE: who it serves, how people enter and leave it, its objectives and governance. */
export function PagePlie({ id }: { id: string }) {
  const { data: plie, erreur, chargement, recharger } = useApi(`/plies/${encodeURIComponent(id)}`, PlieSchema);
  useTitre(plie ? plie.nom : erreur ? 'PLIE introuvable' : 'PLIE');
  const ariane = (
    <FilAriane elements={[{ libelle: 'Appels à projets', lien: <Link to="/">Appels à projets</Link> }, { libelle: plie?.nom ?? 'PLIE' }]} />
  );
  if (chargement) return <>{ariane}<Chargement texte="Chargement du PLIE…" /></>;
  if (erreur || !plie) {
    return (
      <>
        {ariane}
        <h1>PLIE</h1>
        {erreur && <ErreurApi erreur={erreur} onReessayer={recharger} />}
        <p><Link to="/">Retour au catalogue</Link></p>
      </>
    );
  }
  const contenu = parties(plie);
  return (
    <>
      {ariane}
      <header className="entete-page">
        <p className="surtitre">
          <span className="badge badge-plie">PLIE</span> <span className="meta">Organisme intermédiaire : {plie.oi}</span>
        </p>
        <h1>{plie.nom}</h1>
        <p className="chapo">Plan local pour l’insertion et l’emploi</p>
      </header>
      <div className="mise-en-page-aap">
        <div className="colonne-principale">
          {contenu.length === 0 && <p className="vide">L’organisme intermédiaire n’a pas encore décrit ce PLIE.</p>}
          {contenu.map((p) => (
            <section key={p.id} className="carte" aria-labelledby={p.id}>
              <h2 id={p.id}>{p.titre}</h2>
              {p.contenu}
            </section>
          ))}
        </div>
        <aside className="colonne-laterale" aria-label="Le PLIE en bref">
          <section className="carte carte-depot" aria-labelledby="plie-liens">
            <h2 id="plie-liens">Liens</h2>
            <ul className="liste liste-liens">
              {plie.siteWeb && (
                <li>
                  <a href={plie.siteWeb} rel="noopener noreferrer">
                    Site web du PLIE<span className="sr-only"> ({plie.nom})</span>
                  </a>
                  <span className="discret url"> {plie.siteWeb}</span>
                </li>
              )}
              <li>
                <Link to={`/${query({ plie: plie.id })}`}>Appels à projets de ce PLIE</Link>
              </li>
            </ul>
          </section>
          {contenu.length > 1 && (
            <nav className="carte sommaire" aria-label="Sommaire de la page">
              <h2 className="sommaire-titre">Sommaire</h2>
              <ol>
                {contenu.map((p) => (
                  <li key={p.id}><a href={`#${p.id}`}>{p.titre}</a></li>
                ))}
              </ol>
            </nav>
          )}
        </aside>
      </div>
    </>
  );
}
