import type { Actor } from '../../auth/roles';
import type { Aap, FicheOperation, PieceAttendue } from '../../schemas/aap';
import type { Dossier } from '../../schemas/dossier';
import type { Organisation } from '../../schemas/organisation';
import { PIECES_ADMINISTRATIVES_DEFAUT, TYPE_PIECE_RIB, type DemandeUpload, type LigneChecklist, type Piece, type TypePiece } from '../../schemas/piece';
import { Conflit, RequeteInvalide, TropVolumineux, type DetailErreur } from '../errors';
import { normaliserNom } from './nom-fichier';

export const TOUS_FORMATS: TypePiece['typesAcceptes'] = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
];

/** A fiche's pièce as one line: « une des pièces suivantes » lists its alternatives. */
export const libellePieceAttendue = (p: PieceAttendue): string =>
  p.alternatives?.length ? `${p.libelle} : ${p.alternatives.join(' ; ou ')}` : p.libelle;

/**
 * The checklist's expectations: the AAP's administrative set (the default one unless the AAP names its own), minus
 * pieces aimed at another legal status, plus the pièces the fiche asks at the dépôt (optional). The fiche's evidence
 * of realisation belongs to the bilan, not to the dépôt.
 */
export function piecesAttendues(aap: Pick<Aap, 'piecesAdministratives'>, fiche: FicheOperation, org: Pick<Organisation, 'statutJuridique'>): Array<TypePiece & { origine: 'administrative' | 'fiche' }> {
  const admin = (aap.piecesAdministratives ?? PIECES_ADMINISTRATIVES_DEFAUT)
    .filter((p) => !p.pourStatut || p.pourStatut === org.statutJuridique)
    .map((p) => ({ ...p, origine: 'administrative' as const }));
  const deFiche = fiche.piecesJustificatives.flatMap((p, i) => (p.etape === 'depot' ? [{ p, i }] : [])).map(({ p, i }) => ({
    code: `FICHE_${i + 1}`,
    libelle: libellePieceAttendue(p),
    typesAcceptes: TOUS_FORMATS,
    tailleMaxOctets: 20 * 1024 * 1024,
    obligatoire: false,
    origine: 'fiche' as const,
  }));
  return [...admin, ...deFiche];
}

/** The current upload of each type of the dossier's checklist: the newest one not replaced (a bilan's pièces apart). */
export const courantes = (pieces: Piece[]): Map<string, Piece> =>
  new Map(
    pieces
      .filter((p) => !p.remplaceeLe && !p.bilan)
      .sort((a, b) => a.creeLe.localeCompare(b.creeLe))
      .map((p) => [p.typePiece, p]),
  );

export function checklist(attendues: ReturnType<typeof piecesAttendues>, pieces: Piece[], dossier: Pick<Dossier, 'complements'>): LigneChecklist[] {
  const c = courantes(pieces);
  const demandees = new Set(dossier.complements?.pieces ?? []);
  return attendues.map((t) => {
    const piece = c.get(t.code) ?? null;
    return { ...t, etat: piece?.etat ?? 'attendue', piece, demandeEnComplement: demandees.has(t.code) };
  });
}

/** What blocks a dépôt: each required piece must be present and verified valid. */
export function piecesBloquantes(lignes: LigneChecklist[]): DetailErreur[] {
  const messages = { attendue: 'manquante', en_verification: 'en cours de vérification', rejetee: 'rejetée', valide: '' } as const;
  return lignes
    .filter((l) => (l.obligatoire || l.demandeEnComplement) && l.etat !== 'valide')
    .map((l) => ({ chemin: `pieces.${l.code}`, message: `${l.libelle} : ${messages[l.etat]}.` }));
}

/**
 * A new upload slot. Only a draft takes files, or a dossier awaiting compléments for the pièces asked; the type,
 * format and size must fit the checklist.
 */
export function nouvellePiece(
  dossier: Dossier,
  demande: DemandeUpload,
  attendues: ReturnType<typeof piecesAttendues>,
  p: { actor: Actor; id: string; maintenant: Date; cle: string },
): Piece {
  const enComplement = dossier.statut === 'complement_demande' && (dossier.complements?.pieces ?? []).includes(demande.typePiece);
  if (dossier.statut !== 'brouillon' && !enComplement) {
    throw new Conflit('DOSSIER_VERROUILLE', 'Ce dossier est déposé : ses pièces ne changent plus, sauf celles demandées en complément.');
  }
  typeDemande(attendues, demande, 'pour ce dossier');
  if (demande.coordonnees && demande.typePiece !== TYPE_PIECE_RIB) {
    throw new RequeteInvalide('COORDONNEES_HORS_RIB', 'Seul un relevé d’identité bancaire déclare des coordonnées bancaires.', [
      { chemin: 'corps.coordonnees', message: `Retirez les coordonnées bancaires, ou déposez la pièce comme ${TYPE_PIECE_RIB}.` },
    ]);
  }
  return slot(dossier.id, demande, p);
}

/** The expected type a request names, its format and its size checked (pièces of a dossier and of a bilan alike). */
export function typeDemande<T extends TypePiece>(attendues: readonly T[], demande: DemandeUpload, ou: string): T {
  const type = attendues.find((t) => t.code === demande.typePiece);
  if (!type) {
    throw new RequeteInvalide('TYPE_PIECE_INCONNU', `La pièce ${demande.typePiece} n’est pas attendue ${ou}.`, [
      { chemin: 'corps.typePiece', message: `Types attendus : ${attendues.map((t) => t.code).join(', ')}.` },
    ]);
  }
  if (!type.typesAcceptes.includes(demande.typeContenu)) {
    throw new RequeteInvalide('TYPE_FICHIER_NON_ACCEPTE', `Ce format n’est pas accepté pour « ${type.libelle} ».`, [
      { chemin: 'corps.typeContenu', message: `Formats acceptés : ${type.typesAcceptes.join(', ')}.` },
    ]);
  }
  if (demande.taille > type.tailleMaxOctets) {
    throw new TropVolumineux(`Le fichier dépasse la taille maximale de ${Math.floor(type.tailleMaxOctets / 1024 / 1024)} Mo pour « ${type.libelle} ».`);
  }
  return type;
}

/** The upload slot of a checked request, `en_verification` until its bytes are verified. */
export function slot(dossierId: string, demande: DemandeUpload, p: { actor: Actor; id: string; maintenant: Date; cle: string }): Piece {
  return {
    id: p.id,
    dossierId,
    typePiece: demande.typePiece,
    nomFichier: normaliserNom(demande.nomFichier),
    taille: demande.taille,
    typeContenu: demande.typeContenu,
    sha256: demande.sha256,
    etat: 'en_verification',
    motifRejet: null,
    cle: p.cle,
    creeLe: p.maintenant.toISOString(),
    creePar: p.actor.userId,
    verifieLe: null,
    remplaceeLe: null,
    ...(demande.coordonnees ? { coordonnees: demande.coordonnees } : {}),
    ...(demande.bilan ? { bilan: { numero: demande.bilan.numero, alternative: demande.bilan.alternative ?? null } } : {}),
  };
}
