import { nomDe } from '../../auth/personne';
import { exiger, peut, type Action } from '../../auth/politique';
import type { Actor } from '../../auth/roles';
import type { Dossier } from '../../schemas/dossier';
import type { Annotation, DemandeFil, DemandeMessage, DemandePieceJointe, Fil, Lecture, Message, PieceJointe } from '../../schemas/messagerie';
import { TAILLE_PIECE_JOINTE_MAX } from '../../schemas/messagerie';
import { Conflit, Introuvable } from '../errors';
import { tenance, type ContexteDossier } from '../dossier/use-cases';
import { examiner, type Stockage } from '../piece/use-cases';
import { copieVerifiee, ecritureApresVerdict, type EcritureRefusee } from '../piece/immuable';
import { dispositionTelechargement } from '../piece/nom-fichier';
import type { Antivirus } from '../piece/analyse';
import { exigerOuverte, nouveauFil, nouveauMessage, nouvellePieceJointe, rang, STATUTS_OUVERTS, vue } from './messagerie';

/** A write joined to a message's transaction, opaque to the domain (e.g. an e-mail outbox item). */
export type EcritureJointe = Record<string, unknown>;

export interface MessagerieStore {
  /** Every thread, message, reading position and attachment of a dossier (one Query; annotations are not in it). */
  tout(dossierId: string): Promise<{ fils: Fil[]; messages: Message[]; lectures: Lecture[]; piecesJointes: PieceJointe[] }>;
  /**
   * One transaction: the dossier still in an open statut, the thread created (`nouveauFil`) or existing and bumped,
   * the message, each attachment claimed (by its author, unsent, not rejected), and `jointes`. Conflit
   * `MESSAGERIE_FERMEE`, `PIECE_JOINTE_INDISPONIBLE`; Introuvable `FIL_INTROUVABLE`.
   */
  ecrire(p: { fil: Fil; nouveauFil: boolean; message: Message; statutsOuverts: readonly string[]; jointes: readonly EcritureJointe[] }): Promise<void>;
  /** Moves the reader's position forward only (a stale tab never marks read messages unread again). */
  marquerLu(dossierId: string, lecture: Lecture): Promise<void>;
  creerPieceJointe(pj: PieceJointe, statutsOuverts: readonly string[]): Promise<void>;
  lirePieceJointe(dossierId: string, id: string): Promise<PieceJointe | null>;
  /** Records a verdict once (from en_verification); false if another run got there first. */
  verdict(pj: PieceJointe): Promise<boolean>;
  /** Counts a write to the upload key of a valid attachment and keeps the last one. */
  ecritureRefusee(pj: PieceJointe, ecriture: EcritureRefusee): Promise<void>;
  annotations(dossierId: string): Promise<Annotation[]>;
  /** Written only while the dossier is deposited (not a draft). */
  annoter(a: Annotation): Promise<void>;
}

/** The attachments' storage functions; each use case asks only for those it calls (a route bundles no other). */
export type StockageJointes = Pick<Stockage, 'urlUpload' | 'urlTelechargement' | 'lireObjet' | 'conserverVerifie'> & {
  clePieceJointe(dossierId: string, id: string): string;
  lireClePieceJointe(cle: string): { dossierId: string; pieceJointeId: string } | null;
};

export interface ContexteMessagerie extends ContexteDossier {
  messagerie: MessagerieStore;
  /**
   * The notification seam: writes to join to a new message's transaction (the « message reçu » outbox item). None
   * while no outbox is wired.
   */
  avisMessage?: (p: { dossier: Dossier; fil: Fil; message: Message; tout: Awaited<ReturnType<MessagerieStore['tout']>> }) => Promise<readonly EcritureJointe[]>;
}

const introuvable = (id: string) => new Introuvable('DOSSIER_INTROUVABLE', `Aucun dossier accessible ne porte l’identifiant ${id}.`);

async function charger(ctx: ContexteMessagerie, actor: Actor, id: string, action: Action): Promise<Dossier> {
  const d = await ctx.dossiers.lire(id);
  if (!d) throw introuvable(id);
  exiger(actor, action, await tenance(ctx, actor, d), () => introuvable(id));
  return d;
}

const coteDe = (actor: Actor, d: Dossier) => (peut(actor, 'annotation.ecrire', { oi: d.oi }) ? 'oi' : 'porteur') as 'oi' | 'porteur';

