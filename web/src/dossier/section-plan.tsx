import type { OptionForfait, OptionPersonnel, ProgrammeDefinition } from '#shared/domain/programmes';
import { Champ, Selection, useFocusDernier } from '../form/champs';
import { formatMontant } from '../lib/format';
import type { TControlePlan } from '../lib/schemas-dossier';
import { ChampMontant } from './champ-montant';
import { CATEGORIES, ligneVide, type FormDossier, type FormLigne } from './modele';

type Maj = (f: FormDossier) => void;
type Categorie = (typeof CATEGORIES)[number];

/** Staff costs declared as lines, or computed at one of the programme's staff flat rates (art. 55 CPR 2021/1060). */
function ModePersonnel({ form, maj, options }: { form: FormDossier; maj: Maj; options: readonly OptionPersonnel[] }) {
  const choix = form.personnelForfaitaire;
  const possibles = [
    { valeur: '', libelle: 'Au réel : lignes déclarées' },
    ...options.map((o) => ({ valeur: o.code, libelle: `Au taux forfaitaire : ${o.libelle}` })),
    ...(choix && !options.some((o) => o.code === choix) ? [{ valeur: choix, libelle: `Taux inconnu du programme (${choix})` }] : []),
  ];
  const option = options.find((o) => o.code === choix);
  return (
    <div className="mode-personnel">
      <div className="cases-en-ligne" role="radiogroup" aria-label="Calcul des dépenses de personnel">
        {possibles.map((m, i) => (
          <div className="champ champ-case" key={m.valeur}>
            <input type="radio" id={`personnel-mode-${i}`} name="personnel-mode" checked={choix === m.valeur} onChange={() => maj({ ...form, personnelForfaitaire: m.valeur })} />
            <label htmlFor={`personnel-mode-${i}`}>{m.libelle}</label>
          </div>
        ))}
      </div>
      {option && <p className="aide">Montant calculé par le moteur : {option.tauxPct} % des autres dépenses directes. Source : {option.source}.</p>}
    </div>
  );
}

function Categorie({ cat, form, maj, total, optionsPersonnel }: { cat: Categorie; form: FormDossier; maj: Maj; total: number; optionsPersonnel: readonly OptionPersonnel[] }) {
  const lignes = form.depenses[cat.cle];
  const conteneur = useFocusDernier(lignes.length);
  const changer = (l: FormLigne[]) => maj({ ...form, depenses: { ...form.depenses, [cat.cle]: l } });
  const chemin = `planFinancement.depenses.${cat.cle}`;
  const modePersonnel = cat.cle === 'personnel' && (optionsPersonnel.length > 0 || !!form.personnelForfaitaire);
  const forfaitaire = cat.cle === 'personnel' && !!form.personnelForfaitaire;
  return (
    <fieldset className="groupe-liste categorie-depense" aria-describedby={`${cat.cle}-aide`}>
      <legend>{cat.libelle}</legend>
      <p className="aide" id={`${cat.cle}-aide`}>{cat.aide}</p>
      {modePersonnel && <ModePersonnel form={form} maj={maj} options={optionsPersonnel} />}
      {forfaitaire && lignes.length > 0 && (
        <p className="message-erreur">Au taux forfaitaire, le personnel n’est pas déclaré en lignes : supprimez les lignes ci-dessous.</p>
      )}
      <div ref={conteneur}>
        {lignes.length === 0 && !forfaitaire && <p className="discret">Aucune ligne.</p>}
        {lignes.map((l, i) => (
          <div key={i} className="ligne-depense" data-item>
            <Champ
              chemin={`${chemin}.${i}.libelle`}
              label={<>Libellé<span className="sr-only"> de la ligne {i + 1} ({cat.libelle.toLowerCase()})</span></>}
              value={l.libelle}
              onChange={(v) => changer(lignes.map((x, j) => (j === i ? { ...x, libelle: v } : x)))}
            />
            <ChampMontant
              chemin={`${chemin}.${i}.montantCentimes`}
              label={<>Montant<span className="sr-only"> de la ligne {i + 1} ({cat.libelle.toLowerCase()})</span></>}
              value={l.montant}
              onChange={(v) => changer(lignes.map((x, j) => (j === i ? { ...x, montant: v } : x)))}
            />
            <button type="button" className="bouton bouton-supprimer" onClick={() => changer(lignes.filter((_, j) => j !== i))}>
              Supprimer<span className="sr-only"> la ligne {i + 1} ({cat.libelle.toLowerCase()})</span>
            </button>
          </div>
        ))}
      </div>
      <div className="pied-categorie">
        {forfaitaire ? (
          <span />
        ) : (
          <button type="button" className="bouton bouton-secondaire bouton-petit" onClick={() => changer([...lignes, ligneVide()])}>
            Ajouter une ligne<span className="sr-only"> ({cat.libelle.toLowerCase()})</span>
          </button>
        )}
        <p className="sous-total">
          Sous-total : <strong>{formatMontant(total)}</strong>
        </p>
      </div>
    </fieldset>
  );
}

