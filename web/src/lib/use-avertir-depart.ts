import { useEffect } from 'react';

/** While `actif` (changes not saved yet), the browser asks before the page is left or reloaded. */
export function useAvertirAvantDepart(actif: boolean): void {
  useEffect(() => {
    if (!actif) return;
    const avertir = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', avertir);
    return () => window.removeEventListener('beforeunload', avertir);
  }, [actif]);
}
