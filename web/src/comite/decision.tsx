import { Definitions } from '../components/ui';
import { formatDate, formatInstant, formatMontant } from '../lib/format';
import { LienPdf } from './commun';
import { BadgeDecision } from './libelles';
import type { TDossier } from './schemas';

/**
 * The decision on a dossier as its porteur (and the OI) read it: statut, motif, FSE amount, comité, programmation,
 * and the decision letter. Never scores or votes. Nothing while no decision was taken.
 */
export function CarteDecision({ dossier, vue = 'porteur' }: { dossier: TDossier; vue?: 'porteur' | 'oi' }) {
  const dec = dossier.suivi.decision;
  const prog = dossier.suivi.programmation;
  if (dossier.statut === 'irrecevable') {
    return (
      <section className="carte carte-decision carte-decision-rejete" aria-labelledby="decision-titre" data-testid="decision-dossier">
        <h2 id="decision-titre">{vue === 'oi' ? 'Irrecevabilité' : 'Décision sur votre demande'}</h2>
        <p className="decision-statut">Le dossier a été déclaré irrecevable : il ne sera pas présenté au comité de pilotage.</p>
        <Definitions lignes={[['Motif', <p key="m" className="texte-saisi">{dossier.suivi.motifIrrecevabilite ?? 'Non précisé.'}</p>], ['Décision', formatInstant(dossier.modifieLe)]]} />
        <LienPdf cache chemin={`/dossiers/${encodeURIComponent(dossier.id)}/lettre-decision.pdf`} nom={`lettre-irrecevabilite-${dossier.reference}.pdf`} className="bouton">
          Télécharger la lettre d’irrecevabilité (PDF)
        </LienPdf>
      </section>
    );
  }
  if (!dec) return null;
  const statut = prog ? 'programme' : dec.statut;
  const montant = prog?.montantFseCentimes ?? dec.montantFseCentimes;
  const phrase = vue === 'oi' ? null : {
    programme: 'Votre opération est programmée : l’aide FSE ci-dessous vous est attribuée.',
    selectionne: 'Le comité de pilotage a sélectionné votre opération. La programmation sera décidée par l’instance de l’OI.',
    ajourne: 'Le comité de pilotage a ajourné l’examen de votre dossier : il sera réexaminé lors d’une prochaine séance.',
    rejete: 'Le comité de pilotage n’a pas retenu votre opération.',
  }[statut];
  return (
    <section className={`carte carte-decision carte-decision-${statut}`} aria-labelledby="decision-titre" data-testid="decision-dossier">
      <h2 id="decision-titre">{vue === 'oi' ? 'Décision du comité de pilotage' : 'Décision sur votre demande'}</h2>
      <p className="decision-statut">
        <BadgeDecision decision={statut} /> {phrase}
      </p>
      <Definitions
        lignes={[
          ['Motif', <p key="m" className="texte-saisi">{dec.motif}</p>],
          [prog ? 'FSE programmé' : 'FSE retenu', montant === null ? null : <strong key="f">{formatMontant(montant)}</strong>],
          ['Comité', `${dec.plie}, séance du ${formatDate(dec.dateComite)}`],
          ['Décision du comité', formatInstant(dec.date)],
          ['Programmation', prog ? `le ${formatDate(prog.dateDecision)}${prog.referenceDeliberation ? ` (délibération ${prog.referenceDeliberation})` : ''}` : null],
        ]}
      />
      <LienPdf cache chemin={`/dossiers/${encodeURIComponent(dossier.id)}/lettre-decision.pdf`} nom={`lettre-decision-${dossier.reference}.pdf`} className="bouton">
        Télécharger la lettre de décision (PDF)
      </LienPdf>
    </section>
  );
}
