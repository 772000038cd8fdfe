import '../styles-comite.css';
import { Alerte } from '../components/ui';
import { LienPdf } from './commun';
import { CarteDecision } from './decision';
import type { TDossier } from './schemas';

/**
 * For the porteur's dossier page: the comité's decision (or the programmation) with the decision letter, or the
 * motif of an irrecevabilité. Renders nothing before any decision. Self-contained: one line in the page.
 */
export function DecisionPorteur({ dossier }: { dossier: TDossier }) {
  if (dossier.statut === 'irrecevable') {
    return (
      <Alerte type="avertissement" titre="Dossier déclaré irrecevable">
        <p>L’organisme intermédiaire a déclaré votre dossier irrecevable pour le motif suivant :</p>
        <p className="texte-saisi">« {dossier.suivi.motifIrrecevabilite ?? 'motif non communiqué'} »</p>
        <LienPdf cache chemin={`/dossiers/${encodeURIComponent(dossier.id)}/lettre-decision.pdf`} nom={`lettre-irrecevabilite-${dossier.reference}.pdf`} className="bouton">
          Télécharger la lettre d’irrecevabilité (PDF)
        </LienPdf>
      </Alerte>
    );
  }
  return <CarteDecision dossier={dossier} />;
}
