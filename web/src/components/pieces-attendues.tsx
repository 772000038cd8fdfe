import type { TFicheOperation } from '../lib/schemas';

type Piece = TFicheOperation['piecesJustificatives'][number];

export const ETAPES_PIECE: readonly { valeur: Piece['etape']; titre: string; vide: string }[] = [
  { valeur: 'depot', titre: 'À joindre au dépôt', vide: 'Aucune pièce propre à la fiche n’est demandée au dépôt.' },
  { valeur: 'realisation', titre: 'Pour justifier de la réalisation (bilan)', vide: 'Aucune pièce de réalisation précisée.' },
];

/** « Nombre d’opérations : Une des pièces suivantes » already says it: the label is not repeated. */
const ditDejaUneDes = (libelle: string) => /une des pi[eè]ces suivantes\s*:?\s*$/i.test(libelle);

function LignePiece({ piece }: { piece: Piece }) {
  const alternatives = piece.alternatives ?? [];
  if (alternatives.length === 0) return <li>{piece.libelle}</li>;
  return (
    <li className="piece-groupe">
      {piece.libelle}
      {ditDejaUneDes(piece.libelle) ? ' :' : <> — <span className="une-des">une des pièces suivantes</span> :</>}
      <ul className="liste sous-liste">
        {alternatives.map((a, i) => (
          <li key={i}>{a}</li>
        ))}
      </ul>
    </li>
  );
}

/** The fiche's pièces, split by the stage they are asked at; a group is « une des pièces suivantes ». */
export function PiecesAttendues({ pieces, niveau = 3 }: { pieces: readonly Piece[]; niveau?: 3 | 4 }) {
  const Titre = niveau === 3 ? 'h3' : 'h4';
  return (
    <>
      {ETAPES_PIECE.map((e) => {
        const items = pieces.filter((p) => p.etape === e.valeur);
        return (
          <div key={e.valeur} className="pieces-etape" data-etape={e.valeur}>
            <Titre>{e.titre}</Titre>
            {items.length === 0 ? (
              <p className="discret">{e.vide}</p>
            ) : (
              <ul className="liste">
                {items.map((p, i) => (
                  <LignePiece key={i} piece={p} />
                ))}
              </ul>
            )}
          </div>
        );
      })}
    </>
  );
}
