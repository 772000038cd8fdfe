import { useState, type FormEvent } from 'react';
import { Alerte } from '../components/ui';
import { api, ApiError } from '../lib/api';
import { useAnnoncer, useTitre } from '../lib/annonces';
import { estOi, ouvrirSession } from '../lib/auth';
import { navigate, useLocation } from '../lib/router';
import { Jeton } from '../lib/schemas';

const DEMO: { email: string; role: string }[] = [
  { email: 'oi@guichet.test', role: 'OI — administration' },
  { email: 'gestionnaire@guichet.test', role: 'OI — gestion' },
  { email: 'porteur@guichet.test', role: 'Porteur de projet' },
  { email: 'porteur2@guichet.test', role: 'Porteur de projet' },
  ...[1, 2, 3, 4, 5].map((n) => ({ email: `comite${n}@guichet.test`, role: 'Membre de comité' })),
  { email: 'nouveau@guichet.test', role: 'Compte invité, sans rôle' },
];

/** Development sign-in: the local identity provider issues a signed token for a demo e-mail. */
export function PageConnexion() {
  useTitre('Connexion');
  const annoncer = useAnnoncer();
  const { search } = useLocation();
  const [email, setEmail] = useState('');
  const [erreur, setErreur] = useState<string | null>(null);
  const [erreurChamp, setErreurChamp] = useState<string | null>(null);
  const [envoi, setEnvoi] = useState(false);

  const connecter = async (adresse: string) => {
    setEnvoi(true);
    setErreur(null);
    setErreurChamp(null);
    annoncer('Connexion en cours…');
    try {
      const { data } = await api('/auth/dev/token', Jeton, { method: 'POST', body: { email: adresse.trim() } });
      const session = ouvrirSession(data.token);
      const retour = search.get('retour');
      const cible = retour && retour.startsWith('/') && !retour.startsWith('//') ? retour : estOi(session) ? '/gestion' : '/';
      navigate(cible, { replace: true, flash: `Vous êtes connecté en tant que ${session.email}.` });
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, 'INCONNUE', 'Connexion impossible.');
      const surEmail = err.details.find((d) => d.chemin === 'email' || d.chemin.endsWith('.email'));
      if (surEmail) setErreurChamp(surEmail.message);
      setErreur(err.message);
      annoncer(`Échec de la connexion : ${err.message}`);
    } finally {
      setEnvoi(false);
    }
  };

  const soumettre = (e: FormEvent) => {
    e.preventDefault();
    if (!email.trim()) {
      setErreurChamp('Indiquez une adresse e-mail.');
      document.getElementById('email')?.focus();
      return;
    }
    void connecter(email);
  };

  return (
    <section className="page-etroite">
      <h1>Connexion</h1>
      <p className="chapo">
        Environnement de démonstration : choisissez un compte de test ou saisissez une adresse e-mail. Aucun mot de
        passe n’est demandé.
      </p>
      {erreur && <Alerte titre="La connexion a échoué" focus>{<p>{erreur}</p>}</Alerte>}
      <div className="carte">
        <h2>Comptes de démonstration</h2>
        <ul className="comptes-demo">
          {DEMO.map((u) => (
            <li key={u.email}>
              <button
                type="button"
                className="bouton bouton-secondaire bouton-bloc"
                disabled={envoi}
                onClick={() => void connecter(u.email)}
              >
                <span className="compte-email">{u.email}</span>
                <span className="compte-role">{u.role}</span>
              </button>
            </li>
          ))}
        </ul>
      </div>
      <form className="carte" onSubmit={soumettre} noValidate>
        <h2>Autre adresse</h2>
        <div className={`champ${erreurChamp ? ' champ-erreur' : ''}`}>
          <label htmlFor="email">Adresse e-mail</label>
          <input
            id="email"
            type="email"
            autoComplete="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            aria-invalid={erreurChamp ? true : undefined}
            aria-describedby={erreurChamp ? 'email-erreur' : undefined}
          />
          {erreurChamp && (
            <p id="email-erreur" className="message-erreur">
              {erreurChamp}
            </p>
          )}
        </div>
        <button type="submit" className="bouton" disabled={envoi}>
          Se connecter
        </button>
      </form>
    </section>
  );
}
