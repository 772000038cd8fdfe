import type { TFicheOperation } from '../lib/schemas';

type Etapes = NonNullable<TFicheOperation['etapesParcours']>;

/** A fiche's table of parcours stages: one row group per class, each stage with the pièces that prove it. */
export function TableEtapesParcours({ etapes, idTitre }: { etapes: Etapes; idTitre: string }) {
  const nombre = etapes.classes.reduce((n, c) => n + c.etapes.length, 0);
  return (
    <>
      <p className="discret">
        {etapes.version ? `${etapes.version} — ` : ''}
        {nombre} étape{nombre > 1 ? 's' : ''} ; pour chacune, une des pièces acceptées suffit.
      </p>
      <div className="table-defilante" tabIndex={0} role="region" aria-labelledby={idTitre}>
        <table className="table table-etapes" data-testid="etapes-parcours">
          <caption className="sr-only">{etapes.titre}</caption>
          <thead>
            <tr>
              <th scope="col">Étape de parcours</th>
              <th scope="col">Pièces acceptées (une au choix)</th>
            </tr>
          </thead>
          {etapes.classes.map((c) => (
            <tbody key={c.code}>
              <tr className="ligne-classe">
                <th scope="colgroup" colSpan={2}>
                  Classe {c.code}
                  {c.libelle ? ` — ${c.libelle}` : ''}
                </th>
              </tr>
              {c.etapes.map((e, i) => (
                <tr key={i}>
                  <th scope="row">{e.libelle}</th>
                  <td>{e.piecesAcceptees.length ? e.piecesAcceptees.join(' ou ') : '—'}</td>
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      </div>
    </>
  );
}
