import { Champ } from '../form/champs';
import { formatDate, formatNombre } from '../lib/format';
import type { FormDossier } from './modele';

type Maj = (f: FormDossier) => void;

export function SectionDescription({ form, maj }: { form: FormDossier; maj: Maj }) {
  const d = form.description;
  const set = (partiel: Partial<FormDossier['description']>) => maj({ ...form, description: { ...d, ...partiel } });
  return (
    <fieldset className="carte section-formulaire" id="section-description">
      <legend>Description de l’opération</legend>
      <Champ chemin="intitule" label="Intitulé de l’opération" value={form.intitule} onChange={(v) => maj({ ...form, intitule: v })} />
      <Champ chemin="description.objectifs" label="Objectifs" multiligne lignes={4} aide="Ce que l’opération veut obtenir, et pour combien de personnes." value={d.objectifs} onChange={(v) => set({ objectifs: v })} />
      <Champ chemin="description.publicVise" label="Public visé" multiligne value={d.publicVise} onChange={(v) => set({ publicVise: v })} />
      <Champ chemin="description.modalites" label="Modalités de mise en œuvre" multiligne lignes={4} value={d.modalites} onChange={(v) => set({ modalites: v })} />
      <Champ chemin="description.territoire" label="Territoire" multiligne lignes={2} value={d.territoire} onChange={(v) => set({ territoire: v })} />
    </fieldset>
  );
}

export function SectionCalendrier({ form, maj, periode }: { form: FormDossier; maj: Maj; periode: { debut: string; fin: string } }) {
  const c = form.calendrier;
  return (
    <fieldset className="carte section-formulaire" id="section-calendrier">
      <legend>Calendrier</legend>
      <p className="aide" id="calendrier-aide">
        Les dates doivent être comprises dans la période de la fiche : du {formatDate(periode.debut)} au {formatDate(periode.fin)}.
      </p>
      <div className="grille-2">
        <Champ chemin="calendrier.debut" type="date" label="Début de l’opération" value={c.debut} onChange={(v) => maj({ ...form, calendrier: { ...c, debut: v } })} />
        <Champ chemin="calendrier.fin" type="date" label="Fin de l’opération" value={c.fin} onChange={(v) => maj({ ...form, calendrier: { ...c, fin: v } })} />
      </div>
    </fieldset>
  );
}

export function SectionIndicateurs({ form, maj }: { form: FormDossier; maj: Maj }) {
  const items = form.indicateurs;
  return (
    <fieldset className="carte section-formulaire" id="section-indicateurs">
      <legend>Indicateurs prévisionnels</legend>
      {items.length === 0 ? (
        <p className="discret">La fiche ne fixe pas d’indicateur.</p>
      ) : (
        <ol className="liste-indicateurs">
          {items.map((ind, i) => (
            <li key={i} className="indicateur">
              <p className="indicateur-libelle" id={`indicateur-${i}`}>{ind.libelle}</p>
              <p className="indicateur-cible discret">
                Cible de la fiche : {ind.cibleFiche === null ? 'non précisée' : `${formatNombre(ind.cibleFiche)}${ind.unite ? ` ${ind.unite}` : ''}`}
              </p>
              <Champ
                chemin={`indicateurs.${i}.valeurPrevue`}
                label={<>Valeur prévue{ind.unite ? ` (${ind.unite})` : ''}<span className="sr-only"> pour « {ind.libelle} »</span></>}
                inputMode="decimal"
                className="champ-court"
                value={ind.valeurPrevue}
                onChange={(v) => maj({ ...form, indicateurs: items.map((x, j) => (j === i ? { ...x, valeurPrevue: v } : x)) })}
              />
            </li>
          ))}
        </ol>
      )}
    </fieldset>
  );
}
