import { useEffect, useRef, type ReactNode } from 'react';
import type { ApiError } from '../lib/api';
import { lireFlash } from '../lib/router';

/** Statut of an AAP as a badge: « Brouillon », « Ouvert », « Clos ». */
export function BadgeStatut({ statut, clotureLe }: { statut: string; clotureLe?: string }) {
  const passe = clotureLe ? new Date(clotureLe).getTime() <= Date.now() : false;
  const [classe, texte] =
    statut === 'brouillon'
      ? ['badge badge-brouillon', 'Brouillon']
      : statut === 'clos' || passe
        ? ['badge badge-clos', 'Clos']
        : ['badge badge-ouvert', 'Ouvert'];
  return <span className={classe}>{texte}</span>;
}

export function Chargement({ texte = 'Chargement…' }: { texte?: string }) {
  return (
    <p className="chargement" aria-busy="true">
      <span className="spinner" aria-hidden="true" /> {texte}
    </p>
  );
}

/** An error box; focusable so a failed action can move focus onto it. */
export function Alerte({
  titre,
  children,
  type = 'erreur',
  focus = false,
}: {
  titre?: string;
  children?: ReactNode;
  type?: 'erreur' | 'succes' | 'info' | 'avertissement';
  focus?: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  return (
    <div
      ref={ref}
      className={`alerte alerte-${type}`}
      role={type === 'erreur' ? 'alert' : 'status'}
      tabIndex={focus ? -1 : undefined}
    >
      {titre && <p className="alerte-titre">{titre}</p>}
      {children}
    </div>
  );
}

export function ErreurApi({ erreur, onReessayer }: { erreur: ApiError; onReessayer?: () => void }) {
  const titre =
    erreur.status === 404 ? 'Introuvable' : erreur.status === 0 ? 'Connexion impossible' : 'Une erreur est survenue';
  return (
    <Alerte titre={titre}>
      <p>{erreur.message}</p>
      {onReessayer && erreur.status !== 404 && (
        <button type="button" className="bouton bouton-secondaire" onClick={onReessayer}>
          Réessayer
        </button>
      )}
    </Alerte>
  );
}

/** The one-shot message passed by the previous page through navigate(…, { flash }). */
export function Flash() {
  const message = lireFlash();
  return message ? <Alerte type="succes">{message}</Alerte> : null;
}

/** A simple description list from [terme, définition] pairs, skipping empty definitions. */
export function Definitions({ lignes }: { lignes: [string, ReactNode][] }) {
  const pleines = lignes.filter(([, v]) => v !== null && v !== undefined && v !== '' && v !== false);
  return (
    <dl className="definitions">
      {pleines.map(([terme, valeur]) => (
        <div key={terme} className="definition">
          <dt>{terme}</dt>
          <dd>{valeur}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A bulleted list, or a muted « Aucun » when empty. */
export function Liste({ items, vide = 'Aucun élément.' }: { items: readonly string[]; vide?: string }) {
  if (items.length === 0) return <p className="discret">{vide}</p>;
  return (
    <ul className="liste">
      {items.map((t, i) => (
        <li key={i}>{t}</li>
      ))}
    </ul>
  );
}

export function FilAriane({ elements }: { elements: { libelle: string; lien?: ReactNode }[] }) {
  return (
    <nav aria-label="Fil d’Ariane" className="fil-ariane">
      <ol>
        {elements.map((e, i) => (
          <li key={i} aria-current={i === elements.length - 1 ? 'page' : undefined}>
            {e.lien ?? e.libelle}
          </li>
        ))}
      </ol>
    </nav>
  );
}
