/**
 * The bilan's « pièces de réalisation » (issue 15; notes « apres-selection » D15): what the fiche expects as evidence
 * that the operation was carried out, uploaded after the dépôt of the dossier through the pièces' own pipeline
 * (presigned POST, verification, immutable verified copy, download route), each upload scoped to one bilan.
 *
 * Types, stable from the fiche's order:
 * - `REALISATION_<n>`: the fiche's n-th expected pièce (`piecesJustificatives[n-1]`, étape `realisation`); with
 *   `alternatives` (« une des pièces suivantes ») the porteur says which one the file is (`bilan.alternative`);
 * - `ETAPE_<c>_<e>`: stage e of class c of the fiche's table of parcours stages (GP1), answered by one of its
 *   `piecesAcceptees` (also `bilan.alternative`), required once the porteur ticks the stage as mobilised; the fiche's
 *   line that names those stages (« Justificatifs d'étapes de parcours mobilisées ») is answered by the table;
 * - `DEPENSE` and `PUBLICITE`: evidence of an expense line or a publicity point, as many as needed, referenced by
 *   the bilan's `pieceIds`.
 * Pure: the use cases in ./use-cases.ts load and persist.
 */
import type { Bilan } from '../../schemas/bilan';
import type { FicheOperation } from '../../schemas/fiche';
import type { DemandeUpload, EtatPiece, Piece, TypePiece } from '../../schemas/piece';
import { Conflit, RegleMetier, RequeteInvalide, type DetailErreur } from '../errors';
import { slot, TOUS_FORMATS, typeDemande } from '../piece/piece';

export const TYPE_PIECE_DEPENSE = 'DEPENSE';
export const TYPE_PIECE_PUBLICITE = 'PUBLICITE';
const TAILLE_MAX_REALISATION = 20 * 1024 * 1024;

/** A fiche's line that the table of parcours stages answers (GP1: « Justificatifs d'étapes de parcours mobilisées »). */
const PAR_LES_ETAPES = /[ée]tapes? de parcours/i;

export type OrigineRealisation = 'fiche' | 'etape' | 'depense' | 'publicite';
export interface TypeRealisation extends TypePiece {
  origine: OrigineRealisation;
  /** The accepted pièces, any one answers (empty: the line's own libellé). */
  alternatives: string[];
  /** A stage's class (« 2 — Orientation, Mobilisation, Préqualification »). */
  classe: string | null;
  /** A fiche line answered by the table of stages, not by an upload of its own. */
  parEtapes: boolean;
}

const type = (t: Omit<TypeRealisation, 'typesAcceptes' | 'tailleMaxOctets'>): TypeRealisation => ({ ...t, typesAcceptes: TOUS_FORMATS, tailleMaxOctets: TAILLE_MAX_REALISATION });

/** Every type of evidence a bilan of this fiche takes. */
export function typesRealisation(fiche: Pick<FicheOperation, 'piecesJustificatives' | 'etapesParcours'>): TypeRealisation[] {
  const table = fiche.etapesParcours?.classes.some((c) => c.etapes.length) ?? false;
  const lignes = fiche.piecesJustificatives.flatMap((p, i) => p.etape !== 'realisation' ? [] : [type({
    code: `REALISATION_${i + 1}`, libelle: p.libelle, obligatoire: true, origine: 'fiche', alternatives: p.alternatives ?? [], classe: null,
    parEtapes: table && PAR_LES_ETAPES.test(p.libelle),
  })]);
  const etapes = (fiche.etapesParcours?.classes ?? []).flatMap((c, ci) => c.etapes.map((e, ei) => type({
    code: `ETAPE_${ci + 1}_${ei + 1}`, libelle: e.libelle, obligatoire: false, origine: 'etape', alternatives: e.piecesAcceptees,
    classe: c.libelle ? `${c.code} — ${c.libelle}` : c.code, parEtapes: false,
  })));
  return [
    ...lignes,
    ...etapes,
    type({ code: TYPE_PIECE_DEPENSE, libelle: 'Justificatif d’une dépense réalisée', obligatoire: false, origine: 'depense', alternatives: [], classe: null, parEtapes: false }),
    type({ code: TYPE_PIECE_PUBLICITE, libelle: 'Justificatif d’une obligation de publicité', obligatoire: false, origine: 'publicite', alternatives: [], classe: null, parEtapes: false }),
  ];
}

/** Evidence types kept one per line (a newer upload replaces the previous); expense and publicity evidence add up. */
export const uneParLigne = (code: string) => code !== TYPE_PIECE_DEPENSE && code !== TYPE_PIECE_PUBLICITE;

/**
 * A new upload slot for the evidence of bilan `bilan`: only while it is a draft (409 `BILAN_VERROUILLE` once
 * deposited); the type must be one of the fiche's, the accepted pièce named where the line offers several.
 */