const MODES = [
  { valeur: 'aucun', libelle: 'Aucune' },
  { valeur: 'forfait', libelle: 'Taux forfaitaire' },
  { valeur: 'reel', libelle: 'Coûts réels' },
] as const;

function Indirects({ form, maj, programme, options, montant }: { form: FormDossier; maj: Maj; programme: ProgrammeDefinition; options: readonly OptionForfait[]; montant: number }) {
  const ind = form.indirects;
  const set = (p: Partial<FormDossier['indirects']>) => maj({ ...form, indirects: { ...ind, ...p } });
  return (
    <fieldset className="groupe-liste">
      <legend>Dépenses indirectes</legend>
      <div className="cases-en-ligne" role="radiogroup" aria-label="Mode de calcul des dépenses indirectes">
        {MODES.map((m) => (
          <div className="champ champ-case" key={m.valeur}>
            <input
              type="radio"
              id={`indirects-${m.valeur}`}
              name="indirects-mode"
              checked={ind.mode === m.valeur}
              onChange={() => set({ mode: m.valeur, option: m.valeur === 'forfait' && !ind.option ? (options[0]?.code ?? '') : ind.option })}
            />
            <label htmlFor={`indirects-${m.valeur}`}>{m.libelle}</label>
          </div>
        ))}
      </div>
      {ind.mode === 'forfait' && (
        <Selection
          chemin="planFinancement.indirects.option"
          label="Taux forfaitaire"
          aide={`Taux autorisés — ${programme.libelle}.`}
          value={ind.option}
          onChange={(v) => set({ option: v })}
          options={options.map((o) => ({ valeur: o.code, libelle: o.libelle }))}
        />
      )}
      {ind.mode === 'reel' && (
        <>
          <ChampMontant chemin="planFinancement.indirects.montantCentimes" label="Montant des dépenses indirectes" value={ind.montant} onChange={(v) => set({ montant: v })} />
          <Champ chemin="planFinancement.indirects.cleRepartition" label="Clé de répartition" multiligne lignes={2} aide="Comment la part des frais de structure imputée à l’opération est calculée." value={ind.cleRepartition} onChange={(v) => set({ cleRepartition: v })} />
        </>
      )}
      <p className="sous-total">
        Dépenses indirectes : <strong>{formatMontant(montant)}</strong>
      </p>
    </fieldset>
  );
}

/**
 * Direct costs by category, then indirect costs; subtotals come from the live computation. `options` are the
 * programme's flat rates as the AAP applies them (its lower rates, if any).
 */
export function SectionDepenses(props: { form: FormDossier; maj: Maj; programme: ProgrammeDefinition; options: readonly OptionForfait[]; controle: TControlePlan | null }) {
  const { form, maj, programme, options, controle } = props;
  const t = controle?.totaux;
  return (
    <fieldset className="carte section-formulaire" id="section-plan">
      <legend>Plan de financement — dépenses</legend>
      <p className="aide">Montants en euros, centimes après la virgule : « 12 345,67 ». Une ligne vide n’est pas enregistrée.</p>
      {CATEGORIES.map((cat) => (
        <Categorie key={cat.cle} cat={cat} form={form} maj={maj} total={t?.[cat.cle] ?? 0} optionsPersonnel={programme.optionsPersonnel} />
      ))}
      <Indirects form={form} maj={maj} programme={programme} options={options} montant={t?.indirects ?? 0} />
      <p className="total-plan">
        Coût total de l’opération : <strong data-testid="cout-total">{formatMontant(t?.coutTotal ?? 0)}</strong>
      </p>
    </fieldset>
  );
}