/** The messagerie as the caller reads it, with their unread counts. */
export async function lireMessagerie(ctx: ContexteMessagerie, actor: Actor, dossierId: string) {
  const d = await charger(ctx, actor, dossierId, 'message.lire');
  return vue(d, await ctx.messagerie.tout(d.id), actor.userId);
}

/** load → decide → persist → emit: a new thread and its first message (with the notification seam's writes). */
export async function ouvrirFil(ctx: ContexteMessagerie, actor: Actor, dossierId: string, demande: DemandeFil) {
  const d = await charger(ctx, actor, dossierId, 'message.ecrire');
  exigerOuverte(d);
  const cote = coteDe(actor, d);
  const fil = nouveauFil({ id: ctx.nouvelId(), dossierId: d.id, sujet: demande.sujet, actor, cote, maintenant: ctx.maintenant });
  const message = nouveauMessage({ id: ctx.nouvelId(), fil, actor, cote, texte: demande.texte, piecesJointes: demande.piecesJointes, maintenant: ctx.maintenant });
  const avant = await ctx.messagerie.tout(d.id);
  const jointes = (await ctx.avisMessage?.({ dossier: d, fil, message, tout: avant })) ?? [];
  await ctx.messagerie.ecrire({ fil, nouveauFil: true, message, statutsOuverts: STATUTS_OUVERTS, jointes });
  return vue(d, await ctx.messagerie.tout(d.id), actor.userId);
}

/** load → decide → persist → emit: a reply in an existing thread. */
export async function repondre(ctx: ContexteMessagerie, actor: Actor, dossierId: string, filId: string, demande: DemandeMessage) {
  const d = await charger(ctx, actor, dossierId, 'message.ecrire');
  exigerOuverte(d);
  const tout = await ctx.messagerie.tout(d.id);
  const avant = tout.fils.find((f) => f.id === filId);
  if (!avant) throw new Introuvable('FIL_INTROUVABLE', 'Cette conversation n’existe pas dans ce dossier.');
  const cote = coteDe(actor, d);
  const message = nouveauMessage({ id: ctx.nouvelId(), fil: avant, actor, cote, texte: demande.texte, piecesJointes: demande.piecesJointes, maintenant: ctx.maintenant });
  const fil = { ...avant, dernierMessageLe: message.creeLe, nombreMessages: avant.nombreMessages + 1 };
  const jointes = (await ctx.avisMessage?.({ dossier: d, fil, message, tout })) ?? [];
  await ctx.messagerie.ecrire({ fil, nouveauFil: false, message, statutsOuverts: STATUTS_OUVERTS, jointes });
  return vue(d, await ctx.messagerie.tout(d.id), actor.userId);
}

/** The caller has read the thread up to `jusqua` (a message id). Reading is allowed on a closed dossier too. */
export async function marquerLu(ctx: ContexteMessagerie, actor: Actor, dossierId: string, filId: string, jusqua: string) {
  const d = await charger(ctx, actor, dossierId, 'message.lire');
  const tout = await ctx.messagerie.tout(d.id);
  const m = tout.messages.find((x) => x.filId === filId && x.id === jusqua);
  if (!m) throw new Introuvable('MESSAGE_INTROUVABLE', 'Ce message n’existe pas dans cette conversation.');
  await ctx.messagerie.marquerLu(d.id, { filId, userId: actor.userId, luJusqua: rang(m) });
  const mien = (l: { filId: string; userId: string }) => l.filId === filId && l.userId === actor.userId;
  const avant = tout.lectures.find(mien)?.luJusqua ?? '';
  const lectures = [...tout.lectures.filter((l) => !mien(l)), { filId, userId: actor.userId, luJusqua: avant > rang(m) ? avant : rang(m) }];
  return vue(d, { ...tout, lectures }, actor.userId);
}

