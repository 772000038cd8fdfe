import type { ReactNode } from 'react';
import { Layout } from './components/layout';
import { estOi, useSession } from './lib/auth';
import { matchRoute, useLocation } from './lib/router';
import { PageAap } from './pages/aap';
import { PageCatalogue } from './pages/catalogue';
import { PageConnexion } from './pages/connexion';
import { PageFiche } from './pages/fiche';
import { PageGestion } from './pages/gestion';
import { PageGestionAap } from './pages/gestion-aap';
import { PageImport } from './pages/gestion-import';
import { PageNouvelAap } from './pages/gestion-nouveau';
import { PageRectificatif } from './pages/gestion-rectificatif';
import { PageIntrouvable, PageReservee } from './pages/introuvable';

type Rendu = (p: Record<string, string>) => ReactNode;
const routes: [string, Rendu, 'public' | 'oi'][] = [
  ['/', () => <PageCatalogue />, 'public'],
  ['/connexion', () => <PageConnexion />, 'public'],
  ['/aaps/:id', (p) => <PageAap id={p.id!} />, 'public'],
  ['/aaps/:id/fiches/:code', (p) => <PageFiche id={p.id!} code={p.code!} />, 'public'],
  ['/gestion', () => <PageGestion />, 'oi'],
  ['/gestion/nouveau', () => <PageNouvelAap />, 'oi'],
  ['/gestion/import', () => <PageImport />, 'oi'],
  ['/gestion/aaps/:id', (p) => <PageGestionAap id={p.id!} />, 'oi'],
  ['/gestion/aaps/:id/rectificatif', (p) => <PageRectificatif id={p.id!} />, 'oi'],
];

export function App() {
  const { pathname } = useLocation();
  const session = useSession();
  let page: ReactNode = <PageIntrouvable />;
  for (const [motif, rendu, acces] of routes) {
    const params = matchRoute(motif, pathname);
    if (!params) continue;
    page = acces === 'oi' && !estOi(session) ? <PageReservee connecte={!!session} /> : rendu(params);
    break;
  }
  // The key remounts the page on navigation, so each page starts from a clean state.
  return (
    <Layout>
      <div key={pathname}>{page}</div>
    </Layout>
  );
}
