import { useCallback, useEffect, useRef, useState } from 'react';
import { api, type ApiError, enErreur } from '../lib/api';
import { ComiteDetail, type TComiteDetail } from './schemas';

/**
 * One comité as its reader sees it. While the session is open it is reloaded every `intervalleMs` (tallies for the
 * president, the closing for members), silently: no spinner, the screen keeps its state.
 */
export function useComite(id: string, intervalleMs: number | null) {
  const [comite, setComite] = useState<TComiteDetail | null>(null);
  const [erreur, setErreur] = useState<ApiError | null>(null);
  const [chargement, setChargement] = useState(true);
  const [majLe, setMajLe] = useState<Date | null>(null);
  const enCours = useRef<Promise<void> | null>(null);

  const charger = useCallback(async () => {
    setChargement(true);
    try {
      const { data } = await api(`/comites/${encodeURIComponent(id)}`, ComiteDetail, { auth: true });
      setComite(data);
      setErreur(null);
      setMajLe(new Date());
    } catch (e) {
      setErreur(enErreur(e));
    } finally {
      setChargement(false);
    }
  }, [id]);

  /** A reload that starts after any one in flight, so that it reflects every action done before the call. */
  const recharger = useCallback(async () => {
    while (enCours.current) await enCours.current;
    const p = charger();
    enCours.current = p;
    try {
      await p;
    } finally {
      enCours.current = null;
    }
  }, [charger]);

  useEffect(() => void recharger(), [recharger]);

  const ouvert = comite?.statut === 'ouvert';
  useEffect(() => {
    if (!ouvert || !intervalleMs) return;
    const t = window.setInterval(() => {
      if (document.visibilityState === 'visible' && !enCours.current) void recharger();
    }, intervalleMs);
    return () => window.clearInterval(t);
  }, [ouvert, intervalleMs, recharger]);

  return { comite, erreur, chargement, majLe, recharger, remplacer: setComite };
}
