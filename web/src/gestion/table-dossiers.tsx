import type { LigneDossierOi } from '#shared/schemas/gestion';
import { BadgeDossier } from '../components/dossier-ui';
import { formatDate, formatInstant, formatMontant } from '../lib/format';
import { Link } from '../lib/router';

/** The OI's dossiers in a table: référence (link to the dossier page), organisation, intitulé, statut, instructeur. */
export function TableDossiersOi({ items, libelle }: { items: readonly LigneDossierOi[]; libelle: string }) {
  return (
    <div className="table-defilante" tabIndex={0} role="region" aria-label={libelle}>
      <table className="table table-large table-dossiers">
        <thead>
          <tr>
            <th scope="col">Référence</th><th scope="col">Organisation</th><th scope="col">Intitulé</th><th scope="col">Statut</th>
            <th scope="col">Déposé le</th><th scope="col">Instructeur</th><th scope="col" className="nombre">FSE</th>
          </tr>
        </thead>
        <tbody>
          {items.map((d) => (
            <tr key={d.id} data-dossier={d.reference}>
              <td><Link to={`/gestion/dossiers/${encodeURIComponent(d.id)}`} className="reference">{d.reference}</Link>{d.suivi && <span className="discret"> · suivi</span>}</td>
              <td>{d.organisationNom}</td>
              <td>{d.intitule || d.ficheTitre}</td>
              <td>
                <BadgeDossier statut={d.statut} />
                {d.dateLimiteComplements && <span className="discret"> avant le {formatDate(d.dateLimiteComplements)}</span>}
              </td>
              <td>{d.depot ? formatInstant(d.depot.deposeLe, d.depot.fuseau) : '—'}</td>
              <td>{d.instructeur?.nom ?? <span className="discret">—</span>}</td>
              <td className="nombre">{formatMontant(d.fseCentimes)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
