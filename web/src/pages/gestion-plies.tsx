import { useEffect, useState, type FormEvent } from 'react';
import { Alerte, Chargement, ErreurApi, FilAriane, Flash } from '../components/ui';
import { Champ, ErreursContexte, idChamp } from '../form/champs';
import { normaliserChemin, type Erreurs } from '../form/conversion';
import { enErreur } from '../lib/api';
import { useAnnoncer, useTitre } from '../lib/annonces';
import { estOiAdmin, useSession } from '../lib/auth';
import { deNom, pluriel } from '../lib/format';
import { enregistrerPlie, lienGestionPlie, lienPlie, usePlies } from '../lib/plies';
import { Link, navigate } from '../lib/router';
import { ContenuPlie, IdPlie } from '../lib/schemas';

const AIDE_IDENTIFIANT =
  'Minuscules sans accents, chiffres et tirets (2 à 60 caractères), ex. « grand-perigueux ». '
  + 'Il forme l’adresse de la page du PLIE et les appels à projets le citent : il ne change plus ensuite.';

/** A PLIE with only its id and name: the rest is written on its edit page. */
function NouveauPlie() {
  const annoncer = useAnnoncer();
  const [id, setId] = useState('');
  const [nom, setNom] = useState('');
  const [erreurs, setErreurs] = useState<Erreurs>({});
  const [message, setMessage] = useState<string | null>(null);
  const [envoi, setEnvoi] = useState(false);

  const echec = (errs: Erreurs, msg: string | null) => {
    setErreurs(errs);
    setMessage(msg);
    annoncer(msg ?? `Le formulaire comporte ${pluriel(Object.keys(errs).length, 'erreur', 'erreurs')}.`);
    document.getElementById(idChamp(Object.keys(errs)[0] ?? 'id'))?.focus();
  };

  const creer = async (e: FormEvent) => {
    e.preventDefault();
    const errs: Erreurs = {};
    const idLu = IdPlie.safeParse(id.trim());
    if (!idLu.success) errs.id = idLu.error.issues[0]?.message ?? 'Identifiant invalide.';
    const contenu = ContenuPlie.safeParse({ nom, territoire: {} });
    if (!contenu.success) errs.nom = contenu.error.issues.find((i) => i.path[0] === 'nom')?.message ?? 'Nom invalide.';
    if (!idLu.success || !contenu.success) return echec(errs, null);
    setEnvoi(true);
    try {
      const plie = await enregistrerPlie(idLu.data, contenu.data, null);
      const flash = `PLIE « ${plie.nom} » créé. Décrivez maintenant son territoire, son public et ses objectifs.`;
      navigate(lienGestionPlie(plie.id), { flash });
    } catch (err) {
      const a = enErreur(err);
      const parChamp: Erreurs = {};
      for (const d of a.details) {
        const champ = normaliserChemin(d.chemin).replace(/^chemin\./, '');
        if (champ === 'id' || champ === 'nom') parChamp[champ] ??= d.message;
      }
      if (a.code === 'PLIE_EXISTANT') parChamp.id = `L’identifiant « ${idLu.data} » est déjà pris : choisissez-en un autre.`;
      echec(parChamp, a.message);
    } finally {
      setEnvoi(false);
    }
  };

  return (
    <section className="carte" aria-labelledby="nouveau-plie-titre">
      <h2 id="nouveau-plie-titre">Nouveau PLIE</h2>
      <ErreursContexte.Provider value={erreurs}>
        <form onSubmit={(e) => void creer(e)} noValidate aria-busy={envoi}>
          {message && <Alerte>{<p>{message}</p>}</Alerte>}
          <div className="grille-2">
            <Champ
              chemin="id"
              label="Identifiant"
              aide={AIDE_IDENTIFIANT}
              value={id}
              onChange={setId}
            />
            <Champ chemin="nom" label="Nom du PLIE" aide="Ex. « PLIE du Grand Périgueux »." value={nom} onChange={setNom} />
          </div>
          <button type="submit" className="bouton" disabled={envoi}>
            {envoi ? 'Création…' : 'Créer le PLIE'}
          </button>
        </form>
      </ErreursContexte.Provider>
    </section>
  );
}

/** The PLIE of the signed-in user's OI: everyone on the OI's staff reads them, its administrators write them. */
export function PageGestionPlies() {
  useTitre('Les PLIE de l’OI');
  const session = useSession();
  const annoncer = useAnnoncer();
  const admin = estOiAdmin(session);
  const oi = session?.oi ?? '';
  const { data, erreur, chargement, recharger } = usePlies(oi);
  const items = data?.items ?? [];
  useEffect(() => {
    if (data) annoncer(`${pluriel(data.items.length, 'PLIE', 'PLIE')}.`);
  }, [data, annoncer]);

  return (
    <>
      <FilAriane elements={[{ libelle: 'Gestion', lien: <Link to="/gestion">Gestion</Link> }, { libelle: 'Les PLIE de l’OI' }]} />
      <Flash />
      <header className="entete-page">
        <h1>Les PLIE {oi ? deNom(oi) : 'de l’OI'}</h1>
        <p className="chapo">
          Plans locaux pour l’insertion et l’emploi : territoire, public, conditions d’entrée, objectifs et gouvernance, publiés
          sur la page de chaque PLIE et repris par les appels à projets qui le citent.
        </p>
      </header>
      {!oi && <Alerte type="avertissement"><p>Votre compte n’est rattaché à aucun organisme intermédiaire.</p></Alerte>}
      {oi && !admin && (
        <Alerte type="info"><p>La modification des PLIE est réservée aux administrateurs de l’OI.</p></Alerte>
      )}
      <div className="carte">
        {erreur && <ErreurApi erreur={erreur} onReessayer={recharger} />}
        {chargement && <Chargement texte="Chargement des PLIE…" />}
        {data && items.length === 0 && <p className="vide">Aucun PLIE pour le moment.</p>}
        {items.length > 0 && (
          <div className="table-defilante" tabIndex={0} role="region" aria-label="PLIE de l’OI">
            <table className="table table-large table-plies">
              <thead>
                <tr>
                  <th scope="col">PLIE</th>
                  <th scope="col">Site web</th>
                  <th scope="col">Page publique</th>
                  {admin && <th scope="col"><span className="sr-only">Actions</span></th>}
                </tr>
              </thead>
              <tbody>
                {items.map((p) => (
                  <tr key={p.id}>
                    <td>
                      {p.nom}
                      <span className="reference">{p.id}</span>
                    </td>
                    <td className="url">
                      {p.siteWeb ? <a href={p.siteWeb} rel="noopener noreferrer">{p.siteWeb}</a> : <span className="discret">—</span>}
                    </td>
                    <td>
                      <Link to={lienPlie(p.id)}>
                        Voir la page<span className="sr-only"> — {p.nom}</span>
                      </Link>
                    </td>
                    {admin && (
                      <td>
                        <Link to={lienGestionPlie(p.id)} className="bouton bouton-secondaire bouton-petit">
                          Modifier<span className="sr-only"> — {p.nom}</span>
                        </Link>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
      {admin && oi && <NouveauPlie />}
    </>
  );
}
