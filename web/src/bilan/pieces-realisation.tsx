/**
 * « Pièces de réalisation » of a bilan (shared/domain/bilan/realisation.ts): the fiche's lines, GP1's parcours stages
 * and the publicity points, each with its upload (SHA-256, presigned POST with progress, verdict — as the dossier's
 * pièces, web/src/dossier/ligne-piece.tsx) while the bilan is a draft, read-only with download links otherwise.
 */
import { useId, useState, type ChangeEvent } from 'react';
import { POINTS_PUBLICITE, type DemandeBilan } from '#shared/schemas/bilan';
import { TYPES_CONTENU, type TypeContenu } from '#shared/schemas/piece';
import { BadgePiece } from '../components/dossier-ui';
import { Alerte } from '../components/ui';
import { api, ApiError } from '../lib/api';
import { formatTaille } from '../lib/fichiers';
import { formatInstant } from '../lib/format';
import { type TPiece } from '../lib/schemas-dossier';
import { telechargerPiece } from '../dossier/ligne-piece';
import { ProgressionEnvoi, useEnvoiPiece } from '../dossier/use-envoi-piece';
import { ReponseBilans, type Echeance, type PiecesRealisationLues } from './commun';

type Ligne = PiecesRealisationLues['lignes'][number];
type Publicite = DemandeBilan['publicite'];

const FORMATS = Object.keys(TYPES_CONTENU) as TypeContenu[];
const TAILLE_MAX = 20 * 1024 * 1024;
const INTERVALLE_MS = 700;
const ATTENTE_MAX_MS = 120_000;

/** Polls the bilans until the pièce leaves `en_verification` (its verification runs on the storage event). */
async function attendreVerdict(dossierId: string, numero: number, pieceId: string): Promise<TPiece | null> {
  const fin = Date.now() + ATTENTE_MAX_MS;
  while (Date.now() < fin) {
    const { data } = await api(`/dossiers/${encodeURIComponent(dossierId)}/bilans`, ReponseBilans, { auth: true });
    const p = data.echeances.find((e) => e.numero === numero)?.piecesRealisation?.pieces.find((x) => x.id === pieceId);
    if (p && p.etat !== 'en_verification') return p;
    await new Promise((ok) => window.setTimeout(ok, INTERVALLE_MS));
  }
  return null;
}

/** Choose a file → announced with the bilan's scope → posted → verified; `onFait` with the pièce once judged. */
export function EnvoiFichier({ dossierId, numero, code, libelle, alternative, dejaEnvoye, onFait }: {
  dossierId: string; numero: number; code: string; libelle: string; alternative?: number; dejaEnvoye: boolean; onFait: (p: TPiece) => void;
}) {
  const id = useId();
  const { phase, progression, erreur, occupe, envoyer } = useEnvoiPiece(libelle);
  const choisir = async (e: ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0];
    e.target.value = '';
    if (!f) return;
    const verdict = await envoyer(f, {
      url: `/dossiers/${encodeURIComponent(dossierId)}/pieces`,
      tailleMaxOctets: TAILLE_MAX,
      typesAcceptes: FORMATS,
      corps: { typePiece: code, bilan: { numero, ...(alternative === undefined ? {} : { alternative }) } },
      attendreVerdict: (pieceId) => attendreVerdict(dossierId, numero, pieceId),
    });
    if (verdict) onFait(verdict);
  };
  return (
    <>
      <ProgressionEnvoi id={id} phase={phase} progression={progression} />
      {erreur && <p className="message-erreur" id={`${id}-erreur`}>{erreur}</p>}
      <span className="choix-fichier">
        <input id={`${id}-fichier`} type="file" className="sr-only" accept={FORMATS.join(',')} disabled={occupe} aria-describedby={erreur ? `${id}-erreur` : undefined} onChange={(e) => void choisir(e)} />
        <label htmlFor={`${id}-fichier`} className={`bouton bouton-secondaire bouton-petit${occupe ? ' desactive' : ''}`}>
          {dejaEnvoye ? 'Remplacer le fichier' : 'Choisir un fichier'}<span className="sr-only"> : {libelle}</span>
        </label>
      </span>
    </>
  );
}

