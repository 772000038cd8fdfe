import { nomMembre } from '#shared/domain/comite/sieges';
import { formatInstant, formatMontant } from '../lib/format';
import { LienPdf } from './commun';
import { BarreEnveloppe } from './enveloppe';
import { BadgeDecision } from './libelles';
import type { TComiteDetail } from './schemas';

/** A closed session: the decision on each agenda dossier with its tally, the enveloppe after it, and the PV. */
export function DecisionsSeance({ comite }: { comite: TComiteDetail }) {
  if (comite.statut !== 'clos') return null;
  const selection = comite.decisions.reduce((s, d) => s + d.montantFseCentimes, 0);
  return (
    <section className="carte decisions-seance" aria-labelledby="decisions-titre" id="decisions">
      <div className="entete-avec-actions">
        <div>
          <h2 id="decisions-titre">Décisions de la séance</h2>
          <p className="discret">
            Séance close le {comite.closLe ? formatInstant(comite.closLe, comite.fuseau) : '—'} · FSE sélectionné : {formatMontant(selection)}
          </p>
        </div>
        <LienPdf cache chemin={`/comites/${encodeURIComponent(comite.id)}/proces-verbal.pdf`} nom={`proces-verbal-${comite.id}.pdf`} className="bouton">
          Télécharger le procès-verbal (PDF)
        </LienPdf>
      </div>
      <ol className="liste-decisions">
        {comite.decisions.map((d) => {
          const o = comite.ordre.find((x) => x.id === d.dossierId);
          return (
            <li key={d.dossierId} className="decision-dossier" data-dossier={d.dossierId}>
              <p className="decision-tete">
                <BadgeDecision decision={d.decision} />
                <strong>{o?.organisationNom ?? d.dossierId}</strong> <span className="reference">{o?.reference}</span>
              </p>
              <p>{d.motif}</p>
              <p className="discret">
                Pour : {d.pour} · Contre : {d.contre} · Abstention : {d.abstention}
                {d.exclus.length > 0 && ` · conflit d’intérêts : ${d.exclus.map((m) => nomMembre(comite, m)).join(', ')}`}
                {d.decision === 'selectionne' && ` · FSE retenu : ${formatMontant(d.montantFseCentimes)}`}
              </p>
            </li>
          );
        })}
      </ol>
      {comite.monRole === 'oi' && comite.enveloppe && <BarreEnveloppe valeurs={comite.enveloppe} titre="Enveloppe FSE après la séance" />}
    </section>
  );
}
