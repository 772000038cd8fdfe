import { useCallback } from 'react';
import { api, ApiError } from '../lib/api';
import { Aap, type TAap, type TFicheOperation } from '../lib/schemas';
import { DossierSchema, type TDossier } from '../lib/schemas-dossier';
import { useRessource } from '../lib/use-ressource';

interface Charge {
  dossier: TDossier;
  aap: TAap;
  fiche: TFicheOperation;
}

/** A dossier with the AAP and fiche it answers (programme, financing rule, period). */
export function useDossier(id: string) {
  const r = useRessource<Charge>(id, async () => {
    const { data: dossier } = await api(`/dossiers/${encodeURIComponent(id)}`, DossierSchema, { auth: true });
    const { data: aap } = await api(`/aaps/${encodeURIComponent(dossier.aapId)}`, Aap);
    const fiche = aap.fiches.find((f) => f.code === dossier.ficheCode);
    if (!fiche) throw new ApiError(404, 'FICHE_INTROUVABLE', `La fiche ${dossier.ficheCode} n’existe plus dans l’appel à projets.`);
    return { dossier, aap, fiche };
  });
  const { remplacer: remplacerCharge } = r;
  /** A newer state from a save or a transition, without restarting the editor. */
  const remplacer = useCallback((dossier: TDossier) => remplacerCharge((e) => (e ? { ...e, dossier } : e)), [remplacerCharge]);
  return { ...r.donnee, erreur: r.erreur, chargement: r.chargement, generation: r.generation, recharger: r.recharger, remplacer };
}
