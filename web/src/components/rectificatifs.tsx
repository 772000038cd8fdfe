import { formatInstant } from '../lib/format';
import { libelleModification, valeurModification } from '../lib/libelles';
import type { TRectificatif } from '../lib/schemas';

/** PLIE are stored by id: the history names them (« haut-perigord » reads « PLIE du Haut Périgord »). */
const avecNomsPlies = (chemin: string, v: unknown, noms: Record<string, string>): unknown => {
  if (chemin === 'plies' && Array.isArray(v)) return v.map((id) => (typeof id === 'string' ? (noms[id] ?? id) : id));
  if (/(^|\.|\])plie$/.test(chemin) && typeof v === 'string') return noms[v] ?? v;
  return v;
};

function Valeur({ chemin, v, noms }: { chemin: string; v: unknown; noms: Record<string, string> }) {
  const texte = valeurModification(chemin, avecNomsPlies(chemin, v, noms));
  return texte.includes('\n') ? <pre className="valeur-bloc">{texte}</pre> : <span>{texte}</span>;
}

/** « Rectificatif n° 1 — version 2 »: the version people read (1 is the first publication), not the lock counter. */
const titre = (r: TRectificatif) => (r.numero ? `Rectificatif n° ${r.numero} — version ${r.numero + 1}` : 'Rectificatif');

/** The public history of an AAP: every rectificatif with its date, motif and diff. */
export function HistoriqueRectificatifs({ items, plies = [] }: { items: TRectificatif[]; plies?: ReadonlyArray<{ id: string; nom: string }> }) {
  const noms = Object.fromEntries(plies.map((p) => [p.id, p.nom]));
  if (items.length === 0) return <p className="discret">Aucun rectificatif : l’appel à projets n’a pas été modifié depuis sa publication.</p>;
  const tries = [...items].sort((a, b) => b.version - a.version);
  return (
    <ol className="rectificatifs">
      {tries.map((r) => (
        <li key={r.version} className="rectificatif">
          <h3>
            {titre(r)} — <time dateTime={r.date}>{formatInstant(r.date)}</time>
          </h3>
          <p>
            <strong>Motif :</strong> {r.motif}
          </p>
          {r.modifications.length === 0 ? (
            <p className="discret">Aucune modification de contenu.</p>
          ) : (
            <div className="table-defilante" tabIndex={0} role="region" aria-label={`Modifications — ${titre(r)}`}>
              <table className="table">
                <caption className="sr-only">Modifications — {titre(r)}</caption>
                <thead>
                  <tr>
                    <th scope="col">Élément modifié</th>
                    <th scope="col">Avant</th>
                    <th scope="col">Après</th>
                  </tr>
                </thead>
                <tbody>
                  {r.modifications.map((m, i) => (
                    <tr key={i}>
                      <th scope="row" title={m.chemin}>{libelleModification(m.chemin)}</th>
                      <td className="valeur-avant"><Valeur chemin={m.chemin} v={m.avant} noms={noms} /></td>
                      <td className="valeur-apres"><Valeur chemin={m.chemin} v={m.apres} noms={noms} /></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </li>
      ))}
    </ol>
  );
}
