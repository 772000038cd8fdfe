/**
 * The editor of a rule an OI adds to a new version of a PLIE's exit rules: code, label, the seed-style heading, the
 * category it yields, the situations it covers and its criteria, each criterion with the fields the qualification
 * reads (shared/domain/sortie/regles-plie.ts `Critere`). The server checks everything again (400/422 with the field).
 */
import { useId } from 'react';
import { CATEGORIES_REGLE } from '#shared/schemas/regles-sorties';
import { SITUATIONS_SORTIE, STRUCTURES_SIAE } from '#shared/schemas/participant';
import { LIBELLES_CATEGORIE } from '#shared/domain/sortie/regles-plie';
import { SITUATIONS } from '../participants/libelles';

type Valeur = string | boolean;
interface Champ { cle: string; libelle: string; genre: 'nombre' | 'booleen' | 'texte' | 'choix'; options?: [string, string][]; facultatif?: boolean }
interface TypeCritere { libelle: string; champs: Champ[] }

/** Each criterion type, its label and its fields (dotted keys for nested ones). */
export const TYPES_CRITERE: Record<string, TypeCritere> = {
  duree_contrat: { libelle: 'Durée du contrat', champs: [{ cle: 'mois', libelle: 'Mois', genre: 'nombre' }, { cle: 'strict', libelle: 'Strictement plus de (« > »)', genre: 'booleen' }] },
  anciennete: { libelle: 'Ancienneté dans l’emploi à la sortie', champs: [{ cle: 'mois', libelle: 'Mois', genre: 'nombre' }, { cle: 'memeEmployeur', libelle: 'Chez le même employeur', genre: 'booleen' }] },
  temps_plein_ou_choisi: { libelle: 'Temps plein ou temps réduit choisi', champs: [] },
  heures_hebdo: { libelle: 'Heures hebdomadaires minimum', champs: [{ cle: 'min', libelle: 'Heures par semaine', genre: 'nombre' }, { cle: 'saufAccord', libelle: 'Sauf accord du participant', genre: 'booleen' }] },
  cumul: {
    libelle: 'Contrats cumulés',
    champs: [
      { cle: 'seuils.mois', libelle: 'Seuil en mois', genre: 'nombre', facultatif: true },
      { cle: 'seuils.semaines', libelle: 'Seuil en semaines', genre: 'nombre', facultatif: true },
      { cle: 'seuils.heures', libelle: 'Seuil en heures', genre: 'nombre', facultatif: true },
      { cle: 'fenetreMois', libelle: 'Sur les derniers … mois', genre: 'nombre', facultatif: true },
      { cle: 'meme', libelle: 'Compté par', genre: 'choix', options: [['', 'tous contrats confondus'], ['agence', 'agence d’intérim'], ['entreprise_utilisatrice', 'entreprise utilisatrice']] },
      { cle: 'sansInterruption', libelle: 'Sans interruption', genre: 'booleen' },
    ],
  },
  creation: { libelle: 'Création d’entreprise', champs: [{ cle: 'mois', libelle: 'Mois depuis l’immatriculation', genre: 'nombre' }, { cle: 'registres', libelle: 'Registres (séparés par des virgules ; vide : tous)', genre: 'texte', facultatif: true }] },
  formation: {
    libelle: 'Formation',
    champs: [
      { cle: 'enLienAvecLeProjet', libelle: 'En lien avec le projet professionnel', genre: 'booleen' },
      { cle: 'finOuApresMois', libelle: 'Terminée, ou suivie depuis … mois', genre: 'nombre', facultatif: true },
      { cle: 'validee', libelle: 'Validée (diplôme, titre, certificat)', genre: 'booleen' },
    ],
  },
  duree_situation: { libelle: 'Durée de la situation', champs: [{ cle: 'min.mois', libelle: 'Au moins … mois', genre: 'nombre', facultatif: true }, { cle: 'max.mois', libelle: 'Au plus … mois', genre: 'nombre', facultatif: true }] },
  sans_reprise: { libelle: 'Sans reprise d’activité prévue', champs: [] },
  age_min: { libelle: 'Âge minimum à la sortie', champs: [{ cle: 'ans', libelle: 'Ans', genre: 'nombre' }] },
  justificatif: { libelle: 'Justificatif exigé', champs: [] },
  commission: { libelle: 'Validation par la commission', champs: [{ cle: 'motif', libelle: 'Ce que la commission valide', genre: 'texte' }] },
  ambigu: { libelle: 'Cas laissé à la commission (source ambiguë)', champs: [{ cle: 'motif', libelle: 'Pourquoi', genre: 'texte' }] },
};

