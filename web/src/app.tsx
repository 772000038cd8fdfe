import { lazy, Suspense, type ReactNode } from 'react';
import { Layout } from './components/layout';
import { Chargement } from './components/ui';
import { estOi, estPorteur, useSession } from './lib/auth';
import { matchRoute, useLocation } from './lib/router';
import { PageDoubleAuthentification } from './compte/double-authentification';
import { PageIntrouvable, PageReservee } from './pages/introuvable';

/** Pages, one chunk each. */
const PageAap = lazy(() => import('./pages/aap').then((m) => ({ default: m.PageAap })));
const PageCatalogue = lazy(() => import('./pages/catalogue').then((m) => ({ default: m.PageCatalogue })));
const PageComite = lazy(() => import('./pages/comite').then((m) => ({ default: m.PageComite })));
const PageMesComites = lazy(() => import('./pages/comites').then((m) => ({ default: m.PageMesComites })));
const PageComitesAap = lazy(() => import('./pages/comites-aap').then((m) => ({ default: m.PageComitesAap })));
const PageConnexion = lazy(() => import('./pages/connexion').then((m) => ({ default: m.PageConnexion })));
const PageRetourConnexion = lazy(() => import('./pages/connexion').then((m) => ({ default: m.PageRetourConnexion })));
const PageDossier = lazy(() => import('./pages/dossier').then((m) => ({ default: m.PageDossier })));
const PageFiche = lazy(() => import('./pages/fiche').then((m) => ({ default: m.PageFiche })));
const PageGestion = lazy(() => import('./pages/gestion').then((m) => ({ default: m.PageGestion })));
const PageGestionAap = lazy(() => import('./pages/gestion-aap').then((m) => ({ default: m.PageGestionAap })));
const PageGestionDossier = lazy(() => import('./pages/gestion-dossier').then((m) => ({ default: m.PageGestionDossier })));
const PageGestionDossiers = lazy(() => import('./pages/gestion-dossiers').then((m) => ({ default: m.PageGestionDossiers })));
const PageGestionRecherche = lazy(() => import('./pages/gestion-recherche').then((m) => ({ default: m.PageGestionRecherche })));
const PageGestionPlie = lazy(() => import('./pages/gestion-plie').then((m) => ({ default: m.PageGestionPlie })));
const PageGestionPlies = lazy(() => import('./pages/gestion-plies').then((m) => ({ default: m.PageGestionPlies })));
const PageGestionConsolidation = lazy(() => import('./pages/gestion-consolidation').then((m) => ({ default: m.PageGestionConsolidation })));
const PageImport = lazy(() => import('./pages/gestion-import').then((m) => ({ default: m.PageImport })));
const PageNouvelAap = lazy(() => import('./pages/gestion-nouveau').then((m) => ({ default: m.PageNouvelAap })));
const PageRectificatif = lazy(() => import('./pages/gestion-rectificatif').then((m) => ({ default: m.PageRectificatif })));
const PageMesDossiers = lazy(() => import('./pages/mes-dossiers').then((m) => ({ default: m.PageMesDossiers })));
const PageOrganisation = lazy(() => import('./pages/organisation').then((m) => ({ default: m.PageOrganisation })));
const PageParticipants = lazy(() => import('./pages/participants').then((m) => ({ default: m.PageParticipants })));
const PagePlie = lazy(() => import('./pages/plie').then((m) => ({ default: m.PagePlie })));
const PageMesNotifications = lazy(() => import('./pages/notifications').then((m) => ({ default: m.PageMesNotifications })));

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
  ['/gestion/consolidation', () => <PageGestionConsolidation />, 'oi'],
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
  ['/dossiers/:id/participants', (p) => <PageParticipants id={p.id!} />, 'porteur'],
  ['/organisation', () => <PageOrganisation />, 'porteur'],
  ['/compte/double-authentification', () => <PageDoubleAuthentification />, 'public'],
  // Every signed-in person's e-mails (the page asks anonymous visitors to sign in).
  ['/notifications', () => <PageMesNotifications />, 'public'],
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
      {/* Each page is its own chunk, loaded on first visit (the bundle is split by route); a boundary per page. */}
      <div key={pathname}>
        <Suspense fallback={<Chargement texte="Chargement de la page…" />}>{page}</Suspense>
      </div>
    </Layout>
  );
}
