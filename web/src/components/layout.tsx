import { useEffect, useRef, type ReactNode } from 'react';
import { estOi, estPorteur, fermerSession, libelleRole, useSession } from '../lib/auth';
import { useAnnoncer } from '../lib/annonces';
import { AvisCompteSansRole } from './compte-sans-role';
import { Link, navigate, useLocation } from '../lib/router';

function LienNav({ to, children, actif }: { to: string; children: ReactNode; actif: boolean }) {
  return (
    <Link to={to} className="nav-lien" aria-current={actif ? 'page' : undefined}>
      {children}
    </Link>
  );
}

function Utilisateur() {
  const session = useSession();
  const annoncer = useAnnoncer();
  const { href, pathname } = useLocation();
  if (!session) {
    if (pathname === '/connexion') return null;
    return (
      <Link to={`/connexion?retour=${encodeURIComponent(href)}`} className="bouton bouton-clair">
        Se connecter
      </Link>
    );
  }
  const deconnexion = () => {
    fermerSession();
    annoncer('Vous êtes déconnecté.');
    navigate('/', { flash: 'Vous êtes déconnecté.' });
  };
  return (
    <div className="utilisateur">
      <p className="utilisateur-infos">
        <span className="utilisateur-email" data-testid="utilisateur">{session.email}</span>
        <span className="utilisateur-roles">
          {session.roles.map(libelleRole).join(', ') || 'aucun rôle'}
          {session.oi && ` · ${session.oi}`}
        </span>
      </p>
      <button type="button" className="bouton bouton-clair" onClick={deconnexion}>
        Se déconnecter
      </button>
    </div>
  );
}

/** Header, navigation, main landmark (focused on navigation) and footer. */
export function Layout({ children }: { children: ReactNode }) {
  const session = useSession();
  const { pathname } = useLocation();
  const main = useRef<HTMLElement>(null);
  const premier = useRef(true);
  useEffect(() => {
    // Move focus to the new page for keyboard and screen reader users, but not on the first load.
    if (premier.current) {
      premier.current = false;
      return;
    }
    main.current?.focus({ preventScroll: true });
  }, [pathname]);
  const catalogue = pathname === '/' || pathname.startsWith('/aaps');
  return (
    <>
      <a className="lien-evitement" href="#contenu">
        Aller au contenu
      </a>
      <header className="entete">
        <div className="entete-interieur">
          <Link to="/" className="marque">
            <span className="marque-logo" aria-hidden="true">G</span>
            <span>
              <span className="marque-nom">Guichet</span>
              <span className="marque-sous-titre">Appels à projets FSE et FSE+</span>
            </span>
          </Link>
          <nav aria-label="Navigation principale" className="nav">
            <LienNav to="/" actif={catalogue}>
              Appels à projets
            </LienNav>
            {estPorteur(session) && (
              <>
                <LienNav to="/dossiers" actif={pathname.startsWith('/dossiers')}>
                  Mes dossiers
                </LienNav>
                <LienNav to="/organisation" actif={pathname.startsWith('/organisation')}>
                  Mon organisation
                </LienNav>
              </>
            )}
            {estOi(session) && (
              <LienNav to="/gestion" actif={pathname.startsWith('/gestion')}>
                Gestion de l’OI
              </LienNav>
            )}
            {session?.roles.includes('comite') && (
              <LienNav to="/comites" actif={pathname.startsWith('/comites')}>
                Mes comités
              </LienNav>
            )}
          </nav>
          <Utilisateur />
        </div>
      </header>
      <main id="contenu" ref={main} tabIndex={-1} className="contenu">
        <AvisCompteSansRole />
        {children}
      </main>
      <footer className="pied">
        <div className="pied-interieur">
          <p>
            Guichet — plateforme de gestion des appels à projets du Fonds social européen (FSE, FSE+) des organismes
            intermédiaires.
          </p>
          <p>
            <a href="/api/openapi.json">Documentation de l’API (OpenAPI)</a>
          </p>
        </div>
      </footer>
    </>
  );
}