export interface CritereSaisi { type: string; valeurs: Record<string, Valeur> }
export interface RegleEditee {
  code: string; libelle: string; groupe: string; categorie: string; situations: string[]; structuresSiae: string[]; criteres: CritereSaisi[];
}

export const regleVide = (prefixe: string): RegleEditee => ({
  code: `${prefixe.toUpperCase().replace(/[^A-Z0-9]+/g, '-')}-`, libelle: '', groupe: 'SORTIES POSITIVES', categorie: 'emploi', situations: [], structuresSiae: [], criteres: [],
});

const nombre = (v: Valeur | undefined) => (typeof v === 'string' && v.trim() !== '' ? Number(v.replace(',', '.')) : undefined);

/** The criterion as the API reads it (numbers parsed; empty optional fields left out or null as the API expects). */
function critereApi(c: CritereSaisi): Record<string, unknown> {
  const v = c.valeurs;
  const b = (k: string) => v[k] === true;
  switch (c.type) {
    case 'duree_contrat': return { type: c.type, mois: nombre(v.mois), strict: b('strict') };
    case 'anciennete': return { type: c.type, mois: nombre(v.mois), memeEmployeur: b('memeEmployeur') };
    case 'heures_hebdo': return { type: c.type, min: nombre(v.min), saufAccord: b('saufAccord') };
    case 'cumul': return {
      type: c.type, fenetreMois: nombre(v.fenetreMois) ?? null, meme: v.meme || null, sansInterruption: b('sansInterruption'),
      seuils: Object.fromEntries((['mois', 'semaines', 'heures'] as const).flatMap((k) => (nombre(v[`seuils.${k}`]) === undefined ? [] : [[k, nombre(v[`seuils.${k}`])]]))),
    };
    case 'creation': {
      const registres = typeof v.registres === 'string' ? v.registres.split(',').map((x) => x.trim()).filter(Boolean) : [];
      return { type: c.type, mois: nombre(v.mois), registres: registres.length ? registres : null };
    }
    case 'formation': return { type: c.type, enLienAvecLeProjet: b('enLienAvecLeProjet'), finOuApresMois: nombre(v.finOuApresMois) ?? null, validee: b('validee') };
    case 'duree_situation': return {
      type: c.type,
      ...(nombre(v['min.mois']) === undefined ? {} : { min: { mois: nombre(v['min.mois']), inclus: true } }),
      ...(nombre(v['max.mois']) === undefined ? {} : { max: { mois: nombre(v['max.mois']), inclus: true } }),
    };
    case 'age_min': return { type: c.type, ans: nombre(v.ans) };
    case 'commission': case 'ambigu': return { type: c.type, motif: v.motif ?? '' };
    default: return { type: c.type };
  }
}

/** The rule as `ajoutees[]` of POST /plies/{id}/regles-sorties reads it. */
export const regleApi = (r: RegleEditee) => ({
  code: r.code.trim(), libelle: r.libelle, groupe: r.groupe, categorie: r.categorie, situations: r.situations,
  ...(r.situations.includes('emploi_siae') && r.structuresSiae.length ? { structuresSiae: r.structuresSiae } : {}),
  criteres: r.criteres.map(critereApi),
});

