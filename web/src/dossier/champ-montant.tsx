import { useContext, type ReactNode } from 'react';
import { ErreursContexte, idChamp } from '../form/champs';
import { centimesVersSaisie, saisieVersCentimes } from '../lib/format';

/**
 * An amount in euros typed as French text. Reformatted on leaving the field (« 12345,6 » → « 12 345,60 ») when it
 * reads; otherwise left as typed, with the error under it. `enEurosVisible` shows « (en euros) » after the label
 * (screen readers always hear it).
 */
export function SaisieEuros(props: {
  id: string;
  label: ReactNode;
  value: string;
  onChange: (v: string) => void;
  erreur?: string | undefined;
  aide?: string | undefined;
  className?: string;
  lectureSeule?: boolean | undefined;
  requis?: boolean;
  enEurosVisible?: boolean;
}) {
  const { id, erreur } = props;
  const decrit = [props.aide ? `${id}-aide` : '', erreur ? `${id}-erreur` : ''].filter(Boolean).join(' ');
  const formater = () => {
    const c = saisieVersCentimes(props.value);
    if (c !== null && props.value.trim()) props.onChange(centimesVersSaisie(c));
  };
  return (
    <div className={`champ${erreur ? ' champ-erreur' : ''}${props.className ? ` ${props.className}` : ''}`}>
      <label htmlFor={id}>
        {props.label}
        {props.enEurosVisible ? <> <span className="discret">(en euros)</span></> : <span className="sr-only"> (en euros)</span>}
      </label>
      {props.aide && <p id={`${id}-aide`} className="aide">{props.aide}</p>}
      <div className="saisie-euros">
        <input
          id={id}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          required={props.requis}
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

/** A plan de financement amount: its id and error come from the form's path (`chemin`). */
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
  const { chemin, className, ...reste } = props;
  return <SaisieEuros {...reste} id={idChamp(chemin)} erreur={erreur} className={`champ-montant${className ? ` ${className}` : ''}`} />;
}
