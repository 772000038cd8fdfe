import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError, enErreur } from '../lib/api';
import { ListePieces, type TLigneChecklist, type TPiece } from '../lib/schemas-dossier';

const INTERVALLE_MS = 700;
const ATTENTE_MAX_MS = 120_000;

/** The checklist of a dossier, reloadable, and a poll that waits for a pièce's verdict. */
export function usePieces(dossierId: string) {
  const [lignes, setLignes] = useState<TLigneChecklist[]>([]);
  const [pieces, setPieces] = useState<TPiece[]>([]);
  const [erreur, setErreur] = useState<ApiError | null>(null);
  const [chargement, setChargement] = useState(true);
  const monte = useRef(true);
  useEffect(() => {
    monte.current = true;
    return () => {
      monte.current = false;
    };
  }, []);

  const recharger = useCallback(async () => {
    try {
      const { data } = await api(`/dossiers/${encodeURIComponent(dossierId)}/pieces`, ListePieces, { auth: true });
      if (monte.current) {
        setLignes(data.lignes);
        setPieces(data.pieces);
        setErreur(null);
      }
      return data;
    } catch (e) {
      if (monte.current) setErreur(enErreur(e));
      return null;
    } finally {
      if (monte.current) setChargement(false);
    }
  }, [dossierId]);

  useEffect(() => void recharger(), [recharger]);

  /** Polls the list until the pièce leaves `en_verification` (the verification runs on the storage event). */
  const attendreVerdict = useCallback(
    async (pieceId: string): Promise<TPiece | null> => {
      const fin = Date.now() + ATTENTE_MAX_MS;
      while (Date.now() < fin && monte.current) {
        const data = await recharger();
        const p = data?.pieces.find((x) => x.id === pieceId);
        if (p && p.etat !== 'en_verification') return p;
        await new Promise((ok) => window.setTimeout(ok, INTERVALLE_MS));
      }
      return null;
    },
    [recharger],
  );

  return { lignes, pieces, erreur, chargement, recharger, attendreVerdict };
}
export type Pieces = ReturnType<typeof usePieces>;
