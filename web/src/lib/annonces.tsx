import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';

/** One polite live region for the whole app: async status (« Chargement… », « 12 résultats ») is read once. */
const Contexte = createContext<(message: string) => void>(() => {});

export function AnnoncesProvider({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState('');
  const annoncer = useCallback((m: string) => {
    // Clearing first makes screen readers repeat an identical message.
    setMessage('');
    window.setTimeout(() => setMessage(m), 50);
  }, []);
  return (
    <Contexte.Provider value={annoncer}>
      {children}
      <div className="sr-only" role="status" aria-live="polite" aria-atomic="true" data-testid="annonces">
        {message}
      </div>
    </Contexte.Provider>
  );
}

export const useAnnoncer = (): ((message: string) => void) => useContext(Contexte);

/** Sets the document title: « <page> — Guichet ». */
export function useTitre(titre: string | null | undefined): void {
  useEffect(() => {
    document.title = titre ? `${titre} — Guichet` : 'Guichet';
  }, [titre]);
}
