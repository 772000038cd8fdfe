import { createContext, useContext, useEffect, useRef, type ReactNode } from 'react';
import type { Erreurs } from './conversion';

/** Errors of the form, keyed by API path (`fiches.0.titre`), read by every field. */
export const ErreursContexte = createContext<Erreurs>({});

export const idChamp = (chemin: string): string => `champ-${chemin.replace(/[^A-Za-z0-9_]+/g, '-')}`;

/** The error of a field and the attributes that tie it to the input. */
function useErreur(chemin: string, aide?: string) {
  const erreur = useContext(ErreursContexte)[chemin];
  const id = idChamp(chemin);
  const decrit = [aide ? `${id}-aide` : '', erreur ? `${id}-erreur` : ''].filter(Boolean).join(' ');
  return {
    id,
    erreur,
    attributs: { id, 'aria-invalid': erreur ? true : undefined, 'aria-describedby': decrit || undefined },
  };
}

function Habillage(props: { id: string; label: ReactNode; aide?: string; erreur?: string; facultatif?: boolean; children: ReactNode; className?: string }) {
  return (
    <div className={`champ${props.erreur ? ' champ-erreur' : ''}${props.className ? ` ${props.className}` : ''}`}>
      <label htmlFor={props.id}>
        {props.label}
        {props.facultatif && <span className="facultatif"> (facultatif)</span>}
      </label>
      {props.aide && <p id={`${props.id}-aide`} className="aide">{props.aide}</p>}
      {props.children}
      {props.erreur && <p id={`${props.id}-erreur`} className="message-erreur">{props.erreur}</p>}
    </div>
  );
}

interface ChampProps {
  chemin: string;
  label: ReactNode;
  value: string;
  onChange: (v: string) => void;
  aide?: string;
  facultatif?: boolean;
  type?: 'text' | 'date' | 'time' | 'email' | 'url';
  multiligne?: boolean;
  inputMode?: 'decimal' | 'numeric' | 'text';
  className?: string;
  autoFocus?: boolean;
  lignes?: number;
}

export function Champ({ chemin, label, value, onChange, aide, facultatif, type = 'text', multiligne, inputMode, className, autoFocus, lignes = 3 }: ChampProps) {
  const { id, erreur, attributs } = useErreur(chemin, aide);
  const commun = { ...attributs, value, autoFocus, required: !facultatif, onChange: (e: { target: { value: string } }) => onChange(e.target.value) };
  return (
    <Habillage id={id} label={label} aide={aide} erreur={erreur} facultatif={facultatif} className={className}>
      {multiligne ? <textarea rows={lignes} {...commun} /> : <input type={type} inputMode={inputMode} {...commun} />}
    </Habillage>
  );
}

export function Selection(props: { chemin: string; label: ReactNode; value: string; onChange: (v: string) => void; options: readonly { valeur: string; libelle: string }[]; aide?: string; className?: string }) {
  const { id, erreur, attributs } = useErreur(props.chemin, props.aide);
  const options = props.options.some((o) => o.valeur === props.value) || props.value === ''
    ? props.options
    : [{ valeur: props.value, libelle: props.value }, ...props.options];
  return (
    <Habillage id={id} label={props.label} aide={props.aide} erreur={erreur} className={props.className}>
      <select {...attributs} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {props.value === '' && <option value="">— Choisir —</option>}
        {options.map((o) => (
          <option key={o.valeur} value={o.valeur}>{o.libelle}</option>
        ))}
      </select>
    </Habillage>
  );
}

export function CaseACocher(props: { chemin: string; label: ReactNode; checked: boolean; onChange: (v: boolean) => void }) {
  const { id, erreur, attributs } = useErreur(props.chemin);
  return (
    <div className={`champ champ-case${erreur ? ' champ-erreur' : ''}`}>
      <input type="checkbox" {...attributs} checked={props.checked} onChange={(e) => props.onChange(e.target.checked)} />
      <label htmlFor={id}>{props.label}</label>
      {erreur && <p id={`${id}-erreur`} className="message-erreur">{erreur}</p>}
    </div>
  );
}

/** Focuses the last input of a list after « Ajouter ». */
export function useFocusDernier(longueur: number) {
  const conteneur = useRef<HTMLDivElement>(null);
  const precedente = useRef(longueur);
  useEffect(() => {
    if (longueur > precedente.current) {
      const champs = conteneur.current?.querySelectorAll<HTMLElement>('[data-item] input, [data-item] textarea');
      champs?.[champs.length - 1]?.focus();
    }
    precedente.current = longueur;
  }, [longueur]);
  return conteneur;
}

/** An editable list of texts (criteria, pièces…), each item with its own label and a remove button. */
export function ListeTextes(props: { chemin: string; legende: string; element: string; ajouter: string; items: string[]; onChange: (v: string[]) => void; multiligne?: boolean; aide?: string }) {
  const { items, onChange, chemin, element } = props;
  const erreurListe = useContext(ErreursContexte)[chemin];
  const conteneur = useFocusDernier(items.length);
  return (
    <fieldset className="groupe-liste" aria-describedby={erreurListe ? `${idChamp(chemin)}-erreur` : undefined}>
      <legend>{props.legende}</legend>
      {props.aide && <p className="aide">{props.aide}</p>}
      {erreurListe && <p id={`${idChamp(chemin)}-erreur`} className="message-erreur">{erreurListe}</p>}
      <div ref={conteneur}>
        {items.length === 0 && <p className="discret">Aucun élément.</p>}
        {items.map((v, i) => (
          <div key={i} className="ligne-liste" data-item>
            <Champ
              chemin={`${chemin}.${i}`}
              label={`${element} ${i + 1}`}
              value={v}
              multiligne={props.multiligne}
              lignes={2}
              onChange={(nv) => onChange(items.map((x, j) => (j === i ? nv : x)))}
            />
            <button type="button" className="bouton bouton-supprimer" onClick={() => onChange(items.filter((_, j) => j !== i))}>
              Supprimer<span className="sr-only"> {element.toLowerCase()} {i + 1}</span>
            </button>
          </div>
        ))}
      </div>
      <button type="button" className="bouton bouton-secondaire bouton-petit" onClick={() => onChange([...items, ''])}>
        {props.ajouter}
      </button>
    </fieldset>
  );
}
