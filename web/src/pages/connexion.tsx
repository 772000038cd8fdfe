import { useEffect, useState } from 'react';
import { Alerte } from '../components/ui';
import { useAnnoncer, useTitre } from '../lib/annonces';
import { accueilDe, messageErreurConnexion, seConnecter, terminerConnexion, useSession } from '../lib/auth';
import { navigate, useLocation } from '../lib/router';

/** « Se connecter »: the sign-in happens at the identity provider (Cognito on AWS, the local provider in `npm start`). */
export function PageConnexion() {
  useTitre('Connexion');
  const { search } = useLocation();
  const session = useSession();
  const [erreur, setErreur] = useState<string | null>(null);
  const [envoi, setEnvoi] = useState(false);
  const retour = search.get('retour');

  const connecter = async () => {
    setEnvoi(true);
    setErreur(null);
    try {
      await seConnecter(retour);
    } catch (e) {
      setErreur(messageErreurConnexion(e));
      setEnvoi(false);
    }
  };

  return (
    <section className="page-etroite">
      <h1>Connexion</h1>
      {erreur && <Alerte titre="La connexion a échoué" focus>{<p>{erreur}</p>}</Alerte>}
      {session ? (
        <p>
          Vous êtes déjà connecté en tant que <strong>{session.email}</strong>.{' '}
          <a href={accueilDe(session)} onClick={(e) => (e.preventDefault(), navigate(retour ?? accueilDe(session)))}>
            Continuer
          </a>
        </p>
      ) : (
        <>
          <p className="chapo">
            Vous vous identifiez sur la page du fournisseur d’identité de Guichet (adresse électronique, mot de passe et,
            pour les agents des organismes intermédiaires, un code de vérification), puis vous revenez ici.
          </p>
          <p>Pas encore de compte ? Le fournisseur d’identité vous propose d’en créer un : il sera celui d’un porteur de projet.</p>
          <button type="button" className="bouton" disabled={envoi} onClick={() => void connecter()}>
            Se connecter
          </button>
        </>
      )}
    </section>
  );
}

/** `/auth/callback`: the provider sends the browser back here with the code; never a blank page. */
export function PageRetourConnexion() {
  useTitre('Connexion');
  const annoncer = useAnnoncer();
  const [erreur, setErreur] = useState<string | null>(null);
  useEffect(() => {
    terminerConnexion().then(
      ({ session, cible }) => {
        const qui = session ? [session.prenom, session.nom].filter(Boolean).join(' ') || session.email : null;
        navigate(cible, { replace: true, flash: qui ? `Vous êtes connecté en tant que ${qui}.` : undefined });
      },
      (e: unknown) => {
        const m = messageErreurConnexion(e);
        setErreur(m);
        annoncer(`Échec de la connexion : ${m}`);
      },
    );
  }, [annoncer]);
  if (!erreur) {
    return (
      <section className="page-etroite">
        <h1>Connexion</h1>
        <p role="status">Connexion en cours…</p>
      </section>
    );
  }
  return (
    <section className="page-etroite">
      <h1>Connexion</h1>
      <Alerte titre="La connexion a échoué" focus>
        <p>{erreur}</p>
      </Alerte>
      <p>
        <button type="button" className="bouton" onClick={() => void seConnecter().catch((e: unknown) => setErreur(messageErreurConnexion(e)))}>
          Réessayer
        </button>
      </p>
    </section>
  );
}
