import { Link } from '../lib/router';
import type { TFicheOperation } from '../lib/schemas';

/** Fiches grouped by PLIE, in the order of the AAP's PLIE list (then any PLIE only named by a fiche). */
export function grouperParPlie(plies: readonly string[], fiches: readonly TFicheOperation[]) {
  const ordre = [...plies, ...fiches.map((f) => f.plie).filter((p) => !plies.includes(p))];
  return [...new Set(ordre)]
    .map((plie) => ({ plie, fiches: fiches.filter((f) => f.plie === plie) }))
    .filter((g) => g.fiches.length > 0);
}

export function FichesParPlie({ aapId, plies, fiches }: { aapId: string; plies: string[]; fiches: TFicheOperation[] }) {
  const groupes = grouperParPlie(plies, fiches);
  if (groupes.length === 0) return <p className="discret">Aucune fiche opération.</p>;
  return (
    <div className="groupes-plie">
      {groupes.map((g) => (
        <section key={g.plie} className="groupe-plie" aria-labelledby={`plie-${slug(g.plie)}`}>
          <h3 id={`plie-${slug(g.plie)}`}>
            {g.plie} <span className="compteur">{g.fiches.length}</span>
          </h3>
          <ul className="liste-fiches">
            {g.fiches.map((f) => (
              <li key={f.code}>
                <Link to={`/aaps/${encodeURIComponent(aapId)}/fiches/${encodeURIComponent(f.code)}`}>
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

export const slug = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
