import type { ReactNode } from 'react';
import { useTitre } from '../lib/annonces';
import { estOi, useSession, type Session } from '../lib/auth';
import { Link, useLocation } from '../lib/router';

export const estMembreComite = (s: Session | null): boolean => !!s && s.roles.includes('comite');

/** Comité pages are for comité members and OI staff; anyone else is told why and how to sign in. */
export function GardeComite({ children }: { children: ReactNode }) {
  const session = useSession();
  const { href } = useLocation();
  const autorise = estMembreComite(session) || estOi(session);
  useTitre(autorise ? undefined : 'Accès réservé');
  if (autorise) return <>{children}</>;
  return (
    <section className="page-etroite">
      <h1>Accès réservé aux membres des comités</h1>
      {session ? (
        <p>Votre compte n’a pas le rôle « membre de comité » ni un rôle d’organisme intermédiaire.</p>
      ) : (
        <p>
          <Link to={`/connexion?retour=${encodeURIComponent(href)}`}>Connectez-vous</Link> avec votre compte de membre de comité pour accéder à
          vos séances.
        </p>
      )}
    </section>
  );
}
