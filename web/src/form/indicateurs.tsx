import { Champ, useFocusDernier } from './champs';
import type { FormIndicateur } from './modele';

export const indicateurVide = (): FormIndicateur => ({ libelle: '', cible: '', unite: '' });

interface Props {
  /** API path of the list, e.g. `fiches.0.indicateurs` or `objectifsQuantitatifs`. */
  base: string;
  items: FormIndicateur[];
  onChange: (v: FormIndicateur[]) => void;
  legende?: string;
  /** How a row is named to screen readers and on its remove button: « l’indicateur » → « Supprimer l’indicateur 2 ». */
  element?: string;
  ajouter?: string;
  vide?: string;
}

/** Editable rows of libellé / cible / unité: a fiche's indicateurs, a PLIE's objectifs quantitatifs. */
export function ListeIndicateurs({
  base,
  items,
  onChange,
  legende = 'Indicateurs',
  element = 'l’indicateur',
  ajouter = 'Ajouter un indicateur',
  vide = 'Aucun indicateur.',
}: Props) {
  const conteneur = useFocusDernier(items.length);
  const maj = (i: number, p: Partial<FormIndicateur>) => onChange(items.map((x, j) => (j === i ? { ...x, ...p } : x)));
  return (
    <fieldset className="groupe-liste">
      <legend>{legende}</legend>
      <div ref={conteneur}>
        {items.length === 0 && <p className="discret">{vide}</p>}
        {items.map((ind, i) => {
          const de = <span className="sr-only"> de {element} {i + 1}</span>;
          return (
            <div key={i} className="ligne-indicateur" data-item>
              <span className="numero" aria-hidden="true">{i + 1}</span>
              <Champ
                chemin={`${base}.${i}.libelle`}
                label={<>Libellé{de}</>}
                value={ind.libelle}
                onChange={(v) => maj(i, { libelle: v })}
                className="large"
              />
              <Champ
                chemin={`${base}.${i}.cible`}
                label={<>Cible{de}</>}
                value={ind.cible}
                inputMode="decimal"
                facultatif
                onChange={(v) => maj(i, { cible: v })}
              />
              <Champ chemin={`${base}.${i}.unite`} label={<>Unité{de}</>} value={ind.unite} facultatif onChange={(v) => maj(i, { unite: v })} />
              <button type="button" className="bouton bouton-supprimer" onClick={() => onChange(items.filter((_, j) => j !== i))}>
                Supprimer<span className="sr-only"> {element} {i + 1}</span>
              </button>
            </div>
          );
        })}
      </div>
      <button type="button" className="bouton bouton-secondaire bouton-petit" onClick={() => onChange([...items, indicateurVide()])}>
        {ajouter}
      </button>
    </fieldset>
  );
}