export function FichierEnvoye({ dossierId, piece, etat }: { dossierId: string; piece: TPiece; etat: string }) {
  const [erreur, setErreur] = useState<string | null>(null);
  return (
    <p className="piece-fichier">
      {piece.nomFichier} ({formatTaille(piece.taille)}) — envoyé le {formatInstant(piece.creeLe)}
      {etat === 'rejetee' && <span className="piece-motif"> — rejetée : {piece.motifRejet ?? 'motif non précisé'}</span>}
      {etat === 'valide' && (
        <>
          {' '}
          <button type="button" className="bouton bouton-lien bouton-petit" onClick={() => void telechargerPiece(dossierId, piece.id).catch((e) => setErreur(e instanceof ApiError ? e.message : 'Téléchargement impossible.'))}>
            Télécharger<span className="sr-only"> {piece.nomFichier}</span>
          </button>
        </>
      )}
      {erreur && <span className="message-erreur"> {erreur}</span>}
    </p>
  );
}

/** One line (a fiche's pièce or a stage): its state, the accepted pièce chosen where there are several, its file. */
function LigneRealisation({ l, dossierId, numero, modifiable, onFait }: { l: Ligne; dossierId: string; numero: number; modifiable: boolean; onFait: () => void }) {
  const id = `realisation-${numero}-${l.code}`;
  const choixInitial = l.piece?.bilan?.alternative ?? 0;
  const [choix, setChoix] = useState<number>(choixInitial);
  return (
    <li className="ligne-piece" id={id} data-code={l.code} aria-labelledby={`${id}-titre`}>
      <div className="ligne-piece-tete">
        <h4 id={`${id}-titre`}>{l.libelle}</h4>
        <div className="ligne-piece-badges">
          <span className={`badge ${l.requise ? 'badge-obligatoire' : 'badge-clos'}`}>{l.requise ? 'Requise' : 'Facultative'}</span>
          <BadgePiece etat={l.etat} />
        </div>
      </div>
      {l.alternatives.length > 0 && (
        modifiable ? (
          <div className="champ">
            <label htmlFor={`${id}-choix`}>Pièce jointe (une des pièces suivantes)</label>
            <select id={`${id}-choix`} value={choix} onChange={(e) => setChoix(Number(e.target.value))}>
              {l.alternatives.map((a, i) => <option key={a} value={i}>{a}</option>)}
            </select>
          </div>
        ) : (
          <p className="discret">Une des pièces suivantes : {l.alternatives.join(' ; ')}.</p>
        )
      )}
      {l.piece && <FichierEnvoye dossierId={dossierId} piece={l.piece} etat={l.etat} />}
      {l.pieceAcceptee && <p className="discret">Pièce jointe : {l.pieceAcceptee}</p>}
      {modifiable && (
        <div className="actions">
          <EnvoiFichier dossierId={dossierId} numero={numero} code={l.code} libelle={l.libelle} alternative={l.alternatives.length ? choix : undefined} dejaEnvoye={!!l.piece} onFait={onFait} />
        </div>
      )}
    </li>
  );
}

/**
 * The section: `modifiable` for the porteur's draft (the stages ticked and the publicity points belong to the draft's
 * form, saved with it); the gestionnaire reads the same lines with their download links.
 */
