/**
 * The one upload sequence of a pièce, whichever list it belongs to (a dossier's checklist, a bilan's pièces de
 * réalisation): size and type checked as the server will, SHA-256 of the bytes, the upload announced (the server
 * answers a presigned POST), the bytes posted with progress, then the verdict awaited — each phase shown and announced.
 */
import { useState } from 'react';
import { api, ApiError } from '../lib/api';
import { useAnnoncer } from '../lib/annonces';
import { empreinteSha256, envoyerPresigne, formatTaille } from '../lib/fichiers';
import { ReponseUpload, TYPES_CONTENU, type TPiece, type TTypeContenu } from '../lib/schemas-dossier';

const EXTENSIONS: Record<string, TTypeContenu> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The declared type: the browser's, or the extension's when the browser does not know it. */
export function typeDe(f: File): string {
  if (f.type) return f.type;
  return EXTENSIONS[f.name.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';
}
export const estTypeConnu = (t: string): t is TTypeContenu => t in TYPES_CONTENU;

export type Phase = 'repos' | 'empreinte' | 'annonce' | 'envoi' | 'verification';
export const TEXTES: Record<Phase, string> = {
  repos: '',
  empreinte: 'Calcul de l’empreinte du fichier…',
  annonce: 'Préparation de l’envoi…',
  envoi: 'Envoi en cours…',
  verification: 'Fichier reçu : vérification en cours…',
};

export interface EnvoiPiece {
  /** Where the upload is announced (`POST /dossiers/{id}/pieces`). */
  url: string;
  tailleMaxOctets: number;
  typesAcceptes: readonly TTypeContenu[];
  /** The announcement's body beyond the file's own fields (typePiece, a bilan's scope, a RIB's account). */
  corps: Record<string, unknown>;
  /** Polls until the pièce leaves `en_verification`; null when it takes too long. */
  attendreVerdict: (pieceId: string) => Promise<TPiece | null>;
}

/** State and action of one upload line; `libelle` names the line in what is announced to screen readers. */
export function useEnvoiPiece(libelle: string) {
  const annoncer = useAnnoncer();
  const [phase, setPhase] = useState<Phase>('repos');
  const [progression, setProgression] = useState(0);
  const [erreur, setErreur] = useState<string | null>(null);

  const echec = (message: string) => {
    setErreur(message);
    setPhase('repos');
    annoncer(`${libelle} : ${message}`);
  };

  /** The whole sequence for `f`; the judged pièce, or null after saying why (the error is shown and announced). */
  const envoyer = async (f: File, e: EnvoiPiece): Promise<TPiece | null> => {
    setErreur(null);
    const type = typeDe(f);
    const formats = e.typesAcceptes.map((t) => TYPES_CONTENU[t]).join(', ');
    if (f.size === 0) return (echec('Ce fichier est vide.'), null);
    if (f.size > e.tailleMaxOctets) return (echec(`Le fichier fait ${formatTaille(f.size)} : la taille maximale est ${formatTaille(e.tailleMaxOctets)}.`), null);
    if (!estTypeConnu(type) || !e.typesAcceptes.includes(type)) return (echec(`Format non accepté pour cette pièce : formats acceptés ${formats}.`), null);
    try {
      setPhase('empreinte');
      const sha256 = await empreinteSha256(f);
      setPhase('annonce');
      const { data } = await api(e.url, ReponseUpload, {
        method: 'POST',
        auth: true,
        body: { ...e.corps, nomFichier: f.name, taille: f.size, typeContenu: type, sha256 },
      });
      setPhase('envoi');
      setProgression(0);
      annoncer(`Envoi de « ${f.name} » en cours.`);
      await envoyerPresigne(data.upload.url, data.upload.fields, f, (n, total) => setProgression(total ? Math.round((n / total) * 100) : 0));
      setProgression(100);
      setPhase('verification');
      const verdict = await e.attendreVerdict(data.pieceId);
      setPhase('repos');
      if (!verdict) return (echec('La vérification prend plus de temps que prévu : rechargez la page dans quelques instants.'), null);
      annoncer(verdict.etat === 'valide' ? `${libelle} : pièce vérifiée.` : `${libelle} : pièce rejetée — ${verdict.motifRejet ?? ''}`);
      return verdict;
    } catch (err) {
      echec(err instanceof ApiError ? err.message : 'L’envoi a échoué.');
      return null;
    }
  };

  return { phase, progression, erreur, occupe: phase !== 'repos', echec, envoyer };
}

/** The phase under way with its progress bar (the percentage while the bytes go). */
export function ProgressionEnvoi({ id, phase, progression }: { id: string; phase: Phase; progression: number }) {
  if (phase === 'repos') return null;
  return (
    <div className="piece-progression">
      <label htmlFor={`${id}-progression`}>{TEXTES[phase]}</label>
      <progress id={`${id}-progression`} max={100} value={phase === 'envoi' || phase === 'verification' ? progression : undefined}>
        {progression} %
      </progress>
      {phase === 'envoi' && <span aria-hidden="true">{progression} %</span>}
    </div>
  );
}
