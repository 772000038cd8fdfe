import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from './api';
import { Aap, type TAap } from './schemas';

/** The OI's view of one AAP (drafts included), replaceable after a save and reloadable after a conflict. */
export function useAapGestion(id: string) {
  const [aap, setAap] = useState<TAap | null>(null);
  const [erreur, setErreur] = useState<ApiError | null>(null);
  const [chargement, setChargement] = useState(true);
  /** Bumped on every reload so that forms restart from the loaded content. */
  const [generation, setGeneration] = useState(0);

  const charger = useCallback(async () => {
    setChargement(true);
    setErreur(null);
    try {
      const { data } = await api(`/gestion/aaps/${encodeURIComponent(id)}`, Aap, { auth: true });
      setAap(data);
      setGeneration((g) => g + 1);
    } catch (e) {
      setErreur(e instanceof ApiError ? e : new ApiError(0, 'INCONNUE', 'Erreur inattendue.'));
    } finally {
      setChargement(false);
    }
  }, [id]);

  useEffect(() => {
    void charger();
  }, [charger]);

  const remplacer = useCallback((a: TAap) => {
    setAap(a);
    setGeneration((g) => g + 1);
  }, []);
  return { aap, erreur, chargement, generation, recharger: charger, remplacer };
}
