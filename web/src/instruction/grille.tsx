import { useRef, useState, type FormEvent, type MouseEvent } from 'react';
import { api, enErreur } from '../lib/api';
import { useAnnoncer } from '../lib/annonces';
import { centimesVersSaisie, formatMontant, saisieVersCentimes } from '../lib/format';
import { AlerteRefus, cheminServeur } from '../comite/commun';
import { ECHELLE_NOTES, LIBELLES_AVIS } from '../comite/libelles';
import { AVIS, ReponseInstruction, type TCritere, type TDossier, type TInstruction } from '../comite/schemas';
import type { ApiError } from '../lib/api';
import { ChampEuros } from './champ-euros';

const JUSTIFICATION_MIN = 10;
type Avis = (typeof AVIS)[number];
interface Saisie {
  notes: Record<string, { note: number | null; justification: string }>;
  avis: Avis | '';
  montant: string;
  commentaire: string;
}

/** Field ids, shared by the inputs, the error summary links and the server's detail paths. */
const ids = {
  note: (c: string) => `grille-${c}-note`,
  justification: (c: string) => `grille-${c}-justification`,
  avis: 'grille-avis',
  montant: 'grille-montant',
  commentaire: 'grille-commentaire',
};

function initiale(grille: TCritere[], derniere: TInstruction | null, fseDemande: number): Saisie {
  const notes: Saisie['notes'] = {};
  for (const c of grille) {
    const n = derniere?.notes.find((x) => x.critere === c.id);
    notes[c.id] = { note: n?.note ?? null, justification: n?.justification ?? '' };
  }
  return {
    notes,
    avis: derniere?.avis ?? '',
    montant: centimesVersSaisie(derniere?.montantFsePropose ?? fseDemande),
    commentaire: derniere?.commentaire ?? '',
  };
}

/** Average computed as the server does (sum × 100 / n on integers, truncated): « 3,85 ». */
function moyenne(notes: number[]): string | null {
  if (notes.length === 0) return null;
  const c = Math.floor((notes.reduce((s, n) => s + n, 0) * 100) / notes.length);
  return `${Math.floor(c / 100)},${String(c % 100).padStart(2, '0')}`;
}

function valider(grille: TCritere[], s: Saisie, fseDemande: number): { erreurs: Record<string, string>; centimes: number | null } {
  const erreurs: Record<string, string> = {};
  for (const c of grille) {
    const n = s.notes[c.id]!;
    if (n.note === null) erreurs[ids.note(c.id)] = 'Choisissez une note de 1 à 5.';
    if (n.justification.trim().length < JUSTIFICATION_MIN) erreurs[ids.justification(c.id)] = `Justifiez la note (${JUSTIFICATION_MIN} caractères au moins).`;
  }
  if (!s.avis) erreurs[ids.avis] = 'Choisissez un avis.';
  const centimes = saisieVersCentimes(s.montant);
  if (centimes === null) erreurs[ids.montant] = 'Montant illisible : écrivez par exemple 8 560,00.';
  else if (centimes > fseDemande) erreurs[ids.montant] = `Au plus ${formatMontant(fseDemande)}, le FSE sollicité.`;
  return { erreurs, centimes };
}

/** Where a server detail belongs: `notes.3.justification` → the justification of the 4th criterion. */
function champServeur(chemin: string, grille: TCritere[]): string | null {
  const c = cheminServeur(chemin);
  const m = /^notes\.(\d+)\.(note|justification|critere)$/.exec(c);
  if (m) {
    const critere = grille[Number(m[1])];
    if (critere) return m[2] === 'justification' ? ids.justification(critere.id) : ids.note(critere.id);
  }
  if (c === 'avis') return ids.avis;
  if (c === 'montantFsePropose') return ids.montant;
  if (c === 'commentaire') return ids.commentaire;
  return null;
}

function aller(e: MouseEvent<HTMLAnchorElement>, id: string) {
  const el = document.getElementById(id);
  if (!el) return;
  e.preventDefault();
  el.scrollIntoView({ block: 'center' });
  (el.matches('input, textarea, select') ? el : (el.querySelector<HTMLElement>('input') ?? el)).focus();
}

/**
 * The grille d'instruction: each criterion scored 1–5 with its justification, the avis and the FSE proposed (typed in
 * euros, sent in exact cents), then `PUT /instruction` with If-Match. Rescoring an instruit dossier makes a new version.
 */
