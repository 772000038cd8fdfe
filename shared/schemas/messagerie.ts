/**
 * Messagerie of a dossier (threads between the porteur's organisation and the OI, attachments verified like pièces)
 * and the OI's private annotations (never served to a porteur).
 */
import * as z from 'zod';
import { Piece, TypeContenu } from './piece';

export const TEXTE_MESSAGE_MAX = 10_000;
export const PIECES_JOINTES_MAX = 5;
export const TAILLE_PIECE_JOINTE_MAX = 10 * 1024 * 1024;

/** Which side wrote: the porteur's organisation or the OI. */
export const Cote = z.enum(['porteur', 'oi']);
export type Cote = z.infer<typeof Cote>;

const Texte = z
  .string()
  .trim()
  .min(1, 'Le message est vide.')
  .max(TEXTE_MESSAGE_MAX, `Un message compte au plus ${TEXTE_MESSAGE_MAX.toLocaleString('fr-FR')} caractères : raccourcissez-le ou joignez un document.`);
const IdsPiecesJointes = z
  .array(z.string().regex(/^[A-Za-z0-9]{1,64}$/, 'Identifiant de pièce jointe invalide.'))
  .max(PIECES_JOINTES_MAX, `${PIECES_JOINTES_MAX} pièces jointes au plus par message.`)
  .default([]);

export const DemandeFil = z.strictObject({
  sujet: z.string().trim().min(3, 'Donnez un sujet à la conversation (3 caractères au moins).').max(200, 'Sujet : 200 caractères au plus.'),
  texte: Texte,
  piecesJointes: IdsPiecesJointes,
});
export type DemandeFil = z.infer<typeof DemandeFil>;

export const DemandeMessage = z.strictObject({ texte: Texte, piecesJointes: IdsPiecesJointes });
export type DemandeMessage = z.infer<typeof DemandeMessage>;

export const DemandeLu = z.strictObject({ jusqua: z.string().min(1).max(64) });

/** An attachment is a pièce of its own kind (same verification), tied to a message once sent. */
export const PieceJointe = Piece.extend({ messageId: z.string().nullable(), filId: z.string().nullable() });
export type PieceJointe = z.infer<typeof PieceJointe>;

export const DemandePieceJointe = z.strictObject({
  nomFichier: z.string().trim().min(1).max(200).refine((n) => !/[\\/\u0000-\u001f\u007f]/.test(n) && n !== '.' && n !== '..', 'Nom de fichier invalide.'),
  taille: z.number().int().min(1, 'Un fichier vide ne peut pas être joint.'),
  typeContenu: TypeContenu,
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'Empreinte SHA-256 attendue en hexadécimal minuscule (64 caractères).'),
});
export type DemandePieceJointe = z.infer<typeof DemandePieceJointe>;

/** What a reader sees of an attachment (never its storage key). */
export const VuePieceJointe = PieceJointe.pick({ id: true, nomFichier: true, taille: true, typeContenu: true, etat: true, motifRejet: true, codeRejet: true });

export const Fil = z.object({
  id: z.string(),
  dossierId: z.string(),
  sujet: z.string(),
  cote: Cote,
  creeLe: z.string(),
  creePar: z.string(),
  creeParNom: z.string(),
  dernierMessageLe: z.string(),
  nombreMessages: z.number().int(),
});
export type Fil = z.infer<typeof Fil>;

export const Message = z.object({
  id: z.string(),
  filId: z.string(),
  dossierId: z.string(),
  cote: Cote,
  auteurId: z.string(),
  auteurNom: z.string(),
  /** Kept to write the « message reçu » e-mails to the agents of a thread; never served (see MessageLu). */
  auteurEmail: z.string().optional(),
  texte: z.string(),
  creeLe: z.string(),
  piecesJointes: z.array(z.string()),
});
export type Message = z.infer<typeof Message>;

/** A reader's position in a thread: every message up to `luJusqua` (its rank, `<creeLe>#<id>`) is read. */
export const Lecture = z.object({ filId: z.string(), userId: z.string(), luJusqua: z.string() });
export type Lecture = z.infer<typeof Lecture>;

export const MessageLu = Message.omit({ piecesJointes: true, auteurEmail: true }).extend({ piecesJointes: z.array(VuePieceJointe), nonLu: z.boolean(), deMoi: z.boolean() });
export const FilLu = Fil.extend({ nonLus: z.number().int(), messages: z.array(MessageLu) });
export const Messagerie = z.object({
  ouverte: z.boolean(),
  /** Why nobody may write (draft, dossier closed), in French. */
  fermeture: z.string().nullable(),
  nonLus: z.number().int(),
  fils: z.array(FilLu),
  /** Attachments uploaded by the caller and not sent yet. */
  brouillonsPiecesJointes: z.array(VuePieceJointe),
});
export type Messagerie = z.infer<typeof Messagerie>;

export const ReponsePieceJointe = z.object({
  pieceJointe: VuePieceJointe,
  upload: z.object({ url: z.string(), fields: z.record(z.string(), z.string()), expireLe: z.string() }),
});

export const ParamsFil = z.strictObject({ id: z.string().min(1).max(64), filId: z.string().min(1).max(64) });
export const ParamsPieceJointe = z.strictObject({ id: z.string().min(1).max(64), pieceJointeId: z.string().min(1).max(64) });

export const Annotation = z.object({ id: z.string(), dossierId: z.string(), texte: z.string(), creeLe: z.string(), auteurId: z.string(), auteurNom: z.string() });
export type Annotation = z.infer<typeof Annotation>;
export const DemandeAnnotation = z.strictObject({
  texte: z.string().trim().min(1, 'L’annotation est vide.').max(5000, 'Une annotation compte au plus 5 000 caractères.'),
});
