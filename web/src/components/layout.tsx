import { useEffect, useRef, useState, type ReactNode } from 'react';
import {
  AVANCE_RENOUVELLEMENT,
  estOi,
  estPorteur,
  libelleRole,
  messageErreurConnexion,
  renouvellementEnEchec,
  resterConnecte,
  seConnecter,
  seDeconnecter,
  useSession,
} from '../lib/auth';
import { useAnnoncer } from '../lib/annonces';
import { AvisCompteSansRole } from './compte-sans-role';
import { BandeauIndisponible } from './bandeau-indisponible';
import { AvisDoubleAuthentification } from '../compte/double-authentification';
import { Link, useLocation } from '../lib/router';

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
  const [occupe, setOccupe] = useState(false);
  if (!session) {
    if (pathname === '/connexion' || pathname === '/auth/callback') return null;
    const connecter = () => {
      setOccupe(true);
      // From the catalogue's home page, the role's home page afterwards; from any other page, back to it.
      seConnecter(pathname === '/' ? null : href).catch((e: unknown) => {
        setOccupe(false);
        annoncer(messageErreurConnexion(e));
      });
    };
    return (
      <button type="button" className="bouton bouton-clair" disabled={occupe} onClick={connecter}>
        Se connecter
      </button>
    );
  }
  const deconnexion = () => {
    setOccupe(true);
    annoncer('Déconnexion en cours…');
    void seDeconnecter();
  };
  const nom = [session.prenom, session.nom].filter(Boolean).join(' ');
  return (
    <div className="utilisateur">
      <p className="utilisateur-infos">
        {nom && <span className="utilisateur-nom">{nom}</span>}
        <span className="utilisateur-email" data-testid="utilisateur">{session.email}</span>
        <span className="utilisateur-roles">
          {session.roles.map(libelleRole).join(', ') || 'aucun rôle'}
          {session.oi && ` · ${session.oi}`}
        </span>
      </p>
      <button type="button" className="bouton bouton-clair" disabled={occupe} onClick={deconnexion}>
        Se déconnecter
      </button>
    </div>
  );
}

/**
 * Announced before it happens: when expiry is near and renewal has not succeeded, « Rester connecté » saves what is
 * pending (autosave) and renews the session, or else signs in again back to this page.
 */
function BandeauExpiration() {
  const session = useSession();
  const [maintenant, setMaintenant] = useState(() => Date.now());
  const [occupe, setOccupe] = useState(false);
  useEffect(() => {
    const t = window.setInterval(() => setMaintenant(Date.now()), 5_000);
    return () => window.clearInterval(t);
  }, []);
  if (!session?.expireLe) return null;
  const reste = session.expireLe - maintenant;
  // Renewal starts AVANCE_RENOUVELLEMENT s before expiry and normally succeeds within a second: then expireLe moves on.
  const visible = reste > 0 && (reste <= (AVANCE_RENOUVELLEMENT - 15) * 1000 || (renouvellementEnEchec() && reste <= AVANCE_RENOUVELLEMENT * 1000));
  if (!visible) return null;
  const minutes = Math.max(1, Math.ceil(reste / 60_000));
  const rester = () => {
    setOccupe(true);
    resterConnecte().finally(() => setOccupe(false));
  };
  return (
    <div className="alerte alerte-avertissement bandeau-expiration" role="alert" data-testid="expiration">
      <p>
        Votre session expire dans {minutes} min. Vos saisies en cours seront enregistrées avant de prolonger la
        session.
      </p>
      <button type="button" className="bouton" disabled={occupe} onClick={rester}>
        Rester connecté
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
  // On a phone the navigation folds behind a « Menu » button; it closes again on every navigation.
  const [menuOuvert, setMenuOuvert] = useState(false);
  useEffect(() => setMenuOuvert(false), [pathname]);
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
          <button
            type="button"
            className="bouton-menu"
            aria-expanded={menuOuvert}
            aria-controls="navigation-principale"
            onClick={() => setMenuOuvert((o) => !o)}
          >
            <span aria-hidden="true">☰ </span>Menu
          </button>
          <nav
            aria-label="Navigation principale"
            className={`nav${menuOuvert ? ' nav-ouverte' : ''}`}
            id="navigation-principale"
            onClick={(e) => {
              if ((e.target as HTMLElement).closest('a')) setMenuOuvert(false);
            }}
          >
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
            {session && (
              <LienNav to="/notifications" actif={pathname.startsWith('/notifications')}>
                Mes notifications
              </LienNav>
            )}
          </nav>
          <Utilisateur />
        </div>
      </header>
      <main id="contenu" ref={main} tabIndex={-1} className="contenu">
        <BandeauExpiration />
        <BandeauIndisponible />
        <AvisDoubleAuthentification />
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
