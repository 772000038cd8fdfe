import { useTitre } from '../lib/annonces';
import { Link, useLocation } from '../lib/router';

export function PageIntrouvable() {
  useTitre('Page introuvable');
  return (
    <section className="page-etroite">
      <h1>Page introuvable</h1>
      <p>L’adresse demandée ne correspond à aucune page de Guichet.</p>
      <p>
        <Link to="/">Retour aux appels à projets</Link>
      </p>
    </section>
  );
}

/** Shown on OI (or porteur) pages to visitors without the role. */
export function PageReservee({ connecte, pour = 'oi' }: { connecte: boolean; pour?: 'oi' | 'porteur' }) {
  const { href } = useLocation();
  useTitre('Accès réservé');
  const qui = pour === 'oi' ? 'organismes intermédiaires' : 'porteurs de projets';
  return (
    <section className="page-etroite">
      <h1>Accès réservé aux {qui}</h1>
      {connecte ? (
        <p>Votre compte n’a pas le rôle nécessaire ({pour === 'oi' ? 'administration ou gestion d’un OI' : 'porteur de projet'}).</p>
      ) : (
        <p>
          <Link to={`/connexion?retour=${encodeURIComponent(href)}`}>Connectez-vous</Link> avec un compte
          {pour === 'oi' ? ' d’organisme intermédiaire' : ' de porteur de projet'} pour accéder à cette page.
        </p>
      )}
    </section>
  );
}