export function FormulaireGrille(props: {
  dossier: TDossier;
  grille: TCritere[];
  derniere: TInstruction | null;
  fseDemandeCentimes: number;
  onInstruit: (d: TDossier, i: TInstruction) => void;
  onRecharger: () => void;
}) {
  const { dossier, grille } = props;
  const annoncer = useAnnoncer();
  const [s, setS] = useState<Saisie>(() => initiale(grille, props.derniere, props.fseDemandeCentimes));
  const [erreurs, setErreurs] = useState<Record<string, string>>({});
  const [refus, setRefus] = useState<ApiError | null>(null);
  const [envoi, setEnvoi] = useState(false);
  const [tour, setTour] = useState(0);
  const resume = useRef<HTMLDivElement>(null);

  /** A field corrected since the last submission loses its error (the summary shrinks); none is added while typing. */
  const corrige = (id: string) => setErreurs((e) => (id in e ? Object.fromEntries(Object.entries(e).filter(([k]) => k !== id)) : e));
  const noter = (c: string, p: Partial<Saisie['notes'][string]>) => {
    setS((x) => ({ ...x, notes: { ...x.notes, [c]: { ...x.notes[c]!, ...p } } }));
    if (p.note !== undefined) corrige(ids.note(c));
    if (p.justification !== undefined && p.justification.trim().length >= JUSTIFICATION_MIN) corrige(ids.justification(c));
  };
  const notees = grille.map((c) => s.notes[c.id]?.note).filter((n): n is number => typeof n === 'number');
  const moy = moyenne(notees);
  const libelles: Record<string, string> = { [ids.avis]: 'Avis', [ids.montant]: 'FSE proposé', [ids.commentaire]: 'Commentaire' };

  const echouer = (e: Record<string, string>) => {
    setErreurs(e);
    setTour((t) => t + 1);
    window.setTimeout(() => resume.current?.focus(), 0);
  };

  const soumettre = async (e: FormEvent) => {
    e.preventDefault();
    setRefus(null);
    const v = valider(grille, s, props.fseDemandeCentimes);
    if (Object.keys(v.erreurs).length > 0 || v.centimes === null) {
      annoncer(`Le formulaire comporte ${Object.keys(v.erreurs).length} erreur(s).`);
      echouer(v.erreurs);
      return;
    }
    setErreurs({});
    setEnvoi(true);
    annoncer('Enregistrement de l’instruction…');
    try {
      const corps = {
        notes: grille.map((c) => ({ critere: c.id, note: s.notes[c.id]!.note!, justification: s.notes[c.id]!.justification.trim() })),
        avis: s.avis,
        montantFsePropose: v.centimes,
        commentaire: s.commentaire.trim(),
      };
      const { data } = await api(`/dossiers/${encodeURIComponent(dossier.id)}/instruction`, ReponseInstruction, {
        method: 'PUT',
        auth: true,
        body: corps,
        headers: { 'If-Match': `"${dossier.version}"` },
      });
      annoncer(`Instruction enregistrée, version ${data.instruction.version}.`);
      props.onInstruit(data.dossier, data.instruction);
    } catch (err) {
      const x = enErreur(err);
      const champs: Record<string, string> = {};
      for (const d of x.details) {
        const id = champServeur(d.chemin, grille);
        if (id) champs[id] = d.message;
      }
      setRefus(x);
      annoncer(`L’instruction n’a pas été enregistrée : ${x.message}`);
      if (Object.keys(champs).length) echouer(champs);
    } finally {
      setEnvoi(false);
    }
  };

  /** One line per criterion (its note and its justification together), then the other fields. */
  const entrees: [string, string, string][] = [];
  grille.forEach((c, i) => {
    const messages = [erreurs[ids.note(c.id)], erreurs[ids.justification(c.id)]].filter(Boolean);
    if (messages.length) entrees.push([erreurs[ids.note(c.id)] ? ids.note(c.id) : ids.justification(c.id), `Critère ${i + 1}`, messages.join(' ')]);
  });
  for (const id of [ids.avis, ids.montant, ids.commentaire]) if (erreurs[id]) entrees.push([id, libelles[id] ?? 'Champ', erreurs[id]!]);
  const nbErreurs = Object.keys(erreurs).length;
  const attributs = (id: string, aide?: string) => ({
    id,
    'aria-invalid': erreurs[id] ? true : undefined,
    'aria-describedby': [aide, erreurs[id] ? `${id}-erreur` : ''].filter(Boolean).join(' ') || undefined,
  });
  const messageErreur = (id: string) => (erreurs[id] ? <p id={`${id}-erreur`} className="message-erreur">{erreurs[id]}</p> : null);

  return (
    <form className="carte formulaire-grille" aria-labelledby="grille-titre" onSubmit={(e) => void soumettre(e)} noValidate>
      <h2 id="grille-titre">{props.derniere ? `Grille d’instruction — nouvelle version (actuelle : v${props.derniere.version})` : 'Grille d’instruction'}</h2>
      <p className="chapo">
        Notez chaque critère de 1 (insuffisant) à 5 (très bon) et justifiez chaque note : la grille et l’avis figurent au
        rapport d’instruction lu par le comité. Les notes ne sont jamais montrées au porteur.
      </p>
      {refus && <AlerteRefus key={`${refus.code}-${tour}`} erreur={refus} onRecharger={props.onRecharger} />}
      {entrees.length > 0 && (
        <div className="alerte alerte-erreur resume-erreurs" role="alert" tabIndex={-1} ref={resume} aria-labelledby="grille-erreurs-titre">
          <p className="alerte-titre" id="grille-erreurs-titre">
            {nbErreurs > 1 ? `La grille comporte ${nbErreurs} erreurs` : 'La grille comporte une erreur'}
          </p>
          <ul>
            {entrees.map(([id, libelle, message]) => (
              <li key={id}>
                <a href={`#${id}`} onClick={(e) => aller(e, id)}>{libelle} : {message}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <p className="progression-grille" aria-live="off">
        <strong>{notees.length}</strong> critère{notees.length > 1 ? 's' : ''} noté{notees.length > 1 ? 's' : ''} sur {grille.length}
        {moy && <> · moyenne provisoire <strong>{moy} / 5</strong></>}
      </p>
      <ol className="criteres">
        {grille.map((c, i) => {
          const n = s.notes[c.id]!;
          const idNote = ids.note(c.id);
          const idJ = ids.justification(c.id);
          return (
            <li key={c.id} className={`critere${erreurs[idNote] || erreurs[idJ] ? ' critere-erreur' : ''}`} data-critere={c.id}>
              <fieldset className="critere-notes" id={idNote} aria-describedby={erreurs[idNote] ? `${idNote}-erreur` : undefined}>
                <legend>
                  <span className="critere-numero">Critère {i + 1} · {c.origine === 'fiche' ? 'fiche opération' : 'critère commun'}</span>
                  <span className="critere-libelle">{c.libelle}</span>
                </legend>
                <div className="echelle-notes">
                  {ECHELLE_NOTES.map((e) => (
                    <span key={e.note} className="choix-note">
                      <input
                        type="radio"
                        id={`${idNote}-${e.note}`}
                        name={idNote}
                        value={e.note}
                        checked={n.note === e.note}
                        onChange={() => noter(c.id, { note: e.note })}
                      />
                      <label htmlFor={`${idNote}-${e.note}`}>
                        <span className="choix-note-valeur">{e.note}</span>
                        <span className="choix-note-libelle">{e.libelle}</span>
                      </label>
                    </span>
                  ))}
                </div>
                <p className="echelle-legende" aria-hidden="true">
                  <span>1 = insuffisant</span>
                  <span>5 = très bon</span>
                </p>
                {messageErreur(idNote)}
              </fieldset>
              <div className={`champ${erreurs[idJ] ? ' champ-erreur' : ''}`}>
                <label htmlFor={idJ}>
                  Justification<span className="sr-only"> du critère {i + 1}</span>
                </label>
                <textarea {...attributs(idJ)} rows={2} required value={n.justification} onChange={(e) => noter(c.id, { justification: e.target.value })} />
                {messageErreur(idJ)}
              </div>
            </li>
          );
        })}
      </ol>
      <fieldset className="groupe-avis" id={ids.avis} aria-describedby={erreurs[ids.avis] ? `${ids.avis}-erreur` : undefined}>
        <legend>Avis de l’instructeur</legend>
        <div className="choix-avis">
          {(['favorable', 'reserve', 'defavorable'] as const).map((a) => (
            <span key={a} className={`choix-avis-${a}`}>
              <input type="radio" id={`${ids.avis}-${a}`} name="avis" value={a} checked={s.avis === a} onChange={() => (setS({ ...s, avis: a }), corrige(ids.avis))} />
              <label htmlFor={`${ids.avis}-${a}`}>{LIBELLES_AVIS[a]}</label>
            </span>
          ))}
        </div>
        {messageErreur(ids.avis)}
      </fieldset>
      <ChampEuros
        id={ids.montant}
        label="FSE proposé"
        aide={`Montant FSE sollicité par le porteur : ${formatMontant(props.fseDemandeCentimes)}.`}
        value={s.montant}
        onChange={(v) => {
          setS({ ...s, montant: v });
          const c = saisieVersCentimes(v);
          if (c !== null && c <= props.fseDemandeCentimes) corrige(ids.montant);
        }}
        erreur={erreurs[ids.montant]}
      />
      <div className="champ">
        <label htmlFor={ids.commentaire}>
          Commentaire de l’instructeur <span className="facultatif">(facultatif)</span>
        </label>
        <textarea {...attributs(ids.commentaire)} rows={3} value={s.commentaire} onChange={(e) => setS({ ...s, commentaire: e.target.value })} />
        {messageErreur(ids.commentaire)}
      </div>
      <div className="actions">
        <button type="submit" className="bouton" disabled={envoi}>
          {envoi ? 'Enregistrement…' : props.derniere ? 'Enregistrer une nouvelle version' : 'Enregistrer l’instruction'}
        </button>
      </div>
    </form>
  );
}
