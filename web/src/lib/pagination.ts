import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, enErreur } from './api';
import { PageResumes, type TResumeAap } from './schemas';

/** A paginated listing of AAP summaries: first page on `base` change, « Voir plus » appends the next one. */
export function useListeAaps(base: string, auth = false) {
  const [items, setItems] = useState<TResumeAap[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [chargement, setChargement] = useState(true);
  const [erreur, setErreur] = useState<ApiError | null>(null);
  const [tour, setTour] = useState(0);

  const charger = useCallback(
    async (suite: string | null, signal?: AbortSignal) => {
      setChargement(true);
      setErreur(null);
      const sep = base.includes('?') ? '&' : '?';
      const path = suite ? `${base}${sep}cursor=${encodeURIComponent(suite)}` : base;
      try {
        const { data } = await api(path, PageResumes, { auth, signal });
        setItems((avant) => (suite ? [...avant, ...data.items] : data.items));
        setCursor(data.cursor);
        return data.items.length;
      } catch (e) {
        if (signal?.aborted) return 0;
        setErreur(enErreur(e));
        return 0;
      } finally {
        if (!signal?.aborted) setChargement(false);
      }
    },
    [base, auth],
  );

  useEffect(() => {
    const ctrl = new AbortController();
    setItems([]);
    void charger(null, ctrl.signal);
    return () => ctrl.abort();
  }, [charger, tour]);

  const voirPlus = useCallback(() => (cursor ? charger(cursor) : Promise.resolve(0)), [charger, cursor]);
  const recharger = useCallback(() => setTour((t) => t + 1), []);
  return { items, cursor, chargement, erreur, voirPlus, recharger };
}
