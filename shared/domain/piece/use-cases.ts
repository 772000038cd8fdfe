import { nomDe } from '../../auth/personne';
import type { Actor } from '../../auth/roles';
import type { Dossier } from '../../schemas/dossier';
import type { DemandeComplements, DemandeUpload, LigneChecklist, Piece } from '../../schemas/piece';
import { TAILLE_MAX_ABSOLUE } from '../../schemas/piece';
import { Conflit, Introuvable, RegleMetier, RequeteInvalide } from '../errors';
import { aapEtFiche, charger, CHAMPS_AAP, lignesPieces, type ContexteDossier } from '../dossier/use-cases';
import { journaliser } from '../dossier/journal';
import { dateLocale, exigerVersion } from '../dossier/dossier';
import { courantes, nouvellePiece, piecesAttendues } from './piece';
import { ouvrirEnvoi } from './envoi';
import { dispositionTelechargement } from './nom-fichier';
import { verifier } from './verification';
import { appliquerAnalyse, lireVerdict, type Antivirus } from './analyse';
import { copieVerifiee, ecritureApresVerdict, type EcritureRefusee } from './immuable';
import { notificationsComplementsDemandes } from '../notification/evenements';
import { destinataireActeur } from '../notification/notification';

export interface PieceStore {
  /**
   * Written only if the dossier is still in `garde` (a statut), or, for a bilan's evidence, that bilan still a draft;
   * marks `remplacee` in the same transaction.
   */
  creer(piece: Piece, garde: Dossier['statut'] | { bilanBrouillon: number }, remplacee: Piece | null): Promise<void>;
  lire(dossierId: string, pieceId: string): Promise<Piece | null>;
  lister(dossierId: string): Promise<Piece[]>;
  /** Records a verdict once (from en_verification); false if another run got there first. */
  verdict(piece: Piece): Promise<boolean>;
  supprimer(piece: Piece): Promise<void>;
  /** Pièces indexed as `en_verification` created before `avant` (ISO), oldest first: the sweep's Query. */
  enVerificationAvant(avant: string, limite: number): Promise<Piece[]>;
  /** Counts a write to the upload key of a valid pièce and keeps the last one. */
  ecritureRefusee(piece: Piece, ecriture: EcritureRefusee): Promise<void>;
}

/** The storage port: presigned URLs, object reads and the verified copy. */
export interface Stockage {
  clePiece(dossierId: string, pieceId: string): string;
  lireClePiece(cle: string): { dossierId: string; pieceId: string } | null;
  urlUpload(cle: string, taille: number, typeContenu: string, maintenant: Date): Promise<{ url: string; fields: Record<string, string>; expireLe: string }>;
  /** `disposition` is the whole Content-Disposition value the GET must answer with. */
  urlTelechargement(cle: string, disposition: string, typeContenu: string, version?: string | null): Promise<string>;
  lireObjet(bucket: string, cle: string, max: number): Promise<Uint8Array | 'trop_gros'>;
  /** Keeps verified bytes under a key no upload can name; its version id where the bucket keeps versions. */
  conserverVerifie(bucket: string, cle: string, octets: Uint8Array, sha256: string): Promise<{ cle: string; version: string | null }>;
}

/** The verification's context: every storage function. HTTP routes get only the ones they call (below). */
export interface ContextePiece extends ContexteDossier {
  stockage: Stockage;
}

async function attenduesDe(ctx: ContexteDossier, d: Dossier) {
  const [{ aap, fiche }, org] = await Promise.all([aapEtFiche(ctx, d, CHAMPS_AAP.pieces), ctx.orgs.lire(d.organisationId)]);
  if (!org) throw new Error(`Référentiel du dossier ${d.id} introuvable`);
  return piecesAttendues(aap, fiche, org);
}

export const checklistDe = lignesPieces;

/** The checklist of a dossier (one line per expected type, with its current upload) and every upload kept. */
export async function checklistDossier(ctx: ContexteDossier, actor: Actor, dossierId: string): Promise<{ lignes: LigneChecklist[]; pieces: Piece[] }> {
  const d = await charger(ctx, actor, dossierId, 'lire');
  return checklistDe(ctx, d);
}


