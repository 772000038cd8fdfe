import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { AnnoncesProvider } from './lib/annonces';
import './styles.css';
import './styles-dossier.css';
import './styles-contenu.css';

createRoot(document.getElementById('racine')!).render(
  <StrictMode>
    <AnnoncesProvider>
      <App />
    </AnnoncesProvider>
  </StrictMode>,
);
