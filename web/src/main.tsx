import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { AnnoncesProvider } from './lib/annonces';
import { demarrerAuth } from './lib/auth';
import './styles.css';
import './styles-dossier.css';
import './styles-contenu.css';

// The session (and where to sign in) is known before the first render: no flash of a signed-out header.
void demarrerAuth().then(() =>
  createRoot(document.getElementById('racine')!).render(
    <StrictMode>
      <AnnoncesProvider>
        <App />
      </AnnoncesProvider>
    </StrictMode>,
  ),
);
