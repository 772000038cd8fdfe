import { formatNombre } from '../lib/format';

/** Indicators or objectives with their targets: the fiche's indicateurs, a PLIE's objectifs quantitatifs. */
export function TableIndicateurs({
  lignes,
  titreId,
  premiereColonne,
  legende,
  className,
}: {
  lignes: ReadonlyArray<{ libelle: string; cible: number | null; unite: string | null }>;
  titreId: string;
  premiereColonne: string;
  legende?: string;
  className?: string;
}) {
  return (
    <div className={`table-defilante${className ? ` ${className}` : ''}`} tabIndex={0} role="region" aria-labelledby={titreId}>
      <table className="table">
        {legende && <caption className="sr-only">{legende}</caption>}
        <thead>
          <tr>
            <th scope="col">{premiereColonne}</th>
            <th scope="col" className="nombre">Cible</th>
            <th scope="col">Unité</th>
          </tr>
        </thead>
        <tbody>
          {lignes.map((ind, i) => (
            <tr key={i}>
              <td>{ind.libelle}</td>
              <td className="nombre">{ind.cible === null ? '—' : formatNombre(ind.cible)}</td>
              <td>{ind.unite || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
