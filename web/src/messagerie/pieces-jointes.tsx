import { useState } from 'react';
import { api, ApiError, enErreur } from '../lib/api';
import { empreinteSha256, envoyerPresigne, formatTaille, ouvrirLien } from '../lib/fichiers';
import { Telechargement, TYPES_CONTENU } from '../lib/schemas-dossier';
import { ReponsePieceJointe, TAILLE_PIECE_JOINTE_MAX, type TVuePieceJointe } from './schemas';
import type { UseMessagerie } from './use-messagerie';
import { typeDe } from '../dossier/use-envoi-piece';

export const FORMATS = Object.values(TYPES_CONTENU).join(', ');

/** An attachment being prepared: uploaded, then verified on the server like a pièce. */
export interface Jointe {
  cle: string;
  id: string | null;
  nomFichier: string;
  taille: number;
  etat: 'envoi' | TVuePieceJointe['etat'] | 'erreur';
  motif: string | null;
}

const ATTENTE_MAX_MS = 60_000;

/** Uploads `f` as an attachment and follows its verification; `maj` receives each new state. */
export async function joindre(m: UseMessagerie, f: File, maj: (j: Jointe) => void): Promise<void> {
  const j: Jointe = { cle: `${f.name}-${Date.now()}-${Math.random()}`, id: null, nomFichier: f.name, taille: f.size, etat: 'envoi', motif: null };
  maj(j);
  const type = typeDe(f);
  if (f.size === 0) return maj({ ...j, etat: 'erreur', motif: 'Ce fichier est vide.' });
  if (f.size > TAILLE_PIECE_JOINTE_MAX) return maj({ ...j, etat: 'erreur', motif: `Le fichier fait ${formatTaille(f.size)} : ${formatTaille(TAILLE_PIECE_JOINTE_MAX)} au plus.` });
  if (!(type in TYPES_CONTENU)) return maj({ ...j, etat: 'erreur', motif: `Format non accepté (formats acceptés : ${FORMATS}).` });
  try {
    const sha256 = await empreinteSha256(f);
    const { data } = await api(`${m.base}/pieces-jointes`, ReponsePieceJointe, { method: 'POST', auth: true, body: { nomFichier: f.name, taille: f.size, typeContenu: type, sha256 } });
    await envoyerPresigne(data.upload.url, data.upload.fields, f, () => undefined);
    const id = data.pieceJointe.id;
    maj({ ...j, id, etat: 'en_verification' });
    const fin = Date.now() + ATTENTE_MAX_MS;
    while (Date.now() < fin) {
      const pj = (await m.recharger())?.brouillonsPiecesJointes.find((p) => p.id === id);
      if (pj && pj.etat !== 'en_verification') return maj({ ...j, id, etat: pj.etat, motif: pj.motifRejet });
      await new Promise((ok) => window.setTimeout(ok, 700));
    }
  } catch (e) {
    maj({ ...j, etat: 'erreur', motif: enErreur(e).message });
  }
}

const LIBELLES: Record<Jointe['etat'], string> = { envoi: 'envoi…', en_verification: 'vérification…', valide: 'vérifiée', rejetee: 'rejetée', erreur: 'non envoyée' };

export function EtatJointe({ etat, motif }: Pick<Jointe, 'etat' | 'motif'>) {
  const classe = etat === 'valide' ? 'badge-ouvert' : etat === 'rejetee' || etat === 'erreur' ? 'badge-rejete' : 'badge-attention';
  return (
    <>
      <span className={`badge ${classe}`} data-etat={etat}>{LIBELLES[etat]}</span>
      {motif && <span className="message-erreur"> {motif}</span>}
    </>
  );
}

/** An attachment of a sent message: name, size, state, and download once verified. */
export function PieceJointeEnvoyee({ pj, m }: { pj: TVuePieceJointe; m: UseMessagerie }) {
  const [erreur, setErreur] = useState<string | null>(null);
  const telecharger = async () => {
    try {
      const { data } = await api(`${m.base}/pieces-jointes/${encodeURIComponent(pj.id)}/telechargement`, Telechargement, { auth: true });
      ouvrirLien(data.url);
    } catch (e) {
      setErreur(e instanceof ApiError ? e.message : 'Téléchargement impossible.');
    }
  };
  return (
    <li className="piece-jointe" data-etat={pj.etat}>
      {pj.nomFichier} <span className="discret">({formatTaille(pj.taille)})</span>{' '}
      {pj.etat === 'valide' ? (
        <button type="button" className="bouton bouton-lien" onClick={() => void telecharger()}>Télécharger<span className="sr-only"> {pj.nomFichier}</span></button>
      ) : (
        <EtatJointe etat={pj.etat} motif={pj.motifRejet} />
      )}
      {erreur && <span className="message-erreur"> {erreur}</span>}
    </li>
  );
}
