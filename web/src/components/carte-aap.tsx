import { formatDateHeureLocale, pluriel } from '../lib/format';
import { Link } from '../lib/router';
import type { TResumeAap } from '../lib/schemas';
import { BadgeStatut } from './ui';

/** One AAP of the catalogue. */
export function CarteAap({ aap, lien }: { aap: TResumeAap; lien: string }) {
  return (
    <article className="carte carte-aap">
      <div className="carte-aap-tete">
        <BadgeStatut statut={aap.statut} clotureLe={aap.clotureLe} />
        <span className="reference">{aap.reference}</span>
      </div>
      <h2 className="carte-aap-titre">
        <Link to={lien}>{aap.titre}</Link>
      </h2>
      <dl className="carte-aap-infos">
        <div>
          <dt>Organisme intermédiaire</dt>
          <dd>
            <abbr title={aap.organismeIntermediaire.nom}>{aap.organismeIntermediaire.sigle}</abbr>
          </dd>
        </div>
        <div>
          <dt>Programme</dt>
          <dd>{aap.programme.libelle}</dd>
        </div>
        <div>
          <dt>Clôture du dépôt</dt>
          <dd>{formatDateHeureLocale(aap.cloture)}</dd>
        </div>
        <div>
          <dt>Fiches opérations</dt>
          <dd>{pluriel(aap.nombreFiches, 'fiche', 'fiches')}</dd>
        </div>
      </dl>
    </article>
  );
}
