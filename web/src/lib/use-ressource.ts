import { useCallback, useEffect, useRef, useState } from 'react';
import { enErreur, type ApiError } from './api';

/**
 * Something loaded from the API for a screen, keyed by `cle` (reloaded when it changes). `generation` is bumped on
 * every load, and on `remplacer(v, { redemarrer: true })`, so that forms restart from the new content.
 */
export function useRessource<T>(cle: string, charger: () => Promise<T>) {
  const [donnee, setDonnee] = useState<T | null>(null);
  const [erreur, setErreur] = useState<ApiError | null>(null);
  const [chargement, setChargement] = useState(true);
  const [generation, setGeneration] = useState(0);
  const chargeur = useRef(charger);
  chargeur.current = charger;

  const recharger = useCallback(async () => {
    setChargement(true);
    setErreur(null);
    try {
      setDonnee(await chargeur.current());
      setGeneration((g) => g + 1);
    } catch (e) {
      setErreur(enErreur(e));
    } finally {
      setChargement(false);
    }
  }, [cle]); // eslint-disable-line react-hooks/exhaustive-deps -- the key names what is loaded

  useEffect(() => void recharger(), [recharger]);

  const remplacer = useCallback((v: T | ((avant: T | null) => T | null), options: { redemarrer?: boolean } = {}) => {
    setDonnee(v);
    if (options.redemarrer) setGeneration((g) => g + 1);
  }, []);
  return { donnee, erreur, chargement, generation, recharger, remplacer };
}
