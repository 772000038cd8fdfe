import '../styles-gestion.css';
import { useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface Onglet<K extends string> {
  cle: K;
  libelle: string;
  /** A count or a mark shown after the label (e.g. « 3 »). */
  pastille?: string | null;
}

/**
 * Accessible tabs (WAI-ARIA tabs pattern, manual activation): a tablist of buttons, ←/→/Début/Fin move between them
 * and activate, only the selected tab is in the tab order, the panel is labelled by its tab. The caller keeps the
 * selected key (deep-linked in `?onglet=`).
 */
export function Onglets<K extends string>({ id, onglets, actif, onChange, libelle, children }: {
  id: string;
  onglets: readonly Onglet<K>[];
  actif: K;
  onChange: (k: K) => void;
  libelle: string;
  children: ReactNode;
}) {
  const refs = useRef(new Map<K, HTMLButtonElement>());
  const clavier = (e: KeyboardEvent<HTMLButtonElement>, i: number) => {
    const n = onglets.length;
    const cible = e.key === 'ArrowRight' ? (i + 1) % n : e.key === 'ArrowLeft' ? (i - 1 + n) % n : e.key === 'Home' ? 0 : e.key === 'End' ? n - 1 : -1;
    if (cible < 0) return;
    e.preventDefault();
    const k = onglets[cible]!.cle;
    onChange(k);
    refs.current.get(k)?.focus();
  };
  return (
    <div className="onglets">
      <div role="tablist" aria-label={libelle} className="onglets-liste">
        {onglets.map((o, i) => (
          <button
            key={o.cle}
            ref={(el) => { if (el) refs.current.set(o.cle, el); else refs.current.delete(o.cle); }}
            type="button"
            role="tab"
            id={`${id}-onglet-${o.cle}`}
            aria-selected={o.cle === actif}
            aria-controls={`${id}-panneau`}
            tabIndex={o.cle === actif ? 0 : -1}
            className={`onglet${o.cle === actif ? ' onglet-actif' : ''}`}
            onClick={() => onChange(o.cle)}
            onKeyDown={(e) => clavier(e, i)}
          >
            {o.libelle}
            {o.pastille && <span className="onglet-compte"> {o.pastille}</span>}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${id}-panneau`} aria-labelledby={`${id}-onglet-${actif}`} tabIndex={0} className="onglets-panneau" data-onglet={actif}>
        {children}
      </div>
    </div>
  );
}