export function nouvellePieceRealisation(
  dossierId: string,
  bilan: Bilan | null,
  demande: DemandeUpload & { bilan: NonNullable<DemandeUpload['bilan']> },
  types: readonly TypeRealisation[],
  p: { actor: Parameters<typeof slot>[2]['actor']; id: string; maintenant: Date; cle: string },
): Piece {
  const numero = demande.bilan.numero;
  if (!bilan) throw new RegleMetier('BILAN_NON_ENREGISTRE', `Enregistrez d’abord le brouillon du bilan n° ${numero} : ses pièces de réalisation s’y rattachent.`);
  if (bilan.statut !== 'brouillon') throw new Conflit('BILAN_VERROUILLE', `Le bilan n° ${numero} est déposé : ses pièces de réalisation ne changent plus.`);
  const t = typeDemande(types, demande, `pour ce bilan (pièces de réalisation de la fiche)`);
  if (t.parEtapes) {
    throw new RequeteInvalide('PIECE_PAR_ETAPES', `« ${t.libelle} » se justifie étape par étape : joignez les pièces des étapes de parcours mobilisées.`, [
      { chemin: 'corps.typePiece', message: 'Choisissez une étape de parcours (ETAPE_<classe>_<étape>).' },
    ]);
  }
  const choix = demande.bilan.alternative;
  if (t.alternatives.length && (choix === undefined || choix >= t.alternatives.length)) {
    throw new RequeteInvalide('PIECE_ACCEPTEE_A_PRECISER', `Précisez laquelle des pièces acceptées pour « ${t.libelle} » vous joignez.`, [
      { chemin: 'corps.bilan.alternative', message: `Une de : ${t.alternatives.map((a, i) => `${i} (${a})`).join(', ')}.` },
    ]);
  }
  if (!t.alternatives.length && choix !== undefined) {
    throw new RequeteInvalide('PIECE_ACCEPTEE_INCONNUE', `« ${t.libelle} » n’offre pas de choix entre plusieurs pièces.`, [{ chemin: 'corps.bilan.alternative', message: 'Retirez « alternative ».' }]);
  }
  if (demande.coordonnees) {
    throw new RequeteInvalide('COORDONNEES_HORS_RIB', 'Seul un relevé d’identité bancaire déclare des coordonnées bancaires.', [{ chemin: 'corps.coordonnees', message: 'Retirez les coordonnées bancaires.' }]);
  }
  return slot(dossierId, demande, p);
}

export type EtatLigne = 'attendue' | EtatPiece;
export interface LigneRealisation {
  code: string;
  libelle: string;
  origine: 'fiche' | 'etape';
  alternatives: string[];
  classe: string | null;
  parEtapes: boolean;
  /** Stages: ticked by the porteur as mobilised. */
  mobilisee: boolean;
  /** Must be satisfied for the final bilan's dépôt. */
  requise: boolean;
  etat: EtatLigne;
  piece: Piece | null;
  /** The accepted pièce the current upload is (its label), on a line that offers several. */
  pieceAcceptee: string | null;
}

/** The current upload of each one-per-line type of bilan `numero`: the newest not replaced. */
export const courantesDuBilan = (pieces: readonly Piece[], numero: number) =>
  new Map(pieces.filter((p) => p.bilan?.numero === numero && !p.remplaceeLe && uneParLigne(p.typePiece)).sort((a, b) => a.creeLe.localeCompare(b.creeLe)).map((p) => [p.typePiece, p]));

/**
 * The bilan's checklist: each fiche line satisfied by its valid upload (on a line with alternatives, an upload of any
 * one); each stage ticked as mobilised by one of its accepted pièces; the fiche's line naming the stages by at least
 * one stage mobilised and every mobilised stage satisfied.
 */
export function checklistRealisation(types: readonly TypeRealisation[], pieces: readonly Piece[], bilan: Pick<Bilan, 'numero' | 'contenu'>): LigneRealisation[] {
  const c = courantesDuBilan(pieces, bilan.numero);
  const mobilisees = new Set(bilan.contenu.etapesMobilisees ?? []);
  const etapes = types.filter((t) => t.origine === 'etape').map((t): LigneRealisation => {
    const piece = c.get(t.code) ?? null;
    const choix = piece?.bilan?.alternative;
    return {
      code: t.code, libelle: t.libelle, origine: 'etape', alternatives: t.alternatives, classe: t.classe, parEtapes: false,
      mobilisee: mobilisees.has(t.code), requise: mobilisees.has(t.code), etat: piece?.etat ?? 'attendue', piece,
      pieceAcceptee: choix === null || choix === undefined ? null : t.alternatives[choix] ?? null,
    };
  });
  const mobilisees2 = etapes.filter((e) => e.mobilisee);
  const etatTable: EtatLigne = mobilisees2.length === 0 || mobilisees2.some((e) => e.etat === 'attendue') ? 'attendue'
    : mobilisees2.some((e) => e.etat === 'rejetee') ? 'rejetee' : mobilisees2.some((e) => e.etat === 'en_verification') ? 'en_verification' : 'valide';
  const lignes = types.filter((t) => t.origine === 'fiche').map((t): LigneRealisation => {
    const piece = t.parEtapes ? null : c.get(t.code) ?? null;
    const choix = piece?.bilan?.alternative;
    return {
      code: t.code, libelle: t.libelle, origine: 'fiche', alternatives: t.alternatives, classe: null, parEtapes: t.parEtapes, mobilisee: false, requise: true,
      etat: t.parEtapes ? etatTable : piece?.etat ?? 'attendue', piece,
      pieceAcceptee: choix === null || choix === undefined ? null : t.alternatives[choix] ?? null,
    };
  });
  return [...lignes, ...etapes];
}