/** load → decide → persist: an attachment slot and its presigned POST; it is verified on the storage event. */
export async function demanderPieceJointe(ctx: ContexteMessagerie & { stockage: Pick<StockageJointes, 'clePieceJointe' | 'urlUpload'> }, actor: Actor, dossierId: string, demande: DemandePieceJointe) {
  const d = await charger(ctx, actor, dossierId, 'message.ecrire');
  const id = ctx.nouvelId();
  const cle = ctx.stockage.clePieceJointe(d.id, id);
  const pj = nouvellePieceJointe(d, demande, { id, cle, actor, maintenant: ctx.maintenant });
  await ctx.messagerie.creerPieceJointe(pj, STATUTS_OUVERTS);
  const upload = await ctx.stockage.urlUpload(cle, pj.taille, pj.typeContenu, ctx.maintenant);
  const { nomFichier, taille, typeContenu, etat, motifRejet, codeRejet } = pj;
  return { pieceJointe: { id, nomFichier, taille, typeContenu, etat, motifRejet, codeRejet }, upload };
}

/** A presigned GET of a valid attachment: sent ones to every reader of the messagerie, unsent ones to their author. */
export async function telechargerPieceJointe(ctx: ContexteMessagerie & { stockage: Pick<StockageJointes, 'urlTelechargement'> }, actor: Actor, dossierId: string, id: string) {
  await charger(ctx, actor, dossierId, 'message.lire');
  const pj = await ctx.messagerie.lirePieceJointe(dossierId, id);
  if (!pj || (pj.messageId === null && pj.creePar !== actor.userId)) throw new Introuvable('PIECE_JOINTE_INTROUVABLE', 'Cette pièce jointe n’existe pas dans ce dossier.');
  if (pj.etat !== 'valide') {
    throw new Conflit('PIECE_NON_VALIDE', pj.etat === 'rejetee' ? `Cette pièce jointe a été rejetée : ${pj.motifRejet ?? ''}` : 'Cette pièce jointe est en cours de vérification.');
  }
  const copie = copieVerifiee(pj);
  return { url: await ctx.stockage.urlTelechargement(copie.cle, dispositionTelechargement(pj.nomFichier), pj.typeContenu, copie.version), expireDans: 300 };
}

/**
 * S3 ObjectCreated or the scan-result event on an attachment's key → the pièces' verification, malware scan included
 * (the attachment stays `en_verification` until the scan is known), recorded once; a refused object is tagged for
 * expiry; a later write to the key of a valid attachment is recorded, never served. Other keys: null.
 */
export async function verifierPieceJointe(
  ctx: ContexteMessagerie & { stockage: Pick<StockageJointes, 'lireClePieceJointe' | 'lireObjet' | 'conserverVerifie'>; antivirus: Antivirus },
  bucket: string,
  cle: string,
  statutAnalyse?: string,
): Promise<PieceJointe | null> {
  const ref = ctx.stockage.lireClePieceJointe(cle);
  if (!ref) return null;
  const pj = await ctx.messagerie.lirePieceJointe(ref.dossierId, ref.pieceJointeId);
  if (!pj || pj.cle !== cle) return null;
  if (pj.etat === 'valide') {
    const ecriture = await ecritureApresVerdict(ctx, bucket, pj, TAILLE_PIECE_JOINTE_MAX);
    if (ecriture) await ctx.messagerie.ecritureRefusee(pj, ecriture);
    return null;
  }
  if (pj.etat !== 'en_verification') return null;
  const apres = await examiner(ctx, bucket, pj, TAILLE_PIECE_JOINTE_MAX, statutAnalyse);
  if (!apres || !(await ctx.messagerie.verdict(apres))) return null;
  if (apres.etat === 'rejetee') await ctx.antivirus.marquerRejete(bucket, cle);
  return apres;
}

/** OI staff only: the private annotations of a dossier, newest first. */
export async function annotations(ctx: ContexteMessagerie, actor: Actor, dossierId: string) {
  const d = await charger(ctx, actor, dossierId, 'annotation.lire');
  return { items: (await ctx.messagerie.annotations(d.id)).sort((a, b) => b.creeLe.localeCompare(a.creeLe)) };
}

/** OI staff only: a private note on a dossier. Never journalised (the journal is read by the porteur). */
export async function annoter(ctx: ContexteMessagerie, actor: Actor, dossierId: string, texte: string): Promise<Annotation> {
  const d = await charger(ctx, actor, dossierId, 'annotation.ecrire');
  const a: Annotation = { id: ctx.nouvelId(), dossierId: d.id, texte, creeLe: ctx.maintenant.toISOString(), auteurId: actor.userId, auteurNom: nomDe(actor) };
  await ctx.messagerie.annoter(a);
  return a;
}