export function EditeurRegle({ regle, numero, onChange, onRetirer }: { regle: RegleEditee; numero: number; onChange: (r: RegleEditee) => void; onRetirer: () => void }) {
  const id = useId();
  const maj = (o: Partial<RegleEditee>) => onChange({ ...regle, ...o });
  const basculer = (liste: string[], x: string) => (liste.includes(x) ? liste.filter((y) => y !== x) : [...liste, x]);
  const majCritere = (i: number, c: CritereSaisi) => maj({ criteres: regle.criteres.map((x, j) => (j === i ? c : x)) });
  return (
    <fieldset className="regle-ajoutee">
      <legend>Règle ajoutée n° {numero}</legend>
      <div className="champ">
        <label htmlFor={`${id}-code`}>Code</label>
        <input id={`${id}-code`} type="text" value={regle.code} maxLength={80} onChange={(e) => maj({ code: e.target.value.toUpperCase() })} aria-describedby={`${id}-code-aide`} />
        <p id={`${id}-code-aide`} className="meta">Majuscules, chiffres et tirets ; différent des codes des règles gardées.</p>
      </div>
      <div className="champ">
        <label htmlFor={`${id}-libelle`}>Libellé (tel que le tableau du PLIE l’écrit)</label>
        <input id={`${id}-libelle`} type="text" value={regle.libelle} maxLength={500} onChange={(e) => maj({ libelle: e.target.value })} />
      </div>
      <div className="champ">
        <label htmlFor={`${id}-groupe`}>Groupe</label>
        <input id={`${id}-groupe`} type="text" value={regle.groupe} maxLength={200} onChange={(e) => maj({ groupe: e.target.value })} />
      </div>
      <div className="champ">
        <label htmlFor={`${id}-categorie`}>Catégorie</label>
        <select id={`${id}-categorie`} value={regle.categorie} onChange={(e) => maj({ categorie: e.target.value })}>
          {CATEGORIES_REGLE.map((c) => <option key={c} value={c}>{LIBELLES_CATEGORIE[c]}</option>)}
        </select>
      </div>
      <fieldset>
        <legend>Situations de sortie couvertes</legend>
        <div className="cases">
          {SITUATIONS_SORTIE.map((s) => (
            <label key={s} style={{ display: 'inline-block', marginRight: '1rem' }}>
              <input type="checkbox" checked={regle.situations.includes(s)} onChange={() => maj({ situations: basculer(regle.situations, s) })} /> {SITUATIONS[s]}
            </label>
          ))}
        </div>
      </fieldset>
      {regle.situations.includes('emploi_siae') && (
        <fieldset>
          <legend>Structures d’insertion (aucune cochée : toutes)</legend>
          {STRUCTURES_SIAE.map((s) => (
            <label key={s} style={{ display: 'inline-block', marginRight: '1rem' }}>
              <input type="checkbox" checked={regle.structuresSiae.includes(s)} onChange={() => maj({ structuresSiae: basculer(regle.structuresSiae, s) })} /> {s}
            </label>
          ))}
        </fieldset>
      )}
      <fieldset>
        <legend>Critères (tous doivent être remplis)</legend>
        {!regle.criteres.length && <p className="meta">Aucun critère : la situation suffit.</p>}
        {regle.criteres.map((c, i) => (
          <div key={i} className="critere" style={{ marginBottom: "0.75rem" }}>
            <p><strong>Critère {i + 1} — {TYPES_CRITERE[c.type]?.libelle ?? c.type}</strong></p>
            {TYPES_CRITERE[c.type]?.champs.map((ch) => {
              const libelle = `Règle ${numero}, critère ${i + 1} — ${ch.libelle}`;
              const valeur = c.valeurs[ch.cle];
              const set = (x: Valeur) => majCritere(i, { ...c, valeurs: { ...c.valeurs, [ch.cle]: x } });
              if (ch.genre === 'booleen') {
                return <label key={ch.cle} style={{ display: 'inline-block', marginRight: '1rem' }}><input type="checkbox" aria-label={libelle} checked={valeur === true} onChange={(e) => set(e.target.checked)} /> {ch.libelle}</label>;
              }
              if (ch.genre === 'choix') {
                return <label key={ch.cle} style={{ display: 'inline-block', marginRight: '1rem' }}>{ch.libelle}{' '}<select aria-label={libelle} value={typeof valeur === 'string' ? valeur : ''} onChange={(e) => set(e.target.value)}>{ch.options!.map(([v, l]) => <option key={v} value={v}>{l}</option>)}</select></label>;
              }
              return (
                <label key={ch.cle} style={{ display: 'inline-block', marginRight: '1rem' }}>
                  {ch.libelle}{ch.facultatif ? ' (facultatif)' : ''}{' '}
                  <input aria-label={libelle} type={ch.genre === 'nombre' ? 'number' : 'text'} min={ch.genre === 'nombre' ? 0 : undefined} step="any" value={typeof valeur === 'string' ? valeur : ''} onChange={(e) => set(e.target.value)} style={{ width: ch.genre === 'nombre' ? '7rem' : '20rem' }} />
                </label>
              );
            })}
            <button type="button" className="bouton bouton-secondaire" onClick={() => maj({ criteres: regle.criteres.filter((_, j) => j !== i) })}>Retirer le critère {i + 1}</button>
          </div>
        ))}
        <label>
          Ajouter un critère{' '}
          <select aria-label={`Règle ${numero} — ajouter un critère`} value="" onChange={(e) => e.target.value && maj({ criteres: [...regle.criteres, { type: e.target.value, valeurs: {} }] })}>
            <option value="">— type de critère —</option>
            {Object.entries(TYPES_CRITERE).map(([t, d]) => <option key={t} value={t}>{d.libelle}</option>)}
          </select>
        </label>
      </fieldset>
      <button type="button" className="bouton bouton-secondaire" onClick={onRetirer}>Supprimer la règle ajoutée n° {numero}</button>
    </fieldset>
  );
}
