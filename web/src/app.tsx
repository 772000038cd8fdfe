import type { ReactNode } from 'react';
import { Layout } from './components/layout';
import { estOi, estPorteur, useSession } from './lib/auth';
import { matchRoute, useLocation } from './lib/router';
import { PageAap } from './pages/aap';
import { PageCatalogue } from './pages/catalogue';
import { PageComite } from './pages/comite';
import { PageMesComites } from './pages/comites';
import { PageComitesAap } from './pages/comites-aap';
import { PageConnexion, PageRetourConnexion } from './pages/connexion';
import { PageDoubleAuthentification } from './compte/double-authentification';
import { PageDossier } from './pages/dossier';
import { PageFiche } from './pages/fiche';
import { PageGestion } from './pages/gestion';
import { PageGestionAap } from './pages/gestion-aap';
import { PageGestionDossier } from './pages/gestion-dossier';
import { PageGestionDossiers } from './pages/gestion-dossiers';
import { PageGestionRecherche } from './pages/gestion-recherche';
import { PageGestionPlie } from './pages/gestion-plie';
import { PageGestionPlies } from './pages/gestion-plies';
import { PageImport } from './pages/gestion-import';
import { PageNouvelAap } from './pages/gestion-nouveau';
import { PageRectificatif } from './pages/gestion-rectificatif';
import { PageIntrouvable, PageReservee } from './pages/introuvable';
import { PageMesDossiers } from './pages/mes-dossiers';
import { PageOrganisation } from './pages/organisation';
import { PagePlie } from './pages/plie';

type Rendu = (p: Record<string, string>) => ReactNode;
type Acces = 'public' | 'oi' | 'porteur';
const routes: [string, Rendu, Acces][] = [
  ['/', () => <PageCatalogue />, 'public'],
  ['/connexion', () => <PageConnexion />, 'public'],
  ['/auth/callback', () => <PageRetourConnexion />, 'public'],
  ['/aaps/:id', (p) => <PageAap id={p.id!} />, 'public'],
  ['/aaps/:id/fiches/:code', (p) => <PageFiche id={p.id!} code={p.code!} />, 'public'],
  ['/plies/:id', (p) => <PagePlie id={p.id!} />, 'public'],
  ['/gestion', () => <PageGestion />, 'oi'],
  ['/gestion/nouveau', () => <PageNouvelAap />, 'oi'],
  ['/gestion/import', () => <PageImport />, 'oi'],
  ['/gestion/plies', () => <PageGestionPlies />, 'oi'],
  ['/gestion/plies/:id', (p) => <PageGestionPlie id={p.id!} />, 'oi'],
  ['/gestion/aaps/:id', (p) => <PageGestionAap id={p.id!} />, 'oi'],
  ['/gestion/aaps/:id/rectificatif', (p) => <PageRectificatif id={p.id!} />, 'oi'],
  ['/gestion/aaps/:id/dossiers', (p) => <PageGestionDossiers id={p.id!} />, 'oi'],
  ['/gestion/dossiers/:id', (p) => <PageGestionDossier id={p.id!} />, 'oi'],
  // The former instruction page is the dossier page's « Instruction » tab (links and bookmarks still land there).
  ['/gestion/dossiers/:id/instruction', (p) => <PageGestionDossier id={p.id!} ongletParDefaut="instruction" />, 'oi'],
  ['/gestion/recherche', () => <PageGestionRecherche />, 'oi'],
  ['/gestion/aaps/:id/comites', (p) => <PageComitesAap id={p.id!} />, 'oi'],
  // Comité pages check their own access (members and OI staff): see comite/garde.tsx.
  ['/comites', () => <PageMesComites />, 'public'],
  ['/comites/:id', (p) => <PageComite id={p.id!} />, 'public'],
  ['/dossiers', () => <PageMesDossiers />, 'porteur'],
  ['/dossiers/:id', (p) => <PageDossier id={p.id!} />, 'porteur'],
  ['/organisation', () => <PageOrganisation />, 'porteur'],
  ['/compte/double-authentification', () => <PageDoubleAuthentification />, 'public'],
];

function autorise(acces: Acces, session: ReturnType<typeof useSession>): boolean {
  if (acces === 'oi') return estOi(session);
  if (acces === 'porteur') return estPorteur(session);
  return true;
}

export function App() {
  const { pathname } = useLocation();
  const session = useSession();
  let page: ReactNode = <PageIntrouvable />;
  for (const [motif, rendu, acces] of routes) {
    const params = matchRoute(motif, pathname);
    if (!params) continue;
    page = autorise(acces, session) ? rendu(params) : <PageReservee connecte={!!session} pour={acces === 'oi' ? 'oi' : 'porteur'} />;
    break;
  }
  // The key remounts the page on navigation, so each page starts from a clean state.
  return (
    <Layout>
      <div key={pathname}>{page}</div>
    </Layout>
  );
}
