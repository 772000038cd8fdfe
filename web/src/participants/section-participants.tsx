import { Link } from '../lib/router';
import type { TDossier } from '../lib/schemas-dossier';
import { STATUTS_PARTICIPANTS } from './libelles';

/** Porteur's dossier page: the way to the operation's participants, once the dossier is recevable. */
export function SectionParticipants({ dossier }: { dossier: TDossier }) {
  if (!STATUTS_PARTICIPANTS.has(dossier.statut)) return null;
  return (
    <section className="carte section-participants" aria-labelledby="participants-titre" id="section-participants">
      <h2 id="participants-titre">Participants</h2>
      <p>
        Inscrivez les personnes accompagnées dès leur entrée dans l’opération (questionnaire du programme et notice d’information),
        puis leur sortie dans les quatre semaines qui la suivent. Import et export CSV, indicateurs réalisés.
      </p>
      <p className="actions">
        <Link to={`/dossiers/${encodeURIComponent(dossier.id)}/participants`} className="bouton">Participants de l’opération</Link>
      </p>
    </section>
  );
}
