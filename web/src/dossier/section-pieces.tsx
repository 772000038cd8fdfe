import { Chargement, ErreurApi } from '../components/ui';
import { pluriel } from '../lib/format';
import type { TDossier } from '../lib/schemas-dossier';
import { LignePiece } from './ligne-piece';
import type { Pieces } from './use-pieces';

/**
 * The checklist: administrative pièces, then the fiche's. A draft takes any line; a dossier awaiting compléments
 * only the lines the OI asked for; otherwise the list is read-only (downloads only).
 */
export function SectionPieces({ dossier, pieces, porteur }: { dossier: TDossier; pieces: Pieces; porteur: boolean }) {
  const { lignes, chargement, erreur } = pieces;
  const brouillon = dossier.statut === 'brouillon';
  const complement = dossier.statut === 'complement_demande';
  const groupes = [
    { titre: 'Pièces administratives', lignes: lignes.filter((l) => l.origine === 'administrative') },
    { titre: 'Pièces demandées par la fiche', lignes: lignes.filter((l) => l.origine === 'fiche') },
  ].filter((g) => g.lignes.length > 0);
  const obligatoires = lignes.filter((l) => l.obligatoire || l.demandeEnComplement);
  const valides = obligatoires.filter((l) => l.etat === 'valide').length;
  return (
    <section className="carte" id="section-pieces" aria-labelledby="pieces-titre">
      <h2 id="pieces-titre">Pièces justificatives</h2>
      {chargement && lignes.length === 0 && <Chargement texte="Chargement des pièces…" />}
      {erreur && <ErreurApi erreur={erreur} onReessayer={() => void pieces.recharger()} />}
      {lignes.length > 0 && (
        <p className="chapo-pieces">
          {valides} sur {pluriel(obligatoires.length, 'pièce obligatoire vérifiée', 'pièces obligatoires vérifiées')}.
          {porteur && brouillon && ' Chaque fichier est vérifié après l’envoi (format, taille, empreinte).'}
        </p>
      )}
      {groupes.map((g) => (
        <div key={g.titre}>
          <h3>{g.titre}</h3>
          <ul className="liste-pieces">
            {g.lignes.map((l) => (
              <LignePiece
                key={l.code}
                ligne={l}
                dossierId={dossier.id}
                pieces={pieces}
                envoiPermis={porteur && (brouillon || (complement && l.demandeEnComplement))}
                suppressionPermise={porteur && brouillon}
              />
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
