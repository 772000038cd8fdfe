import { nomMembre } from '#shared/domain/comite/sieges';
import type { TComiteDetail } from './schemas';

/**
 * The members closing must list present, as the server requires: those who voted or declared their interests, and
 * the president when he closes the session himself.
 */
export const presentsRequis = (comite: TComiteDetail): Set<string> =>
  new Set([...(comite.participants ?? []), ...(comite.monRole === 'president' ? [comite.president] : [])]);

/** The user ids sent as `presents`: the required ones and those ticked, in the comité's order. */
export const presentsEnvoyes = (comite: TComiteDetail, coches: ReadonlySet<string>): string[] => {
  const requis = presentsRequis(comite);
  return comite.membres.filter((m) => requis.has(m) || coches.has(m));
};

/**
 * « Présents à la séance »: one box per member, the president first. A required member's box is ticked and locked,
 * with the reason next to it: the server refuses a closing that leaves them out.
 */
export function Presences(props: { comite: TComiteDetail; coches: ReadonlySet<string>; onChange: (coches: Set<string>) => void }) {
  const { comite, coches } = props;
  const requis = presentsRequis(comite);
  const participants = new Set(comite.participants ?? []);
  const membres = [comite.president, ...comite.membres.filter((m) => m !== comite.president)];
  const basculer = (m: string, coche: boolean) => {
    const suivants = new Set(coches);
    if (coche) suivants.add(m);
    else suivants.delete(m);
    props.onChange(suivants);
  };
  return (
    <fieldset className="presences" aria-describedby="presences-aide">
      <legend>Présents à la séance</legend>
      <p id="presences-aide" className="aide discret">Cochez les membres présents : le procès-verbal les liste. Qui a voté ou déclaré ses intérêts est présent.</p>
      {membres.map((m, i) => {
        const raison = participants.has(m) ? 'a voté ou déclaré ses intérêts' : requis.has(m) ? 'préside et clôt la séance' : null;
        return (
          <div className="champ champ-case" key={m}>
            <input
              id={`present-${i}`}
              type="checkbox"
              checked={requis.has(m) || coches.has(m)}
              disabled={raison !== null}
              aria-describedby={raison ? `present-${i}-raison` : undefined}
              onChange={(e) => basculer(m, e.target.checked)}
            />
            <label htmlFor={`present-${i}`}>
              {nomMembre(comite, m)}
              {m === comite.president && ' (présidence)'}
            </label>
            {raison && <span id={`present-${i}-raison`} className="discret"> — {raison}</span>}
          </div>
        );
      })}
    </fieldset>
  );
}
