/**
 * « Règles de sortie » of a PLIE, on its OI page: the versions (valid from, COPIL decision, rules and their thresholds,
 * the one in force) and, for the OI's administrators, a new version from the one in force (its thresholds editable, its
 * rules dropped, new rules added) or, for a PLIE without rules, a first version, previewed on sample cases before it
 * is saved (POST /plies/{id}/regles-sorties).
 */
import { useMemo, useState } from 'react';
import { z } from 'zod';
import { Alerte, Chargement, ErreurApi } from '../components/ui';
import { api, enErreur, useApi, type ApiError } from '../lib/api';
import { formatDate, formatInstant } from '../lib/format';
import { EditeurRegle, regleApi, regleVide, type RegleEditee } from './regles-editeur';

const Seuil = z.object({ critere: z.number(), champ: z.string(), valeur: z.number(), libelle: z.string(), entier: z.boolean() });
const Regle = z.object({ code: z.string(), libelle: z.string(), libelleCategorie: z.string(), source: z.string(), lecture: z.string().optional(), seuils: z.array(Seuil) });
const Version = z.object({
  version: z.string(), valideDu: z.string(), source: z.string(), lecture: z.string().optional(), base: z.string().optional(),
  decisionCopil: z.object({ reference: z.string(), date: z.string().nullable() }).nullable(),
  saisie: z.object({ le: z.string(), par: z.string() }).optional(),
  regles: z.array(Regle),
});
const Regles = z.object({ enVigueur: z.string().nullable(), aujourdhui: z.string(), message: z.string(), versions: z.array(Version) });
const Resultat = z.object({ cas: z.number(), date: z.string(), situation: z.string(), libelle: z.string(), version: z.string().nullable(), regle: z.string().nullable(), motif: z.string(), positive: z.boolean().nullable() });
const Apercu = z.object({ resultats: z.array(Resultat) });
type TVersion = z.infer<typeof Version>;

const SITUATIONS: [string, string][] = [
  ['cdi', 'CDI'], ['cdd', 'CDD'], ['interim', 'Intérim'], ['contrats_successifs', 'Contrats successifs'], ['alternance', 'Alternance'],
  ['contrat_aide', 'Contrat aidé'], ['creation_entreprise', 'Création d’entreprise'], ['formation_qualifiante', 'Formation qualifiante'], ['abandon', 'Abandon'],
];

interface Cas { situation: string; date: string; debut: string; fin: string; heures: string }
const CAS_INITIAUX: Cas[] = [
  { situation: 'contrats_successifs', date: '', debut: '', fin: '', heures: '1100' },
  { situation: 'cdi', date: '', debut: '', fin: '', heures: '' },
  { situation: 'interim', date: '', debut: '', fin: '', heures: '900' },
];

/** A sample case as the preview reads it: the hours, when given, are one contract over the dates. */
function versSortie(c: Cas) {
  const heures = c.heures.trim() === '' ? null : Number(c.heures.replace(',', '.'));
  return {
    situation: c.situation, date: c.date, tempsPlein: true, debut: c.debut || null, fin: c.fin || null,
    contrats: heures !== null && c.debut && c.fin ? [{ debut: c.debut, fin: c.fin, heures, employeur: 'Employeur', agence: 'Agence', nature: 'cdd' }] : [],
  };
}

const cle = (regle: string, critere: number, champ: string) => `${regle}#${critere}#${champ}`;

