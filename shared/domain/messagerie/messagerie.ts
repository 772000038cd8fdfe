/**
 * The rules of a dossier's messagerie, pure: when it is open, who writes on which side, what a reader has not read.
 *
 * Open from the dépôt (a draft is not yet the OI's) until the dossier is closed: `irrecevable` and `rejete` are final
 * decisions, and the thread then reads as an archive (no new thread, no reply, no attachment). `ajourne` stays open
 * (the dossier comes back to a comité), and so does `programme` (conventionnement and réalisation follow).
 */
import type { Actor } from '../../auth/roles';
import { nomDe } from '../../auth/personne';
import type { Dossier, StatutDossier } from '../../schemas/dossier';
import { STATUTS_DOSSIER } from '../../schemas/dossier';
import type { Cote, DemandePieceJointe, Fil, Lecture, Message, Messagerie, PieceJointe } from '../../schemas/messagerie';
import { TAILLE_PIECE_JOINTE_MAX } from '../../schemas/messagerie';
import { Conflit, TropVolumineux } from '../errors';
import { normaliserNom } from '../piece/nom-fichier';

const FERMES: Partial<Record<StatutDossier, string>> = {
  brouillon: 'La messagerie avec l’OI s’ouvre au dépôt du dossier.',
  irrecevable: 'Ce dossier a été déclaré irrecevable : sa messagerie est close et se lit en archive.',
  rejete: 'Ce dossier a été rejeté : sa messagerie est close et se lit en archive.',
};

/** The statuts in which anyone may write; the store conditions every write on them. */
export const STATUTS_OUVERTS: readonly StatutDossier[] = STATUTS_DOSSIER.filter((s) => !FERMES[s]);

/** Why nobody may write on this dossier now, or null. */
export const fermeture = (statut: StatutDossier): string | null => FERMES[statut] ?? null;

export function exigerOuverte(d: Pick<Dossier, 'statut'>): void {
  const f = fermeture(d.statut);
  if (f) throw new Conflit('MESSAGERIE_FERMEE', f);
}

/** A message's rank in its thread: by time, then id (two messages in the same millisecond keep an order). */
export const rang = (m: Pick<Message, 'creeLe' | 'id'>): string => `${m.creeLe}#${m.id}`;

export function nouveauMessage(p: { id: string; fil: Pick<Fil, 'id' | 'dossierId'>; actor: Actor; cote: Cote; texte: string; piecesJointes: string[]; maintenant: Date }): Message {
  return {
    id: p.id, filId: p.fil.id, dossierId: p.fil.dossierId, cote: p.cote, auteurId: p.actor.userId, auteurNom: nomDe(p.actor), auteurEmail: p.actor.email,
    texte: p.texte, creeLe: p.maintenant.toISOString(), piecesJointes: [...new Set(p.piecesJointes)],
  };
}

export function nouveauFil(p: { id: string; dossierId: string; sujet: string; actor: Actor; cote: Cote; maintenant: Date }): Fil {
  const iso = p.maintenant.toISOString();
  return {
    id: p.id, dossierId: p.dossierId, sujet: p.sujet, cote: p.cote, creeLe: iso, creePar: p.actor.userId, creeParNom: nomDe(p.actor),
    dernierMessageLe: iso, nombreMessages: 1,
  };
}

/** An attachment slot: verified on its stored bytes exactly like a pièce, before anyone may download it. */
export function nouvellePieceJointe(d: Dossier, demande: DemandePieceJointe, p: { id: string; cle: string; actor: Actor; maintenant: Date }): PieceJointe {
  exigerOuverte(d);
  if (demande.taille > TAILLE_PIECE_JOINTE_MAX) {
    throw new TropVolumineux(`Une pièce jointe fait au plus ${TAILLE_PIECE_JOINTE_MAX / 1024 / 1024} Mo : déposez un fichier plus léger.`);
  }
  return {
    id: p.id, dossierId: d.id, typePiece: 'PIECE_JOINTE', nomFichier: normaliserNom(demande.nomFichier), taille: demande.taille, typeContenu: demande.typeContenu,
    sha256: demande.sha256, etat: 'en_verification', motifRejet: null, cle: p.cle, creeLe: p.maintenant.toISOString(), creePar: p.actor.userId,
    verifieLe: null, remplaceeLe: null, messageId: null, filId: null,
  };
}

const vuePj = ({ id, nomFichier, taille, typeContenu, etat, motifRejet, codeRejet }: PieceJointe) => ({ id, nomFichier, taille, typeContenu, etat, motifRejet, codeRejet });

/**
 * The messagerie as `userId` reads it: threads newest first, messages in order, unread = written by someone else
 * after the reader's position in the thread.
 */
export function vue(
  d: Pick<Dossier, 'statut'>,
  t: { fils: Fil[]; messages: Message[]; lectures: Lecture[]; piecesJointes: PieceJointe[] },
  userId: string,
): Messagerie {
  const pjs = new Map(t.piecesJointes.map((p) => [p.id, p]));
  const fils = [...t.fils]
    .sort((a, b) => b.dernierMessageLe.localeCompare(a.dernierMessageLe))
    .map((fil) => {
      const lu = t.lectures.find((l) => l.filId === fil.id && l.userId === userId)?.luJusqua ?? '';
      const messages = t.messages
        .filter((m) => m.filId === fil.id)
        .sort((a, b) => rang(a).localeCompare(rang(b)))
        .map(({ auteurEmail: _e, ...m }) => {
          const deMoi = m.auteurId === userId;
          const piecesJointes = m.piecesJointes.flatMap((id) => (pjs.get(id)?.messageId === m.id ? [vuePj(pjs.get(id)!)] : []));
          return { ...m, piecesJointes, deMoi, nonLu: !deMoi && rang(m) > lu };
        });
      return { ...fil, nonLus: messages.filter((m) => m.nonLu).length, messages };
    });
  return {
    ouverte: !fermeture(d.statut),
    fermeture: fermeture(d.statut),
    nonLus: fils.reduce((n, f) => n + f.nonLus, 0),
    fils,
    brouillonsPiecesJointes: t.piecesJointes.filter((p) => p.messageId === null && p.creePar === userId).map(vuePj),
  };
}
