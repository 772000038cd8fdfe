import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError, enErreur } from '../lib/api';
import { estConflitDeVersion, type Erreurs } from '../form/conversion';
import { ControlePlanReponse, DossierSchema, type TControlePlanReponse, type TDossier } from '../lib/schemas-dossier';
import { useAvertirAvantDepart } from '../lib/use-avertir-depart';
import type { Conversion } from './modele';

export type EtatEnregistrement =
  | { type: 'a_jour'; le: Date | null }
  | { type: 'modifie' }
  | { type: 'enregistrement' }
  | { type: 'invalide'; nombre: number }
  | { type: 'erreur'; message: string }
  | { type: 'conflit'; message: string };

const DELAI_MS = 1000;

/** JSON with sorted keys: the same content compares equal whatever the key order the server answered in. */
function canonique(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonique).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonique(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** The server's control of the saved version: authoritative, fetched after each save. */
export function useControleServeur(dossierId: string) {
  const [controle, setControle] = useState<TControlePlanReponse | null>(null);
  const [erreur, setErreur] = useState<string | null>(null);
  const charger = useCallback(async () => {
    try {
      const { data } = await api(`/dossiers/${encodeURIComponent(dossierId)}/plan-financement/controles`, ControlePlanReponse, { auth: true });
      setControle(data);
      setErreur(null);
    } catch (e) {
      setErreur(e instanceof ApiError ? e.message : 'Contrôle du serveur indisponible.');
    }
  }, [dossierId]);
  useEffect(() => void charger(), [charger]);
  return { controle, erreur, recharger: charger };
}

/**
 * Autosave of a draft: ~1 s after the last change, `PUT /dossiers/{id}` with `If-Match: "<version>"`. One save at a
 * time; changes made during a save are saved right after it. Nothing is sent while the form has errors.
 */
export function useAutosave(p: {
  dossier: TDossier;
  conversion: Conversion;
  onEnregistre: (d: TDossier) => void;
}) {
  const { dossier, conversion, onEnregistre } = p;
  const [etat, setEtat] = useState<EtatEnregistrement>({ type: 'a_jour', le: null });
  const [erreursServeur, setErreursServeur] = useState<Erreurs>({});
  const version = useRef(dossier.version);
  const sauve = useRef(canonique(dossier.contenu));
  const derniere = useRef<Date | null>(null);
  const courante = useRef(conversion);
  courante.current = conversion;
  const enCours = useRef<Promise<boolean> | null>(null);
  const rappel = useRef(onEnregistre);
  rappel.current = onEnregistre;
  const bloque = useRef(false);

  const enregistrer = useCallback(async (): Promise<boolean> => {
    while (enCours.current) await enCours.current;
    if (bloque.current) return false;
    const conv = courante.current;
    const n = Object.keys(conv.erreurs).length;
    if (n > 0) {
      setEtat({ type: 'invalide', nombre: n });
      return false;
    }
    const json = canonique(conv.contenu);
    if (json === sauve.current) {
      setEtat({ type: 'a_jour', le: derniere.current });
      return true;
    }
    setEtat({ type: 'enregistrement' });
    const tache = (async () => {
      try {
        const { data, headers } = await api(`/dossiers/${encodeURIComponent(dossier.id)}`, DossierSchema, {
          method: 'PUT',
          body: conv.contenu,
          auth: true,
          headers: { 'If-Match': `"${version.current}"` },
        });
        version.current = Number(/\d+/.exec(headers.get('etag') ?? '')?.[0] ?? data.version);
        sauve.current = json;
        derniere.current = new Date();
        setErreursServeur({});
        rappel.current(data);
        const encore = canonique(courante.current.contenu) !== json;
        setEtat(encore ? { type: 'modifie' } : { type: 'a_jour', le: derniere.current });
        return true;
      } catch (e) {
        const err = enErreur(e);
        if (estConflitDeVersion(err.status, err.code) || err.status === 409) {
          bloque.current = true;
          setEtat({ type: 'conflit', message: err.message });
        } else if (err.status === 400 && err.details.length) {
          const errs: Erreurs = {};
          for (const d of err.details) errs[conv.versChamp(d.chemin)] = d.message;
          setErreursServeur(errs);
          setEtat({ type: 'invalide', nombre: err.details.length });
        } else {
          setEtat({ type: 'erreur', message: err.message });
        }
        return false;
      }
    })();
    enCours.current = tache;
    try {
      return await tache;
    } finally {
      enCours.current = null;
    }
  }, [dossier.id]);

  // Debounce: every change restarts the timer; only the last state is sent.
  const json = canonique(conversion.contenu);
  const nbErreurs = Object.keys(conversion.erreurs).length;
  useEffect(() => {
    if (bloque.current) return;
    if (json === sauve.current && nbErreurs === 0) {
      // Back to the saved content (e.g. a change undone): nothing to send.
      setEtat((e) => (e.type === 'modifie' || e.type === 'invalide' ? { type: 'a_jour', le: derniere.current } : e));
      return;
    }
    setErreursServeur({});
    setEtat({ type: 'modifie' });
    const t = window.setTimeout(() => void enregistrer(), DELAI_MS);
    return () => window.clearTimeout(t);
  }, [json, nbErreurs, enregistrer]);

  // Warn before leaving with changes not saved yet.
  const nonSauve = json !== sauve.current;
  useAvertirAvantDepart(nonSauve);

  return { etat, erreursServeur, enregistrerMaintenant: enregistrer };
}