/** load → decide → persist: a new upload slot and its presigned POST; a previous upload of the type is kept, replaced. */
export async function demanderUpload(ctx: ContexteDossier & { stockage: Pick<Stockage, 'clePiece' | 'urlUpload'> }, actor: Actor, dossierId: string, demande: DemandeUpload) {
  const d = await charger(ctx, actor, dossierId, 'ecrire');
  const [attendues, pieces] = await Promise.all([attenduesDe(ctx, d), ctx.pieces.lister(d.id)]);
  return ouvrirEnvoi(ctx, d.id, d.statut, (p) => nouvellePiece(d, demande, attendues, { actor, ...p }), (piece) => courantes(pieces).get(piece.typePiece) ?? null);
}


/**
 * S3 ObjectCreated, the scan-result event or the sweep → verdict: the content checks, then the malware scan (the
 * event's status when it brought one, else the port's). The pièce stays `en_verification` until the scan is known;
 * a rejected object is tagged for expiry. Idempotent: an event delivered twice, or for a key that is not a pièce,
 * changes nothing. Limits are those of the checklist line, checked on the bytes actually stored.
 */
export async function verifierObjet(ctx: ContextePiece & { antivirus: Antivirus }, bucket: string, cle: string, statutAnalyse?: string): Promise<Piece | null> {
  const ref = ctx.stockage.lireClePiece(cle);
  if (!ref) return null;
  const piece = await ctx.pieces.lire(ref.dossierId, ref.pieceId);
  if (!piece || piece.cle !== cle) return null;
  if (piece.etat === 'valide') {
    const ecriture = await ecritureApresVerdict(ctx, bucket, piece, TAILLE_MAX_ABSOLUE);
    if (ecriture) await ctx.pieces.ecritureRefusee(piece, ecriture);
    return null;
  }
  if (piece.etat !== 'en_verification') return null;
  const d = await ctx.dossiers.lire(piece.dossierId);
  if (!d) return null;
  const type = piece.bilan ? null : (await attenduesDe(ctx, d)).find((t) => t.code === piece.typePiece);
  // A bilan's evidence: the size announced was checked against its type's limit, and the presigned POST holds to it.
  const apres = await examiner(ctx, bucket, piece, type?.tailleMaxOctets ?? (piece.bilan ? piece.taille : TAILLE_MAX_ABSOLUE), statutAnalyse);
  if (!apres || !(await ctx.pieces.verdict(apres))) return null;
  if (apres.etat === 'rejetee') await ctx.antivirus.marquerRejete(bucket, cle);
  return apres;
}

/**
 * The verdict on the stored bytes of an upload — a pièce or a message's attachment alike: size, SHA-256, content
 * decoded and name normalised, then the malware scan (the event's status when it brought one, else the port's). Null
 * while the scan is not known: the upload stays `en_verification` and the scan's event comes back. Only bytes that
 * passed both are copied, as read, to the verified key: what downloads serve, so that a later write to the upload key
 * changes nothing served, and no infected byte is ever kept there. Returns the upload with its state, kept name and
 * verified copy; the caller records it once.
 */
export async function examiner<P extends Piece>(
  ctx: { stockage: Pick<Stockage, 'lireObjet' | 'conserverVerifie'>; antivirus: Pick<Antivirus, 'statut'>; maintenant: Date },
  bucket: string,
  piece: P,
  tailleMax: number,
  statutAnalyse?: string,
): Promise<P | null> {
  const max = Math.min(tailleMax, TAILLE_MAX_ABSOLUE);
  const octets = await ctx.stockage.lireObjet(bucket, piece.cle, max);
  const verdict =
    octets === 'trop_gros'
      ? { etat: 'rejetee' as const, code: 'FICHIER_TROP_GROS', motif: `Le fichier dépasse la taille maximale (${Math.floor(max / 1024 / 1024)} Mo).`, nomFichier: piece.nomFichier }
      : await verifier(piece, octets, max);
  const examinee: P = {
    ...piece, etat: verdict.etat, motifRejet: verdict.motif, codeRejet: verdict.code, nomFichier: verdict.nomFichier, verifieLe: ctx.maintenant.toISOString(),
    cleVerifiee: null, versionVerifiee: null,
  };
  if (octets === 'trop_gros' || verdict.etat !== 'valide') return examinee;
  const apres = appliquerAnalyse(examinee, lireVerdict(statutAnalyse ?? (await ctx.antivirus.statut(bucket, piece.cle))));
  if (!apres || apres.etat !== 'valide') return apres;
  const copie = await ctx.stockage.conserverVerifie(bucket, piece.cle, octets, verdict.sha256);
  return { ...apres, cleVerifiee: copie.cle, versionVerifiee: copie.version };
}

