import { nomPlie } from '#shared/domain/aap/aap';
import { lienPlie } from '../lib/plies';
import { Link } from '../lib/router';
import type { TAap, TFicheOperation } from '../lib/schemas';

type AapPlies = Pick<TAap, 'plies' | 'referencesPlies'>;

export interface GroupePlie {
  id: string;
  nom: string;
  siteWeb: string | null;
  fiches: TFicheOperation[];
}

/** Fiches grouped by PLIE, in the order of the AAP's PLIE list (then any PLIE only named by a fiche). */
export function grouperParPlie(aap: AapPlies, fiches: readonly TFicheOperation[]): GroupePlie[] {
  const ordre = [...aap.plies, ...fiches.map((f) => f.plie).filter((p) => !aap.plies.includes(p))];
  return [...new Set(ordre)]
    .map((id) => ({
      id,
      nom: nomPlie(aap, id),
      siteWeb: aap.referencesPlies.find((r) => r.id === id)?.siteWeb ?? null,
      fiches: fiches.filter((f) => f.plie === id),
    }))
    .filter((g) => g.fiches.length > 0);
}

/** The AAP's fiches under the name of their PLIE, each PLIE with its page and website. */
export function FichesParPlie({ aap, fiches }: { aap: AapPlies & { id: string }; fiches: TFicheOperation[] }) {
  const groupes = grouperParPlie(aap, fiches);
  if (groupes.length === 0) return <p className="discret">Aucune fiche opération.</p>;
  return (
    <div className="groupes-plie">
      {groupes.map((g) => (
        <section key={g.id} className="groupe-plie" aria-labelledby={`plie-${g.id}`}>
          <h3 id={`plie-${g.id}`}>
            {g.nom}{' '}
            <span className="compteur">
              {g.fiches.length}
              <span className="sr-only"> fiche{g.fiches.length > 1 ? 's' : ''}</span>
            </span>
          </h3>
          <p className="liens-plie">
            <Link to={lienPlie(g.id)}>Présentation du PLIE<span className="sr-only"> {g.nom}</span></Link>
            {g.siteWeb && (
              <>
                <span aria-hidden="true"> · </span>
                <a href={g.siteWeb} rel="noopener noreferrer">Site web<span className="sr-only"> du {g.nom}</span></a>
              </>
            )}
          </p>
          <ul className="liste-fiches">
            {g.fiches.map((f) => (
              <li key={f.code}>
                <Link to={`/aaps/${encodeURIComponent(aap.id)}/fiches/${encodeURIComponent(f.code)}`}>
                  <span className="code-fiche">{f.code}</span>
                  <span>{f.titre}</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