/** The bilan's own uploads of every type (current and replaced), for the download links. */
export const piecesDuBilan = (pieces: readonly Piece[], numero: number) => pieces.filter((p) => p.bilan?.numero === numero);

/** The required lines not satisfied, named in French (what refuses a final bilan's dépôt; an intermediate one is warned). */
export function realisationManquante(lignes: readonly LigneRealisation[]): DetailErreur[] {
  const etats = { attendue: 'manquante', en_verification: 'en cours de vérification', rejetee: 'rejetée', valide: '' } as const;
  return lignes
    .filter((l) => l.requise && l.etat !== 'valide')
    .map((l) => ({
      chemin: `piecesRealisation.${l.code}`,
      message: l.parEtapes && !lignes.some((e) => e.mobilisee)
        ? `${l.libelle} : cochez les étapes de parcours mobilisées et joignez leurs justificatifs.`
        : `${l.origine === 'etape' ? `Étape « ${l.libelle} »` : l.libelle} : ${etats[l.etat]}.`,
    }));
}

/** 422 `PIECES_REALISATION_MANQUANTES` for a final bilan while a required line is unsatisfied. */
export function exigerRealisation(nature: Bilan['nature'], lignes: readonly LigneRealisation[]) {
  const manquantes = realisationManquante(lignes);
  if (nature !== 'final' || !manquantes.length) return;
  throw new RegleMetier(
    'PIECES_REALISATION_MANQUANTES',
    `Le bilan final ne peut pas être déposé : ${manquantes.length === 1 ? 'une pièce de réalisation attendue manque' : `${manquantes.length} pièces de réalisation attendues manquent`} (${manquantes.map((m) => m.message.replace(/\.$/, '')).join(' ; ')}).`,
    manquantes,
  );
}

/** The stages a bilan says mobilised must be the fiche's (400 `ETAPE_INCONNUE`). */
export function verifierEtapes(types: readonly TypeRealisation[], etapes: readonly string[]) {
  const connues = new Set(types.filter((t) => t.origine === 'etape').map((t) => t.code));
  const inconnues = etapes.filter((e) => !connues.has(e));
  if (inconnues.length) {
    throw new RequeteInvalide('ETAPE_INCONNUE', connues.size ? `Étapes de parcours inconnues pour cette fiche : ${inconnues.join(', ')}.` : 'Cette fiche ne décrit pas d’étapes de parcours.', inconnues.map((e) => ({ chemin: 'corps.etapesMobilisees', message: `${e} : étape inconnue.` })));
  }
}

/**
 * The pièces a bilan references must be its own evidence of the matching kind: an expense line's `DEPENSE` pièces, a
 * publicity point's `PUBLICITE` ones, `piecesRealisation` any of them (422 `PIECE_INCONNUE`, each reference named).
 */
export function verifierReferences(demande: Pick<Bilan['contenu'], 'numero' | 'depenses' | 'publicite' | 'piecesRealisation'>, pieces: readonly Piece[]) {
  const siennes = new Map(piecesDuBilan(pieces, demande.numero).map((p) => [p.id, p]));
  const refs = [
    ...demande.depenses.flatMap((l, i) => l.pieceIds.map((id, j) => ({ id, chemin: `corps.depenses.${i}.pieceIds.${j}`, type: TYPE_PIECE_DEPENSE as string | null }))),
    ...demande.publicite.flatMap((p, i) => p.pieceIds.map((id, j) => ({ id, chemin: `corps.publicite.${i}.pieceIds.${j}`, type: TYPE_PIECE_PUBLICITE as string | null }))),
    ...demande.piecesRealisation.map((id, j) => ({ id, chemin: `corps.piecesRealisation.${j}`, type: null })),
  ];
  const fautes = refs.filter((r) => {
    const p = siennes.get(r.id);
    return !p || (r.type !== null && p.typePiece !== r.type);
  });
  if (fautes.length) {
    throw new RegleMetier('PIECE_INCONNUE', `Ce bilan cite des pièces qui ne sont pas ses justificatifs : ${fautes.map((f) => f.id).join(', ')}.`, fautes.map((f) => ({
      chemin: f.chemin, message: f.type ? `${f.id} : joignez une pièce « ${f.type === TYPE_PIECE_DEPENSE ? 'justificatif de dépense' : 'justificatif de publicité'} » à ce bilan.` : `${f.id} : pièce inconnue pour ce bilan.`,
    })));
  }
}
