import { CaseACocher, Champ, Selection, useFocusDernier } from '../form/champs';
import { formatMontant } from '../lib/format';
import type { TControlePlan } from '../lib/schemas-dossier';
import { ChampMontant } from './champ-montant';
import { cofinancementVide, type FormCofinancement, type FormDossier } from './modele';

type Maj = (f: FormDossier) => void;

const NATURES = [
  { valeur: 'public', libelle: 'Public' },
  { valeur: 'prive', libelle: 'Privé' },
];
const ATTESTATIONS = [
  { valeur: 'prevue', libelle: 'Prévue' },
  { valeur: 'obtenue', libelle: 'Obtenue' },
];

function Cofinancements({ form, maj }: { form: FormDossier; maj: Maj }) {
  const items = form.ressources.cofinancements;
  const conteneur = useFocusDernier(items.length);
  const changer = (c: FormCofinancement[]) => maj({ ...form, ressources: { ...form.ressources, cofinancements: c } });
  const set = (i: number, p: Partial<FormCofinancement>) => changer(items.map((x, j) => (j === i ? { ...x, ...p } : x)));
  const chemin = 'planFinancement.ressources.cofinancements';
  return (
    <fieldset className="groupe-liste">
      <legend>Cofinancements</legend>
      <div ref={conteneur}>
        {items.length === 0 && <p className="discret">Aucun cofinancement.</p>}
        {items.map((c, i) => {
          const n = <span className="sr-only"> du cofinancement {i + 1}</span>;
          return (
            <div key={i} className="cofinancement" data-item>
              <p className="cofinancement-numero" aria-hidden="true">Cofinancement {i + 1}</p>
              <div className="grille-cofinancement">
                <Champ chemin={`${chemin}.${i}.financeur`} label={<>Financeur{n}</>} value={c.financeur} onChange={(v) => set(i, { financeur: v })} />
                <Selection chemin={`${chemin}.${i}.nature`} label={<>Nature{n}</>} value={c.nature} options={NATURES} onChange={(v) => set(i, { nature: v === 'prive' ? 'prive' : 'public' })} />
                <Selection chemin={`${chemin}.${i}.attestation`} label={<>Attestation{n}</>} value={c.attestation} options={ATTESTATIONS} onChange={(v) => set(i, { attestation: v === 'obtenue' ? 'obtenue' : 'prevue' })} />
                <ChampMontant chemin={`${chemin}.${i}.montantCentimes`} label={<>Montant{n}</>} value={c.montant} onChange={(v) => set(i, { montant: v })} />
              </div>
              <div className="actions actions-cofinancement">
                <CaseACocher
                  chemin={`${chemin}.${i}.contrepartieFse`}
                  label={<>Compté comme contrepartie du FSE{n}</>}
                  checked={c.contrepartieFse}
                  onChange={(v) => set(i, { contrepartieFse: v })}
                />
                <button type="button" className="bouton bouton-supprimer" onClick={() => changer(items.filter((_, j) => j !== i))}>
                  Supprimer<span className="sr-only"> le cofinancement {i + 1}</span>
                </button>
              </div>
            </div>
          );
        })}
      </div>
      <button type="button" className="bouton bouton-secondaire bouton-petit" onClick={() => changer([...items, cofinancementVide()])}>
        Ajouter un cofinancement
      </button>
    </fieldset>
  );
}

export function SectionRessources({ form, maj, controle }: { form: FormDossier; maj: Maj; controle: TControlePlan | null }) {
  const r = form.ressources;
  const set = (p: Partial<FormDossier['ressources']>) => maj({ ...form, ressources: { ...r, ...p } });
  const t = controle?.totaux;
  return (
    <fieldset className="carte section-formulaire" id="section-ressources">
      <legend>Plan de financement — ressources</legend>
      <ChampMontant chemin="planFinancement.ressources.fseCentimes" label="FSE sollicité" className="champ-court" value={r.fse} onChange={(v) => set({ fse: v })} />
      <Cofinancements form={form} maj={maj} />
      <div className="grille-2">
        <ChampMontant chemin="planFinancement.ressources.autofinancementCentimes" label="Autofinancement" aide="Compté comme contrepartie du FSE." value={r.autofinancement} onChange={(v) => set({ autofinancement: v })} />
        <ChampMontant chemin="planFinancement.ressources.recettesCentimes" label="Recettes" aide="Recettes générées par l’opération." value={r.recettes} onChange={(v) => set({ recettes: v })} />
      </div>
      <p className="total-plan">
        Total des ressources : <strong data-testid="total-ressources">{formatMontant(t?.ressources ?? 0)}</strong>
        {t && t.ressources !== t.coutTotal && (
          <span className="ecart"> (écart avec le coût total : {formatMontant(t.ressources - t.coutTotal)})</span>
        )}
      </p>
    </fieldset>
  );
}
