import { centimesVersSaisie, saisieVersCentimes } from '../lib/format';

/** An amount typed in euros as French text (« 8 560,00 »), reformatted on leaving the field when it reads. */
export function ChampEuros(props: { id: string; label: string; value: string; onChange: (v: string) => void; aide?: string; erreur?: string | undefined }) {
  const { id, erreur } = props;
  const decrit = [props.aide ? `${id}-aide` : '', erreur ? `${id}-erreur` : ''].filter(Boolean).join(' ');
  const formater = () => {
    const c = saisieVersCentimes(props.value);
    if (c !== null && props.value.trim()) props.onChange(centimesVersSaisie(c));
  };
  return (
    <div className={`champ champ-court${erreur ? ' champ-erreur' : ''}`}>
      <label htmlFor={id}>
        {props.label} <span className="discret">(en euros)</span>
      </label>
      {props.aide && <p id={`${id}-aide`} className="aide">{props.aide}</p>}
      <div className="saisie-euros">
        <input
          id={id}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          required
          placeholder="0,00"
          value={props.value}
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