function Versions({ versions, enVigueur }: { versions: TVersion[]; enVigueur: string | null }) {
  return (
    <>
      {[...versions].reverse().map((v) => (
        <details key={v.version} open={v.version === enVigueur}>
          <summary>
            <strong>{v.version}</strong> — à compter du {formatDate(v.valideDu)}
            {v.version === enVigueur && <> · <span className="badge">en vigueur</span></>}
            {' · '}{v.decisionCopil ? `décision du COPIL : ${v.decisionCopil.reference}` : 'sans décision du COPIL citée'}
          </summary>
          <p className="meta">{v.source}{v.saisie && <> · saisie par {v.saisie.par} le {formatInstant(v.saisie.le)}</>}</p>
          {v.lecture && <p>{v.lecture}</p>}
          <table className="tableau">
            <thead><tr><th scope="col">Règle</th><th scope="col">Catégorie</th><th scope="col">Seuils</th></tr></thead>
            <tbody>
              {v.regles.map((r) => (
                <tr key={r.code}>
                  <td><span className="reference">{r.code}</span><br />{r.libelle}</td>
                  <td>{r.libelleCategorie}</td>
                  <td>{r.seuils.length ? r.seuils.map((s) => `${s.libelle} : ${s.valeur}`).join(' ; ') : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ))}
    </>
  );
}

function NouvelleVersion({ plie, base, onEnregistree }: { plie: string; base: TVersion | null; onEnregistree: (message: string) => void }) {
  const [valideDu, setValideDu] = useState('');
  const [copil, setCopil] = useState('');
  const [retirees, setRetirees] = useState<string[]>([]);
  const [ajoutees, setAjoutees] = useState<RegleEditee[]>(base ? [] : [regleVide(plie)]);
  const reglesBase = base?.regles ?? [];
  const initiaux = useMemo(() => Object.fromEntries(reglesBase.flatMap((r) => r.seuils.map((s) => [cle(r.code, s.critere, s.champ), String(s.valeur)]))), [reglesBase]);
  const [valeurs, setValeurs] = useState<Record<string, string>>(initiaux);
  const [cas, setCas] = useState<Cas[]>(CAS_INITIAUX);
  const [apercu, setApercu] = useState<z.infer<typeof Apercu> | null>(null);
  const [erreur, setErreur] = useState<ApiError | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [envoi, setEnvoi] = useState(false);

  const seuils = reglesBase.filter((r) => !retirees.includes(r.code)).flatMap((r) => r.seuils
    .filter((s) => valeurs[cle(r.code, s.critere, s.champ)] !== String(s.valeur))
    .map((s) => ({ regle: r.code, critere: s.critere, champ: s.champ, valeur: Number((valeurs[cle(r.code, s.critere, s.champ)] ?? '').replace(',', '.')) })));
  const chemin = `/plies/${encodeURIComponent(plie)}/regles-sorties`;
  const changements = { ...(base ? { base: base.version } : {}), seuils, retirees, ajoutees: ajoutees.map(regleApi) };

  const previsualiser = async () => {
    setErreur(null);
    setMessage(null);
    try {
      const sorties = cas.filter((c) => c.date).map(versSortie);
      if (!sorties.length) {
        setMessage('Renseignez la date d’au moins un cas exemple.');
        return;
      }
      const { data } = await api(`${chemin}/apercu`, Apercu, { method: 'POST', auth: true, body: { sorties, ...(valideDu ? { brouillon: { valideDu, ...changements, decisionCopil: copil || undefined } } : {}) } });
      setApercu(data);
    } catch (e) {
      setErreur(enErreur(e));
    }
  };
  const enregistrer = async () => {
    setErreur(null);
    setMessage(null);
    setEnvoi(true);
    try {
      const { data } = await api(chemin, Version, { method: 'POST', auth: true, body: { valideDu, decisionCopil: copil, ...changements } });
      onEnregistree(`Version ${data.version} enregistrée : elle juge les sorties à compter du ${formatDate(data.valideDu)}.`);
    } catch (e) {
      setErreur(enErreur(e));
    } finally {
      setEnvoi(false);
    }
  };
  const majCas = (i: number, champ: keyof Cas, v: string) => setCas((l) => l.map((c, j) => (j === i ? { ...c, [champ]: v } : c)));

  return (
    <section aria-labelledby="titre-nouvelle-version">
      <h3 id="titre-nouvelle-version">{base ? 'Nouvelle version' : 'Première version'}</h3>
      <p>
        {base ? `À partir de la version ${base.version} : changez ses seuils, retirez des règles, ajoutez-en.` : 'Ce PLIE n’a encore aucune règle de sortie : saisissez celles que son comité de pilotage a décidées.'}
        {' '}Une nouvelle version s’applique après la dernière ; une seule version par date.
      </p>
      <div className="champ">
        <label htmlFor="regles-valide-du">Valable à compter du</label>
        <input id="regles-valide-du" type="date" value={valideDu} onChange={(e) => setValideDu(e.target.value)} required />
      </div>
      <div className="champ">
        <label htmlFor="regles-copil">Référence de la décision du COPIL</label>
        <input id="regles-copil" type="text" value={copil} onChange={(e) => setCopil(e.target.value)} maxLength={500} required />
      </div>
      {base && (
        <fieldset>
          <legend>Règles et seuils de la version {base.version}</legend>
          {reglesBase.map((r) => {
            const retiree = retirees.includes(r.code);
            return (
              <div key={r.code} className="champ">
                <p>
                  <span className="reference">{r.code}</span> — {r.libelle}{' '}
                  <label style={{ display: 'inline-block', marginLeft: '1rem' }}>
                    <input type="checkbox" checked={retiree} onChange={() => setRetirees((l) => (retiree ? l.filter((x) => x !== r.code) : [...l, r.code]))} aria-label={`Retirer la règle ${r.code}`} /> Retirer
                  </label>
                </p>
                {!retiree && r.seuils.map((s) => {
                  const k = cle(r.code, s.critere, s.champ);
                  return (
                    <label key={k} style={{ display: 'inline-block', marginRight: '1rem' }}>
                      {s.libelle}{' '}
                      <input aria-label={`${r.code} — ${s.libelle}`} type="number" min={0} step={s.entier ? 1 : 'any'} value={valeurs[k] ?? ''} onChange={(e) => setValeurs((x) => ({ ...x, [k]: e.target.value }))} style={{ width: '7rem' }} />
                    </label>
                  );
                })}
              </div>
            );
          })}
        </fieldset>
      )}
      {ajoutees.map((r, i) => (
        <EditeurRegle
          key={i}
          regle={r}
          numero={i + 1}
          onChange={(x) => setAjoutees((l) => l.map((y, j) => (j === i ? x : y)))}
          onRetirer={() => setAjoutees((l) => l.filter((_, j) => j !== i))}
        />
      ))}
      <button type="button" className="bouton bouton-secondaire" onClick={() => setAjoutees((l) => [...l, regleVide(plie)])}>Ajouter une règle</button>
      <fieldset>
        <legend>Cas exemples pour l’aperçu</legend>
        <table className="tableau">
          <thead><tr><th scope="col">Situation</th><th scope="col">Date de sortie</th><th scope="col">Début du contrat</th><th scope="col">Fin du contrat</th><th scope="col">Heures cumulées</th></tr></thead>
          <tbody>
            {cas.map((c, i) => (
              <tr key={i}>
                <td><select aria-label={`Situation du cas ${i + 1}`} value={c.situation} onChange={(e) => majCas(i, 'situation', e.target.value)}>{SITUATIONS.map(([v, l]) => <option key={v} value={v}>{l}</option>)}</select></td>
                <td><input aria-label={`Date de sortie du cas ${i + 1}`} type="date" value={c.date} onChange={(e) => majCas(i, 'date', e.target.value)} /></td>
                <td><input aria-label={`Début du contrat du cas ${i + 1}`} type="date" value={c.debut} onChange={(e) => majCas(i, 'debut', e.target.value)} /></td>
                <td><input aria-label={`Fin du contrat du cas ${i + 1}`} type="date" value={c.fin} onChange={(e) => majCas(i, 'fin', e.target.value)} /></td>
                <td><input aria-label={`Heures cumulées du cas ${i + 1}`} type="number" min={0} value={c.heures} onChange={(e) => majCas(i, 'heures', e.target.value)} style={{ width: '6rem' }} /></td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" className="bouton bouton-secondaire" onClick={() => setCas((l) => [...l, { ...CAS_INITIAUX[1]! }])}>Ajouter un cas</button>
      </fieldset>
      {erreur && <ErreurApi erreur={erreur} />}
      {message && <Alerte type="info"><p>{message}</p></Alerte>}
      {apercu && (
        <table className="tableau" aria-label="Aperçu">
          <thead><tr><th scope="col">Cas</th><th scope="col">Date</th><th scope="col">Version</th><th scope="col">Résultat</th><th scope="col">Motif</th></tr></thead>
          <tbody>
            {apercu.resultats.map((r) => (
              <tr key={r.cas}><td>{r.cas}</td><td>{formatDate(r.date)}</td><td>{r.version ?? '—'}</td><td>{r.libelle}</td><td>{r.motif}</td></tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="actions">
        <button type="button" className="bouton bouton-secondaire" onClick={() => void previsualiser()}>Aperçu</button>
        <button type="button" className="bouton" disabled={envoi || !valideDu || !copil.trim()} onClick={() => void enregistrer()}>Enregistrer</button>
      </div>
    </section>
  );
}

/** The section of the OI's PLIE page; `modifiable`: the caller is an administrator of the PLIE's OI. */
export function ReglesDeSortie({ plie, modifiable }: { plie: string; modifiable: boolean }) {
  const { data, erreur, chargement, recharger } = useApi(`/plies/${encodeURIComponent(plie)}/regles-sorties`, Regles, true);
  const [tour, setTour] = useState(0);
  const [enregistree, setEnregistree] = useState<string | null>(null);
  const base = data ? (data.versions.find((v) => v.version === data.enVigueur) ?? data.versions.at(-1) ?? null) : null;
  return (
    <section aria-labelledby="titre-regles-sortie">
      <h2 id="titre-regles-sortie">Règles de sortie</h2>
      {chargement && <Chargement texte="Chargement des règles de sortie…" />}
      {erreur && <ErreurApi erreur={erreur} onReessayer={recharger} />}
      {data && (
        <>
          <p>{data.message}</p>
          {enregistree && <Alerte type="succes"><p>{enregistree}</p></Alerte>}
          <Versions versions={data.versions} enVigueur={data.enVigueur} />
          {modifiable && (
            <NouvelleVersion
              key={`${base?.version ?? 'aucune'}-${tour}`}
              plie={plie}
              base={base}
              onEnregistree={(m) => { setEnregistree(m); setTour((t) => t + 1); recharger(); }}
            />
          )}
        </>
      )}
    </section>
  );
}
