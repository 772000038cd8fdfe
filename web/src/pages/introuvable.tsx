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

/** Shown on OI pages to visitors who are not OI staff. */
export function PageReservee({ connecte }: { connecte: boolean }) {
  const { href } = useLocation();
  useTitre('Accès réservé');
  return (
    <section className="page-etroite">
      <h1>Accès réservé aux organismes intermédiaires</h1>
      {connecte ? (
        <p>Votre compte n’a pas le rôle nécessaire (administration ou gestion d’un OI).</p>
      ) : (
        <p>
          <Link to={`/connexion?retour=${encodeURIComponent(href)}`}>Connectez-vous</Link> avec un compte
          d’organisme intermédiaire pour accéder à cette page.
        </p>
      )}
    </section>
  );
}
