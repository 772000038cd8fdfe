/** Small pieces shared by the instruction and comité screens: PDF links with the token, refused actions. */
import { useState, type MouseEvent, type ReactNode } from 'react';
import { Alerte } from '../components/ui';
import { enErreur, type ApiError } from '../lib/api';
import { telechargerAvecJeton, telechargerDocument } from '../lib/fichiers';

/**
 * A link to a generated file (a PDF by default, a CSV export…): a plain link cannot carry the token, so a click asks
 * for the document's short-lived link and opens it (`cache`: the routes that keep their renders and take `?lien=json`,
 * see telechargerDocument), or fetches the file as a blob and saves it.
 */
export function LienPdf({ chemin, nom, children, className = 'bouton bouton-secondaire', type = 'application/pdf', cache = false }: { chemin: string; nom: string; children: ReactNode; className?: string; type?: string; cache?: boolean }) {
  const [erreur, setErreur] = useState<string | null>(null);
  const [envoi, setEnvoi] = useState(false);
  const telecharger = (e: MouseEvent) => {
    e.preventDefault();
    setErreur(null);
    setEnvoi(true);
    (cache ? telechargerDocument(chemin, nom) : telechargerAvecJeton(chemin, nom))
      .catch((err: unknown) => setErreur(enErreur(err).message))
      .finally(() => setEnvoi(false));
  };
  return (
    <span className="lien-pdf">
      <a className={className} href={`/api${chemin}`} type={type} onClick={telecharger} aria-busy={envoi || undefined}>
        {children}
      </a>
      {erreur && <span className="message-erreur" role="alert">{erreur}</span>}
    </span>
  );
}

/** Titles of the refusals users meet on these screens. */
const TITRES: Record<string, string> = {
  QUORUM_NON_ATTEINT: 'Quorum non atteint',
  ENVELOPPE_DEPASSEE: 'Enveloppe FSE dépassée',
  VERSION_PERIMEE: 'Le dossier a été modifié entre-temps',
  PIECES_NON_VALIDES: 'Des pièces manquent',
  GRILLE_INCOMPLETE: 'Grille incomplète',
  COMITE_CLOS: 'Séance close',
  SEANCE_A_VENIR: 'Séance à venir',
  PRESENCE_INCOHERENTE: 'Liste des présents incomplète',
  PRESENCE_INCONNUE: 'Présent inconnu du comité',
  DECLARATION_EXISTANTE: 'Déclaration déjà enregistrée',
  CONFLIT_INTERETS: 'Conflit d’intérêts déclaré',
  DECLARATION_REQUISE: 'Déclaration requise',
  DOSSIER_NON_INSCRIPTIBLE: 'Dossier non inscriptible',
  MONTANT_SUPERIEUR_SELECTION: 'Montant trop élevé',
  MONTANT_SUPERIEUR_DEMANDE: 'Montant trop élevé',
  STATUT_INCOMPATIBLE: 'Action impossible dans l’état du dossier',
};

/** A refused action: the server's message, its code-specific title and each detail. Focused when it appears. */
export function AlerteRefus({ erreur, titre, onRecharger }: { erreur: ApiError; titre?: string; onRecharger?: () => void }) {
  return (
    <Alerte titre={TITRES[erreur.code] ?? titre ?? 'L’action a échoué'} focus>
      <p data-code={erreur.code}>{erreur.message}</p>
      {erreur.details.length > 0 && (
        <ul className="liste details-refus">
          {erreur.details.map((d, i) => (
            <li key={i}>{d.message}</li>
          ))}
        </ul>
      )}
      {onRecharger && erreur.status === 409 && (
        <button type="button" className="bouton bouton-secondaire" onClick={onRecharger}>
          Recharger
        </button>
      )}
    </Alerte>
  );
}

/** `corps.notes[3].justification` → `notes.3.justification`. */
export const cheminServeur = (chemin: string): string => chemin.replace(/^corps\.?/, '').replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '');