export function PiecesRealisation({ dossierId, e, modifiable, etapes, onEtapes, publicite, onPublicite, recharger }: {
  dossierId: string;
  e: Echeance;
  modifiable: boolean;
  etapes: string[];
  onEtapes?: (etapes: string[]) => void;
  publicite: Publicite;
  /** Applied to the draft's current points (an upload's verdict comes back after other edits). */
  onPublicite?: (maj: (p: Publicite) => Publicite) => void;
  recharger: () => unknown;
}) {
  const r = e.piecesRealisation;
  const titre = <h4 id={`realisation-${e.numero}-titre`}>Pièces de réalisation</h4>;
  if (!r) {
    return (
      <section className="pieces-realisation" aria-labelledby={`realisation-${e.numero}-titre`}>
        {titre}
        <p className="discret">Enregistrez d’abord le brouillon du bilan : les pièces de réalisation s’y rattachent.</p>
      </section>
    );
  }
  const lignes = r.lignes.filter((l) => l.origine === 'fiche' && !l.parEtapes);
  const parEtapes = r.lignes.find((l) => l.parEtapes) ?? null;
  const etapesLues = r.lignes.filter((l) => l.origine === 'etape');
  const classes = [...new Set(etapesLues.map((l) => l.classe ?? ''))];
  const fait = () => void recharger();
  const pointDe = (liste: Publicite, cle: keyof typeof POINTS_PUBLICITE) => liste.find((p) => p.point === cle) ?? { point: cle, respecte: false, pieceIds: [] };
  const point = (cle: keyof typeof POINTS_PUBLICITE) => pointDe(publicite, cle);
  const majPoint = (cle: keyof typeof POINTS_PUBLICITE, p: (avant: Publicite[number]) => Partial<Publicite[number]>) =>
    onPublicite?.((liste) => [...liste.filter((x) => x.point !== cle), { ...pointDe(liste, cle), ...p(pointDe(liste, cle)) }]);
  return (
    <section className="pieces-realisation" aria-labelledby={`realisation-${e.numero}-titre`}>
      {titre}
      <p className="aide">Les pièces que la fiche attend pour justifier de la réalisation de l’opération. Le bilan final ne se dépose qu’avec chacune d’elles vérifiée.</p>
      {r.manquantes.length > 0 && (
        <Alerte type="avertissement" titre="Pièces de réalisation encore attendues">
          {e.nature === 'final' && <p>Le bilan final ne peut pas être déposé tant qu’elles manquent.</p>}
          <ul className="liste" data-testid="realisation-manquantes">{r.manquantes.map((m) => <li key={m.chemin}>{m.message}</li>)}</ul>
        </Alerte>
      )}
      <ul className="liste-pieces">
        {lignes.map((l) => <LigneRealisation key={l.code} l={l} dossierId={dossierId} numero={e.numero} modifiable={modifiable} onFait={fait} />)}
      </ul>
      {parEtapes && (
        <fieldset className="groupe-liste">
          <legend>{parEtapes.libelle}</legend>
          <p className="aide">Cochez les étapes de parcours mobilisées ; chacune se justifie par une des pièces acceptées.{modifiable ? ' Enregistrez le brouillon après avoir coché.' : ''}</p>
          {classes.map((c) => (
            <div key={c} role="group" aria-label={`Classe ${c}`}>
              <h5>{c}</h5>
              <ul className="liste-pieces">
                {etapesLues.filter((l) => (l.classe ?? '') === c).map((l) => {
                  const coche = etapes.includes(l.code);
                  return (
                    <li key={l.code} className="etape-parcours">
                      <div className="champ champ-case">
                        <input id={`etape-${e.numero}-${l.code}`} type="checkbox" checked={coche} disabled={!modifiable}
                          onChange={(x) => onEtapes?.(x.target.checked ? [...etapes, l.code] : etapes.filter((y) => y !== l.code))} />
                        <label htmlFor={`etape-${e.numero}-${l.code}`}>{l.libelle} <span className="discret">({l.alternatives.join(', ')})</span></label>
                      </div>
                      {(coche || l.piece) && <ul className="liste-pieces"><LigneRealisation l={{ ...l, requise: coche }} dossierId={dossierId} numero={e.numero} modifiable={modifiable} onFait={fait} /></ul>}
                    </li>
                  );
                })}
              </ul>
            </div>
          ))}
        </fieldset>
      )}
      <fieldset className="groupe-liste">
        <legend>Obligations de publicité</legend>
        {modifiable && <p className="aide">Cochez chaque obligation respectée et joignez la pièce qui le montre (photo, capture d’écran…), puis enregistrez le brouillon.</p>}
        <ul className="liste-pieces">
          {(Object.keys(POINTS_PUBLICITE) as Array<keyof typeof POINTS_PUBLICITE>).map((cle) => {
            const p = point(cle);
            const jointes = r.pieces.filter((x) => p.pieceIds.includes(x.id));
            return (
              <li key={cle} className="ligne-piece" data-point={cle}>
                <div className="champ champ-case">
                  <input id={`publicite-${e.numero}-${cle}`} type="checkbox" checked={p.respecte} disabled={!modifiable} onChange={(x) => { const respecte = x.target.checked; majPoint(cle, () => ({ respecte })); }} />
                  <label htmlFor={`publicite-${e.numero}-${cle}`}>{POINTS_PUBLICITE[cle]}</label>
                </div>
                {jointes.map((x) => <FichierEnvoye key={x.id} dossierId={dossierId} piece={x} etat={x.etat} />)}
                {!modifiable && jointes.length === 0 && <p className="discret">Aucune pièce jointe.</p>}
                {modifiable && (
                  <div className="actions">
                    <EnvoiFichier dossierId={dossierId} numero={e.numero} code="PUBLICITE" libelle={POINTS_PUBLICITE[cle]} dejaEnvoye={false}
                      onFait={(x) => { if (x.etat === 'valide') majPoint(cle, (avant) => ({ pieceIds: [...avant.pieceIds, x.id] })); fait(); }} />
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      </fieldset>
    </section>
  );
}
