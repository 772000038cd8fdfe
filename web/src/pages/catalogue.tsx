import { useEffect, useRef, useState, type FormEvent } from 'react';
import { CarteAap } from '../components/carte-aap';
import { Chargement, ErreurApi, Flash } from '../components/ui';
import { useAnnoncer, useTitre } from '../lib/annonces';
import { pluriel } from '../lib/format';
import { useListeAaps } from '../lib/pagination';
import { usePlies } from '../lib/plies';
import { navigate, query, useLocation } from '../lib/router';

const CHAMPS = ['statut', 'plie', 'objectifSpecifique', 'q'] as const;
type Filtres = Record<(typeof CHAMPS)[number], string>;

/** The public catalogue of published AAPs, with filters kept in the URL. */
export function PageCatalogue() {
  useTitre('Appels à projets');
  const annoncer = useAnnoncer();
  const { search } = useLocation();
  const actifs = Object.fromEntries(CHAMPS.map((c) => [c, search.get(c) ?? ''])) as Filtres;
  const [saisie, setSaisie] = useState<Filtres>(actifs);
  // `limit` is not offered in the form but kept from the URL (page size, e.g. for tests).
  const base = `/aaps${query({ ...actifs, limit: search.get('limit') })}`;
  const { items, cursor, chargement, erreur, voirPlus, recharger } = useListeAaps(base);
  const plies = usePlies();
  const optionsPlie = plies.data?.items ?? [];
  // Several OIs may name a PLIE alike: their lists are then kept apart.
  const ois = [...new Set(optionsPlie.map((p) => p.oi))];
  const options = (liste: typeof optionsPlie) => liste.map((p) => <option key={p.id} value={p.id}>{p.nom}</option>);
  const liste = useRef<HTMLUListElement>(null);

  useEffect(() => {
    if (!chargement && !erreur) annoncer(`${pluriel(items.length, 'appel à projets affiché', 'appels à projets affichés')}.`);
  }, [chargement, erreur, items.length, annoncer]);

  const filtrer = (e: FormEvent) => {
    e.preventDefault();
    navigate(`/${query(saisie)}`, { replace: true });
  };
  const effacer = () => {
    setSaisie({ statut: '', plie: '', objectifSpecifique: '', q: '' });
    navigate('/', { replace: true });
  };
  // Keyboard users continue from the first new card once it is rendered.
  const aFocaliser = useRef<number | null>(null);
  useEffect(() => {
    const i = aFocaliser.current;
    if (i === null || items.length <= i) return;
    aFocaliser.current = null;
    liste.current?.querySelectorAll<HTMLAnchorElement>('h2 a')[i]?.focus();
  }, [items.length]);
  const plus = () => {
    aFocaliser.current = items.length;
    void voirPlus().then((n) => {
      if (n > 0) return;
      // The last cursor may lead to an empty page: say so and keep focus in the results.
      aFocaliser.current = null;
      annoncer('Il n’y a pas d’autre appel à projets.');
      document.getElementById('resultats-titre')?.focus();
    });
  };
  const maj = (c: keyof Filtres) => (e: { target: { value: string } }) => setSaisie({ ...saisie, [c]: e.target.value });
  const filtre = CHAMPS.some((c) => actifs[c]);

  return (
    <>
      <Flash />
      <div className="bandeau">
        <h1>Appels à projets</h1>
        <p className="chapo">
          Les appels à projets publiés par les organismes intermédiaires du Fonds social européen : consultez les fiches
          opérations, les critères de sélection et les dates de dépôt.
        </p>
      </div>
      <div className="catalogue">
        <form className="filtres carte" onSubmit={filtrer} role="search" aria-label="Filtrer les appels à projets">
          <h2 className="filtres-titre">Filtrer</h2>
          <div className="champ">
            <label htmlFor="filtre-q">Recherche</label>
            <input id="filtre-q" type="search" value={saisie.q} onChange={maj('q')} aria-describedby="filtre-q-aide" />
            <p id="filtre-q-aide" className="aide">Titre, référence, organisme…</p>
          </div>
          <div className="champ">
            <label htmlFor="filtre-statut">Statut</label>
            <select id="filtre-statut" value={saisie.statut} onChange={maj('statut')}>
              <option value="">Tous</option>
              <option value="publie">Ouverts</option>
              <option value="clos">Clos</option>
            </select>
          </div>
          <div className="champ">
            <label htmlFor="filtre-plie">PLIE</label>
            <select id="filtre-plie" value={saisie.plie} onChange={maj('plie')} aria-describedby={plies.erreur ? 'filtre-plie-aide' : undefined}>
              <option value="">Tous</option>
              {ois.length > 1
                ? ois.map((oi) => <optgroup key={oi} label={oi}>{options(optionsPlie.filter((p) => p.oi === oi))}</optgroup>)
                : options(optionsPlie)}
              {saisie.plie && !optionsPlie.some((p) => p.id === saisie.plie) && <option value={saisie.plie}>{saisie.plie}</option>}
            </select>
            {plies.erreur && <p id="filtre-plie-aide" className="aide">Liste des PLIE indisponible : {plies.erreur.message}</p>}
          </div>
          <div className="champ">
            <label htmlFor="filtre-os">Objectif spécifique</label>
            <input id="filtre-os" value={saisie.objectifSpecifique} onChange={maj('objectifSpecifique')} aria-describedby="filtre-os-aide" />
            <p id="filtre-os-aide" className="aide">Code, ex. OS1</p>
          </div>
          <div className="actions">
            <button type="submit" className="bouton">Filtrer</button>
            {filtre && (
              <button type="button" className="bouton bouton-lien" onClick={effacer}>
                Effacer les filtres
              </button>
            )}
          </div>
        </form>
        <section aria-labelledby="resultats-titre" className="resultats" aria-busy={chargement}>
          <h2 id="resultats-titre" className="sr-only" tabIndex={-1}>Résultats</h2>
          {erreur && <ErreurApi erreur={erreur} onReessayer={recharger} />}
          {!erreur && !chargement && items.length === 0 && (
            <p className="vide">{filtre ? 'Aucun appel à projets ne correspond à ces filtres.' : 'Aucun appel à projets publié pour le moment.'}</p>
          )}
          <ul className="grille-cartes" ref={liste}>
            {items.map((a) => (
              <li key={a.id}>
                <CarteAap aap={a} lien={`/aaps/${encodeURIComponent(a.id)}`} />
              </li>
            ))}
          </ul>
          {chargement && <Chargement />}
          {cursor && (
            <div className="centre">
              <button type="button" className="bouton bouton-secondaire" onClick={plus} disabled={chargement}>
                Voir plus
              </button>
            </div>
          )}
        </section>
      </div>
    </>
  );
}
