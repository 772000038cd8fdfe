import type { TDossier } from '../lib/schemas-dossier';

type Onglet = 'instruction' | 'decision' | 'pieces' | 'messagerie' | 'convention';

/** The OI's next step for each state, and the tab where it is done (null: nothing to do at the OI). */
const ETAPES: Record<TDossier['statut'], { texte: string; action: string | null; onglet: Onglet | null; admin?: boolean }> = {
  brouillon: { texte: 'Le dossier n’est pas encore déposé.', action: null, onglet: null },
  depose: { texte: 'Vérifiez les pièces, puis demandez des compléments ou prononcez la recevabilité.', action: 'Examiner la recevabilité', onglet: 'instruction' },
  complement_demande: { texte: 'Le porteur doit répondre à la demande de compléments ; la recevabilité se prononcera ensuite.', action: 'Voir les pièces', onglet: 'pieces' },
  recevable: { texte: 'Le dossier est recevable : notez la grille d’instruction et rendez l’avis.', action: 'Instruire le dossier', onglet: 'instruction' },
  instruit: { texte: 'Le dossier est instruit : inscrivez-le à l’ordre du jour d’un comité de pilotage.', action: 'Inscrire en comité', onglet: 'decision' },
  inscrit_comite: { texte: 'Le dossier est inscrit en comité : la séance décidera de sa sélection.', action: 'Voir la décision', onglet: 'decision' },
  ajourne: { texte: 'Le comité a ajourné le dossier : il peut être réinscrit à une prochaine séance.', action: 'Voir la décision', onglet: 'decision' },
  selectionne: { texte: 'Le comité a sélectionné le dossier : un administrateur de l’OI enregistre la programmation.', action: 'Programmer', onglet: 'decision', admin: true },
  rejete: { texte: 'Le comité a rejeté le dossier. La lettre de décision est disponible.', action: 'Voir la décision', onglet: 'decision' },
  irrecevable: { texte: 'Le dossier a été déclaré irrecevable.', action: 'Voir le motif', onglet: 'instruction' },
  programme: { texte: 'Le dossier est programmé. La lettre de décision est disponible ; la convention se prépare et se signe dans l’onglet « Convention ».', action: 'Voir la convention', onglet: 'convention' },
};

/** « Prochaine étape » on the résumé: what the OI does now with this dossier, one click from the tab where it is done. */
export function ProchaineEtape({ dossier, admin, onOnglet }: { dossier: TDossier; admin: boolean; onOnglet: (o: Onglet) => void }) {
  const e = ETAPES[dossier.statut];
  const texte = e.admin && !admin ? `${e.texte} (Vous n’êtes pas administrateur : vous pouvez consulter la décision.)` : e.texte;
  return (
    <section className="carte carte-prochaine-etape" aria-labelledby="etape-titre">
      <h2 id="etape-titre">Prochaine étape</h2>
      <p>{texte}</p>
      {e.action && e.onglet && (
        <button type="button" className="bouton" onClick={() => onOnglet(e.onglet!)}>
          {e.action}
        </button>
      )}
    </section>
  );
}