/** A presigned GET of the verified copy of a valid pièce only, to whoever may read the dossier. */
export async function telechargement(ctx: ContexteDossier & { stockage: Pick<Stockage, 'urlTelechargement'> }, actor: Actor, dossierId: string, pieceId: string) {
  await charger(ctx, actor, dossierId, 'lire');
  const piece = await ctx.pieces.lire(dossierId, pieceId);
  if (!piece) throw new Introuvable('PIECE_INTROUVABLE', 'Cette pièce n’existe pas dans ce dossier.');
  if (piece.etat !== 'valide') {
    throw new Conflit('PIECE_NON_VALIDE', piece.etat === 'rejetee' ? `Cette pièce a été rejetée : ${piece.motifRejet ?? ''}` : 'Cette pièce est en cours de vérification.');
  }
  const copie = copieVerifiee(piece);
  return { url: await ctx.stockage.urlTelechargement(copie.cle, dispositionTelechargement(piece.nomFichier), piece.typeContenu, copie.version), expireDans: 300 };
}

export async function supprimer(ctx: ContexteDossier, actor: Actor, dossierId: string, pieceId: string) {
  const d = await charger(ctx, actor, dossierId, 'ecrire');
  if (d.statut !== 'brouillon') throw new Conflit('DOSSIER_VERROUILLE', 'Ce dossier est déposé : ses pièces ne se suppriment plus.');
  const piece = await ctx.pieces.lire(dossierId, pieceId);
  if (!piece) throw new Introuvable('PIECE_INTROUVABLE', 'Cette pièce n’existe pas dans ce dossier.');
  await ctx.pieces.supprimer(piece);
}

/** OI staff ask for named pièces by a due date: depose → complement_demande, with its audit event. */
export async function demanderComplements(ctx: ContexteDossier, actor: Actor, dossierId: string, demande: DemandeComplements, versionLue: number) {
  const avant = await charger(ctx, actor, dossierId, 'instruire');
  exigerVersion(avant, versionLue);
  if (avant.statut !== 'depose') {
    throw new Conflit('STATUT_INCOMPATIBLE', 'Des compléments se demandent sur un dossier déposé, avant sa recevabilité.');
  }
  // The zone and the checklist's expectations, one read.
  const ref = await aapEtFiche(ctx, avant, ['depot', ...CHAMPS_AAP.pieces]);
  const fuseau = ref.aap.depot.cloture.fuseau;
  if (demande.dateLimite < dateLocale(ctx.maintenant, fuseau)) {
    throw new RequeteInvalide('DATE_LIMITE_PASSEE', 'La date limite des compléments est déjà passée.', [
      { chemin: 'corps.dateLimite', message: 'Choisissez une date à venir.' },
    ]);
  }
  const { lignes } = await checklistDe(ctx, avant, ref);
  const inconnues = demande.pieces.filter((p) => !lignes.some((l) => l.code === p));
  if (inconnues.length) throw new RegleMetier('TYPE_PIECE_INCONNU', `Pièces inconnues pour ce dossier : ${inconnues.join(', ')}.`);
  const iso = ctx.maintenant.toISOString();
  const demande2: Dossier = {
    ...avant,
    statut: 'complement_demande',
    version: avant.version + 1,
    modifieLe: iso,
    complements: { pieces: demande.pieces, message: demande.message, dateLimite: demande.dateLimite, demandeLe: iso, demandePar: nomDe(actor), demandeParId: actor.userId },
  };
  const { dossier, evenement } = journaliser(demande2, {
    id: ctx.nouvelId(), type: 'complements_demandes', auteur: actor, de: avant.statut, maintenant: ctx.maintenant,
    donnees: { pieces: demande.pieces, dateLimite: demande.dateLimite },
  });
  await ctx.dossiers.remplacer(dossier, avant, evenement, undefined, await notificationsComplementsDemandes(ctx, dossier, destinataireActeur(actor)));
  return dossier;
}
