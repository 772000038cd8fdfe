import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from '../lib/api';
import { Aap, type TAap, type TFicheOperation } from '../lib/schemas';
import { DossierSchema, type TDossier } from '../lib/schemas-dossier';

interface Charge {
  dossier: TDossier;
  aap: TAap;
  fiche: TFicheOperation;
}

/** A dossier with the AAP and fiche it answers (programme, financing rule, period). */
export function useDossier(id: string) {
  const [etat, setEtat] = useState<Charge | null>(null);
  const [erreur, setErreur] = useState<ApiError | null>(null);
  const [chargement, setChargement] = useState(true);
  /** Bumped on every (re)load so that the editor restarts from the loaded content. */
  const [generation, setGeneration] = useState(0);

  const charger = useCallback(async () => {
    setChargement(true);
    setErreur(null);
    try {
      const { data: dossier } = await api(`/dossiers/${encodeURIComponent(id)}`, DossierSchema, { auth: true });
      const { data: aap } = await api(`/aaps/${encodeURIComponent(dossier.aapId)}`, Aap);
      const fiche = aap.fiches.find((f) => f.code === dossier.ficheCode);
      if (!fiche) throw new ApiError(404, 'FICHE_INTROUVABLE', `La fiche ${dossier.ficheCode} n’existe plus dans l’appel à projets.`);
      setEtat({ dossier, aap, fiche });
      setGeneration((g) => g + 1);
    } catch (e) {
      setErreur(e instanceof ApiError ? e : new ApiError(0, 'INCONNUE', 'Erreur inattendue.'));
    } finally {
      setChargement(false);
    }
  }, [id]);

  useEffect(() => void charger(), [charger]);

  /** A newer state from a save or a transition, without restarting the editor. */
  const remplacer = useCallback((dossier: TDossier) => setEtat((e) => (e ? { ...e, dossier } : e)), []);
  return { ...etat, erreur, chargement, generation, recharger: charger, remplacer };
}
