import { nomPlie } from '#shared/domain/aap/aap';
import { TableEtapesParcours } from '../components/etapes-parcours';
import { PiecesAttendues } from '../components/pieces-attendues';
import { regleEnMots } from '../components/regle';
import { RepondreFiche } from '../components/repondre-fiche';
import { aDuTexte, TexteRiche } from '../components/texte-riche';
import { TEXTES_FICHE } from '../components/textes-fiche';
import { Chargement, Definitions, ErreurApi, FilAriane, Liste } from '../components/ui';
import { useApi } from '../lib/api';
import { useTitre } from '../lib/annonces';
import { formatDate } from '../lib/format';
import { lienPlie } from '../lib/plies';
import { Link } from '../lib/router';
import { TableIndicateurs } from '../components/table-indicateurs';
import { Aap, FicheSchema } from '../lib/schemas';

/** Public page of one fiche opération, with the AAP for context (title, objectifs spécifiques' labels, PLIE names). */
export function PageFiche({ id, code }: { id: string; code: string }) {
  const cheminAap = `/aaps/${encodeURIComponent(id)}`;
  const fiche = useApi(`${cheminAap}/fiches/${encodeURIComponent(code)}`, FicheSchema);
  const aap = useApi(cheminAap, Aap);
  const f = fiche.data;
  useTitre(f ? `${f.code} — ${f.titre}` : `Fiche ${code}`);

  const ariane = (
    <FilAriane
      elements={[
        { libelle: 'Appels à projets', lien: <Link to="/">Appels à projets</Link> },
        { libelle: aap.data?.reference ?? 'Appel à projets', lien: <Link to={cheminAap}>{aap.data?.reference ?? 'Appel à projets'}</Link> },
        { libelle: `Fiche ${code}` },
      ]}
    />
  );
  if (fiche.chargement) return <>{ariane}<Chargement texte="Chargement de la fiche…" /></>;
  if (fiche.erreur || !f) {
    return (
      <>
        {ariane}
        <h1>Fiche {code}</h1>
        {fiche.erreur && <ErreurApi erreur={fiche.erreur} onReessayer={fiche.recharger} />}
      </>
    );
  }
  const libelleOs = (c: string) => aap.data?.programme.objectifsSpecifiques.find((o) => o.code === c)?.libelle;
  const plie = aap.data ? nomPlie(aap.data, f.plie) : null;
  const textes = TEXTES_FICHE.filter(({ cle }) => aDuTexte(f[cle]));
  return (
    <>
      {ariane}
      <header className="entete-page">
        <p className="surtitre">
          <span className="code-fiche">{f.code}</span> {plie}
        </p>
        <h1>{f.titre}</h1>
        {aap.data && <p className="chapo">{aap.data.titre}</p>}
      </header>
      <div className="mise-en-page-aap">
        <div className="colonne-principale">
          <section className="carte" aria-labelledby="operation-titre">
            <h2 id="operation-titre">L’opération</h2>
            <Definitions
              lignes={[
                ['PLIE', plie && <Link to={lienPlie(f.plie)}>{plie}</Link>],
                ['Axe opérationnel', f.axeOperationnel],
                ['Territoire', f.territoire],
                ['Public cible', f.cible],
                ['Période', `du ${formatDate(f.periode.debut)} au ${formatDate(f.periode.fin)}`],
              ]}
            />
            {f.periode.texte && <p className="texte-source">{f.periode.texte}</p>}
            <h3>Objectifs spécifiques</h3>
            <Liste
              items={f.objectifsSpecifiques.map((c) => (libelleOs(c) ? `${c} — ${libelleOs(c)}` : c))}
              vide="Aucun objectif spécifique précisé."
            />
            <h3>Axes stratégiques</h3>
            <Liste items={f.axesStrategiques} vide="Aucun axe stratégique précisé." />
          </section>
          {textes.map(({ cle, titre }) => (
            <section key={cle} className="carte" aria-labelledby={`fiche-${cle}`}>
              <h2 id={`fiche-${cle}`}>{titre}</h2>
              <TexteRiche texte={f[cle]} />
            </section>
          ))}
          <section className="carte" aria-labelledby="indicateurs-titre">
            <h2 id="indicateurs-titre">Indicateurs</h2>
            {f.indicateurs.length === 0 ? (
              <p className="discret">Aucun indicateur.</p>
            ) : (
              <TableIndicateurs lignes={f.indicateurs} titreId="indicateurs-titre" premiereColonne="Indicateur" />
            )}
          </section>
          {f.conditionsRecevabilite.length > 0 && (
            <section className="carte" aria-labelledby="recevabilite-titre">
              <h2 id="recevabilite-titre">Conditions de recevabilité</h2>
              <p>Pour que la proposition soit étudiée :</p>
              <Liste items={f.conditionsRecevabilite} />
            </section>
          )}
          <section className="carte" aria-labelledby="criteres-titre">
            <h2 id="criteres-titre">Critères de sélection</h2>
            <Liste items={f.criteresSelection} vide="Aucun critère propre à la fiche." />
          </section>
          <section className="carte" aria-labelledby="pieces-titre" id="pieces">
            <h2 id="pieces-titre">Pièces justificatives</h2>
            <PiecesAttendues pieces={f.piecesJustificatives} />
          </section>
          {f.etapesParcours && (
            <section className="carte" aria-labelledby="etapes-titre">
              <h2 id="etapes-titre">Étapes de parcours et leurs justificatifs</h2>
              <TableEtapesParcours etapes={f.etapesParcours} idTitre="etapes-titre" />
            </section>
          )}
          {f.autresContraintes.length > 0 && (
            <section className="carte" aria-labelledby="contraintes-titre">
              <h2 id="contraintes-titre">Autres contraintes</h2>
              <Liste items={f.autresContraintes} />
            </section>
          )}
        </div>
        <aside className="colonne-laterale" aria-labelledby="financement-titre">
          {aap.data && <RepondreFiche aap={aap.data} ficheCode={f.code} />}
          <section className="carte carte-depot">
            <h2 id="financement-titre">Règle de financement</h2>
            <ul className="liste">
              {regleEnMots(f.regleFinancement).map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
            {f.conditionsFinancement.length > 0 && (
              <>
                <h3>Conditions de financement</h3>
                <Liste items={f.conditionsFinancement} />
              </>
            )}
          </section>
          {(aap.data?.contact || plie) && (
            <section className="carte carte-depot" aria-labelledby="contact-titre">
              <h2 id="contact-titre">Avant de répondre</h2>
              {aap.data?.contact && <p>{aap.data.contact}</p>}
              {plie && (
                <p className="sans-marge">
                  <Link to={lienPlie(f.plie)}>Présentation du {plie}</Link>
                </p>
              )}
            </section>
          )}
          <p>
            <Link to={cheminAap} className="bouton bouton-secondaire bouton-bloc">
              Retour à l’appel à projets
            </Link>
          </p>
        </aside>
      </div>
    </>
  );
}
