import { useEffect, useRef, type MouseEvent } from 'react';
import { idChamp } from './champs';
import type { Erreurs } from './conversion';
import { avecLibelle, libelleChamp } from '../lib/libelles';
import type { FormAap } from './modele';

/** « Fiche 3 (A1) — Indicateurs n° 2, cible » for `fiches.2.indicateurs.1.cible`. */
export function libelleChemin(chemin: string, form: FormAap): string {
  const m = /^fiches\.(\d+)\.(.+)$/.exec(chemin);
  if (m) {
    const i = Number(m[1]);
    const code = form.fiches[i]?.code;
    return `Fiche ${i + 1}${code ? ` (${code})` : ''} — ${libelleChamp(m[2]!)}`;
  }
  return libelleChamp(chemin);
}

/**
 * The error summary at the top of a form: focused after a failed submit, each error links to its field.
 * `libelle` names a field from its path (e.g. `(c) => libelleChemin(c, form)` for an AAP).
 */
export function ResumeErreurs(props: { message: string | null; erreurs: Erreurs; libelle: (chemin: string) => string; tour: number }) {
  const { message, erreurs, libelle, tour } = props;
  const ref = useRef<HTMLDivElement>(null);
  const entrees = Object.entries(erreurs);
  useEffect(() => {
    if (tour > 0) ref.current?.focus();
  }, [tour]);
  if (!message && entrees.length === 0) return null;
  const aller = (chemin: string) => (e: MouseEvent) => {
    const cible = document.getElementById(idChamp(chemin));
    if (!cible) return;
    e.preventDefault();
    cible.scrollIntoView({ block: 'center' });
    cible.focus();
  };
  return (
    <div className="alerte alerte-erreur resume-erreurs" role="alert" tabIndex={-1} ref={ref} aria-labelledby="resume-erreurs-titre">
      <p className="alerte-titre" id="resume-erreurs-titre">
        {entrees.length > 0 ? `Le formulaire comporte ${entrees.length > 1 ? `${entrees.length} erreurs` : 'une erreur'}` : 'L’enregistrement a échoué'}
      </p>
      {message && <p>{message}</p>}
      {entrees.length > 0 && (
        <ul>
          {entrees.map(([chemin, texte]) => (
            <li key={chemin}>
              <a href={`#${idChamp(chemin)}`} onClick={aller(chemin)}>
                {avecLibelle(libelle(chemin), texte)}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
