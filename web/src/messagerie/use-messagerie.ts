import { useCallback, useEffect, useRef, useState } from 'react';
import { api, enErreur, type ApiError } from '../lib/api';
import { Messagerie, type TMessagerie } from './schemas';

const ACTUALISATION_MS = 20_000;

/** The messagerie of a dossier as the signed-in reader sees it, refreshed now and then and after each action (null: none). */
export function useMessagerie(dossierId: string | null) {
  const [data, setData] = useState<TMessagerie | null>(null);
  const [erreur, setErreur] = useState<ApiError | null>(null);
  const monte = useRef(true);
  const base = `/dossiers/${encodeURIComponent(dossierId ?? '')}/messagerie`;

  const recharger = useCallback(async () => {
    try {
      const r = await api(base, Messagerie, { auth: true });
      if (monte.current) {
        setData(r.data);
        setErreur(null);
      }
      return r.data;
    } catch (e) {
      if (monte.current) setErreur(enErreur(e));
      return null;
    }
  }, [base]);

  useEffect(() => {
    monte.current = true;
    if (dossierId === null) return;
    void recharger();
    const t = window.setInterval(() => void recharger(), ACTUALISATION_MS);
    return () => {
      monte.current = false;
      window.clearInterval(t);
    };
  }, [recharger, dossierId]);

  /** Every write answers the new messagerie: it replaces the one shown. */
  const ecrire = useCallback(
    async (chemin: string, method: 'POST' | 'PUT', body: unknown) => {
      const r = await api(`${base}${chemin}`, Messagerie, { method, auth: true, body });
      if (monte.current) setData(r.data);
      return r.data;
    },
    [base],
  );

  return { data, erreur, recharger, ecrire, base };
}
export type UseMessagerie = ReturnType<typeof useMessagerie>;
