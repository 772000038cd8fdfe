import { useContext, type ReactNode } from 'react';
import { ErreursContexte, idChamp } from '../form/champs';
import { centimesVersSaisie, saisieVersCentimes } from '../lib/format';

/**
 * An amount in euros typed as French text. Reformatted on leaving the field (« 12345,6 » → « 12 345,60 ») when it
 * reads; otherwise left as typed, with the error under it.
 */
export function ChampMontant(props: {
  chemin: string;
  label: ReactNode;
  value: string;
  onChange: (v: string) => void;
  aide?: string;
  className?: string;
  lectureSeule?: boolean;
}) {
  const erreur = useContext(ErreursContexte)[props.chemin];
  const id = idChamp(props.chemin);
  const decrit = [props.aide ? `${id}-aide` : '', erreur ? `${id}-erreur` : ''].filter(Boolean).join(' ');
  const formater = () => {
    const c = saisieVersCentimes(props.value);
    if (c !== null && props.value.trim()) props.onChange(centimesVersSaisie(c));
  };
  return (
    <div className={`champ champ-montant${erreur ? ' champ-erreur' : ''}${props.className ? ` ${props.className}` : ''}`}>
      <label htmlFor={id}>
        {props.label}
        <span className="sr-only"> (en euros)</span>
      </label>
      {props.aide && <p id={`${id}-aide`} className="aide">{props.aide}</p>}
      <div className="saisie-euros">
        <input
          id={id}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          value={props.value}
          placeholder="0,00"
          readOnly={props.lectureSeule}
          aria-invalid={erreur ? true : undefined}
          aria-describedby={decrit || undefined}
          onChange={(e) => props.onChange(e.target.value)}
          onBlur={formater}
        />
        <span className="unite" aria-hidden="true">€</span>
      </div>
      {erreur && <p id={`${id}-erreur`} className="message-erreur">{erreur}</p>}
    </div>
  );
}
