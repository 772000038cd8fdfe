import { Champ, Selection, useFocusDernier } from './champs';
import type { FormPiece } from './modele';

const ETAPES = [
  { valeur: 'depot', libelle: 'À joindre au dépôt' },
  { valeur: 'realisation', libelle: 'Pour justifier de la réalisation (bilan)' },
];

export const pieceVide = (): FormPiece => ({ libelle: '', etape: 'realisation', alternatives: '' });

/** The fiche's pièces: label, stage, and optionally a group of alternatives (« une des pièces suivantes »). */
export function PiecesFiche({ base, items, onChange }: { base: string; items: FormPiece[]; onChange: (v: FormPiece[]) => void }) {
  const conteneur = useFocusDernier(items.length);
  const maj = (i: number, p: Partial<FormPiece>) => onChange(items.map((x, j) => (j === i ? { ...x, ...p } : x)));
  return (
    <fieldset className="groupe-liste">
      <legend>Pièces justificatives</legend>
      <div ref={conteneur}>
        {items.length === 0 && <p className="discret">Aucune pièce.</p>}
        {items.map((p, i) => {
          const n = <span className="sr-only"> de la pièce {i + 1}</span>;
          return (
            <div key={i} className="piece-edition" data-item>
              <p className="piece-edition-numero" aria-hidden="true">Pièce {i + 1}</p>
              <div className="grille-piece">
                <Champ chemin={`${base}.${i}.libelle`} label={<>Libellé{n}</>} multiligne lignes={2} value={p.libelle} onChange={(v) => maj(i, { libelle: v })} />
                <Selection
                  chemin={`${base}.${i}.etape`}
                  label={<>Étape{n}</>}
                  value={p.etape}
                  options={ETAPES}
                  onChange={(v) => maj(i, { etape: v === 'depot' ? 'depot' : 'realisation' })}
                />
              </div>
              <Champ
                chemin={`${base}.${i}.alternatives`}
                label={<>Une des pièces suivantes{n}</>}
                aide="Une par ligne, deux au moins ; le porteur en fournit une au choix. Vide : pièce unique."
                facultatif
                multiligne
                lignes={Math.min(8, Math.max(2, p.alternatives.split('\n').length))}
                value={p.alternatives}
                onChange={(v) => maj(i, { alternatives: v })}
              />
              <button type="button" className="bouton bouton-supprimer" onClick={() => onChange(items.filter((_, j) => j !== i))}>
                Supprimer<span className="sr-only"> la pièce {i + 1}</span>
              </button>
            </div>
          );
        })}
      </div>
      <button type="button" className="bouton bouton-secondaire bouton-petit" onClick={() => onChange([...items, pieceVide()])}>
        Ajouter une pièce
      </button>
    </fieldset>
  );
}
