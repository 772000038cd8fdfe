import { useRef, useState, type ChangeEvent } from 'react';
import { BadgePiece } from '../components/dossier-ui';
import { api, ApiError } from '../lib/api';
import { useAnnoncer } from '../lib/annonces';
import { formatTaille, ouvrirLien } from '../lib/fichiers';
import { formatInstant } from '../lib/format';
import { Telechargement, TYPES_CONTENU, Vide, type TLigneChecklist } from '../lib/schemas-dossier';
import { ProgressionEnvoi, useEnvoiPiece } from './use-envoi-piece';
import type { Pieces } from './use-pieces';
import { CoordonneesBancaires, TYPE_PIECE_RIB } from '#shared/schemas/piece';

export const formats = (l: TLigneChecklist) => l.typesAcceptes.map((t) => TYPES_CONTENU[t]).join(', ');

/** Opens the 5-minute presigned GET of a valid pièce's verified copy (a dossier's pièce or a bilan's evidence). */
export async function telechargerPiece(dossierId: string, pieceId: string) {
  const { data } = await api(`/dossiers/${encodeURIComponent(dossierId)}/pieces/${encodeURIComponent(pieceId)}/telechargement`, Telechargement, { auth: true });
  ouvrirLien(data.url);
}

/** One line of the checklist: what is expected, its state, and upload / download / delete when allowed. */
export function LignePiece({ ligne, dossierId, pieces, envoiPermis, suppressionPermise }: {
  ligne: TLigneChecklist;
  dossierId: string;
  pieces: Pieces;
  envoiPermis: boolean;
  suppressionPermise: boolean;
}) {
  const annoncer = useAnnoncer();
  const { phase, progression, erreur, occupe, echec, envoyer } = useEnvoiPiece(ligne.libelle);
  const [confirmer, setConfirmer] = useState(false);
  const estRib = ligne.code === TYPE_PIECE_RIB;
  const [banque, setBanque] = useState({ titulaire: '', iban: '', bic: '' });
  const [erreursBanque, setErreursBanque] = useState<Partial<Record<'titulaire' | 'iban' | 'bic', string>>>({});
  const input = useRef<HTMLInputElement>(null);
  const id = `piece-${ligne.code}`;
  const base = `/dossiers/${encodeURIComponent(dossierId)}/pieces`;
  const p = ligne.piece;

  const choisir = async (e: ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0];
    e.target.value = '';
    if (!f) return;
    // A RIB declares the account it shows: checked here as the server will, so that a typo is fixed before the upload.
    let coordonnees: CoordonneesBancaires | undefined;
    if (estRib && (banque.titulaire || banque.iban || banque.bic)) {
      const lu = CoordonneesBancaires.safeParse(banque);
      if (!lu.success) {
        setErreursBanque(Object.fromEntries(lu.error.issues.map((i) => [String(i.path[0]), i.message])));
        return echec('Corrigez les coordonnées bancaires du RIB avant de l’envoyer.');
      }
      setErreursBanque({});
      coordonnees = lu.data;
    }
    const verdict = await envoyer(f, {
      url: base,
      tailleMaxOctets: ligne.tailleMaxOctets,
      typesAcceptes: ligne.typesAcceptes,
      corps: { typePiece: ligne.code, ...(coordonnees ? { coordonnees } : {}) },
      attendreVerdict: pieces.attendreVerdict,
    });
    if (!verdict) void pieces.recharger();
  };

  const telecharger = async () => {
    if (!p) return;
    try {
      await telechargerPiece(dossierId, p.id);
    } catch (err) {
      echec(err instanceof ApiError ? err.message : 'Téléchargement impossible.');
    }
  };

  const supprimer = async () => {
    if (!p) return;
    setConfirmer(false);
    try {
      await api(`${base}/${encodeURIComponent(p.id)}`, Vide, { method: 'DELETE', auth: true });
      annoncer(`${ligne.libelle} : pièce retirée.`);
      await pieces.recharger();
      input.current?.focus();
    } catch (err) {
      echec(err instanceof ApiError ? err.message : 'Suppression impossible.');
    }
  };

  return (
    <li className={`ligne-piece${ligne.demandeEnComplement ? ' ligne-piece-complement' : ''}`} id={id} data-code={ligne.code} aria-labelledby={`${id}-titre`}>
      <div className="ligne-piece-tete">
        <h4 id={`${id}-titre`}>{ligne.libelle}</h4>
        <div className="ligne-piece-badges">
          {ligne.demandeEnComplement && <span className="badge badge-attention">Demandée en complément</span>}
          <span className={`badge ${ligne.obligatoire ? 'badge-obligatoire' : 'badge-clos'}`}>{ligne.obligatoire ? 'Obligatoire' : 'Facultative'}</span>
          {/* While a replacement is on its way, the previous file's « vérifiée » no longer holds. */}
          <BadgePiece etat={phase !== 'repos' ? 'en_verification' : ligne.etat} />
        </div>
      </div>
      <p className="discret" id={`${id}-formats`}>
        Formats acceptés : {formats(ligne)} · {formatTaille(ligne.tailleMaxOctets)} au plus
      </p>
      {p && !occupe && (
        <p className="piece-fichier">
          {p.nomFichier} ({formatTaille(p.taille)}) — envoyé le {formatInstant(p.creeLe)}
          {ligne.etat === 'rejetee' && <span className="piece-motif"> — rejetée : {p.motifRejet ?? 'motif non précisé'}</span>}
        </p>
      )}
      <ProgressionEnvoi id={id} phase={phase} progression={progression} />
      {p?.coordonnees && !occupe && (
        <p className="discret" data-testid="coordonnees-rib">
          Compte déclaré : {p.coordonnees.titulaire} — IBAN {p.coordonnees.iban.replace(/(.{4})/g, '$1 ').trim()} — BIC {p.coordonnees.bic}
        </p>
      )}
      {estRib && envoiPermis && (
        <fieldset className="coordonnees-rib" disabled={occupe}>
          <legend>Coordonnées du compte (les paiements FSE sont virés sur ce compte)</legend>
          {(['titulaire', 'iban', 'bic'] as const).map((c) => (
            <div className="champ" key={c}>
              <label htmlFor={`${id}-${c}`}>{c === 'titulaire' ? 'Titulaire du compte' : c.toUpperCase()}</label>
              <input
                id={`${id}-${c}`}
                value={banque[c]}
                autoComplete="off"
                spellCheck={false}
                aria-invalid={erreursBanque[c] ? true : undefined}
                aria-describedby={erreursBanque[c] ? `${id}-${c}-erreur` : undefined}
                onChange={(e) => setBanque({ ...banque, [c]: e.target.value })}
              />
              {erreursBanque[c] && <p className="message-erreur" id={`${id}-${c}-erreur`}>{erreursBanque[c]}</p>}
            </div>
          ))}
          <p className="aide">Saisissez-les avant de choisir le fichier du RIB : ils sont envoyés avec lui.</p>
        </fieldset>
      )}
      {erreur && <p className="message-erreur" id={`${id}-erreur`}>{erreur}</p>}
      <div className="actions">
        {envoiPermis && (
          <span className="choix-fichier">
            <input
              ref={input}
              id={`${id}-fichier`}
              type="file"
              className="sr-only"
              accept={ligne.typesAcceptes.join(',')}
              disabled={occupe}
              aria-describedby={`${id}-formats${erreur ? ` ${id}-erreur` : ''}`}
              onChange={(e) => void choisir(e)}
            />
            <label htmlFor={`${id}-fichier`} className={`bouton bouton-secondaire bouton-petit${occupe ? ' desactive' : ''}`}>
              {p ? 'Remplacer le fichier' : 'Choisir un fichier'}
              <span className="sr-only"> : {ligne.libelle}</span>
            </label>
          </span>
        )}
        {p && ligne.etat === 'valide' && !occupe && (
          <button type="button" className="bouton bouton-lien bouton-petit" onClick={() => void telecharger()}>
            Télécharger<span className="sr-only"> {p.nomFichier}</span>
          </button>
        )}
        {p && suppressionPermise && !occupe && !confirmer && (
          <button type="button" className="bouton bouton-supprimer bouton-petit" onClick={() => setConfirmer(true)}>
            Supprimer<span className="sr-only"> {p.nomFichier}</span>
          </button>
        )}
        {confirmer && (
          <span className="confirmation" role="group" aria-label="Confirmer la suppression">
            <button type="button" className="bouton bouton-danger bouton-petit" onClick={() => void supprimer()}>Confirmer la suppression</button>
            <button type="button" className="bouton bouton-secondaire bouton-petit" onClick={() => setConfirmer(false)}>Annuler</button>
          </span>
        )}
      </div>
    </li>
  );
}
