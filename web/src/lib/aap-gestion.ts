import { useCallback } from 'react';
import { api } from './api';
import { Aap, type TAap } from './schemas';
import { useRessource } from './use-ressource';

/** The OI's view of one AAP (drafts included), replaceable after a save and reloadable after a conflict. */
export function useAapGestion(id: string) {
  const { donnee, remplacer: remplacerAap, ...r } = useRessource(id, async () => (await api(`/gestion/aaps/${encodeURIComponent(id)}`, Aap, { auth: true })).data);
  const remplacer = useCallback((a: TAap) => remplacerAap(a, { redemarrer: true }), [remplacerAap]);
  return { ...r, aap: donnee, remplacer };
}
