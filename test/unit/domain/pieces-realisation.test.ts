import { describe, expect, it } from 'vitest';
import { checklistRealisation, exigerRealisation, nouvellePieceRealisation, realisationManquante, typesRealisation, verifierEtapes, verifierReferences } from '#shared/domain/bilan/realisation';
import type { Bilan, DemandeBilan } from '#shared/schemas/bilan';
import type { Piece } from '#shared/schemas/piece';
import { aapPublie, codeDe, PORTEUR, T0 } from './support';

const aap = aapPublie();
const fiche = (code: string) => aap.fiches.find((f) => f.code === code)!;

const contenu = (etapesMobilisees: string[] = []): DemandeBilan => ({
  nature: 'final', numero: 2, depenses: [], ressources: { fsePercuCentimes: 0, cofinancements: [], autofinancementCentimes: 0, recettesCentimes: 0 },
  indicateurs: [], publicite: [], piecesRealisation: [], etapesMobilisees,
});
const bilan = (statut: Bilan['statut'] = 'brouillon', etapes: string[] = []): Bilan => ({
  dossierId: 'D', numero: 2, nature: 'final', statut, version: 1, contenu: contenu(etapes),
  cree: { le: T0.toISOString(), par: 'p', nom: 'P' }, modifie: { le: T0.toISOString(), par: 'p', nom: 'P' }, depot: null, realisation: null, csf: null,
});
let n = 0;
const piece = (typePiece: string, etat: Piece['etat'], alternative: number | null = null, numero = 2): Piece => ({
  id: `P${++n}`, dossierId: 'D', typePiece, nomFichier: 'f.pdf', taille: 10, typeContenu: 'application/pdf', sha256: '0'.repeat(64), etat, motifRejet: null,
  cle: `k${n}`, creeLe: new Date(T0.getTime() + n * 1000).toISOString(), creePar: 'p', verifieLe: null, remplaceeLe: null, bilan: { numero, alternative },
});
const demande = (typePiece: string, alternative?: number) => ({
  typePiece, nomFichier: 'preuve.pdf', taille: 1000, typeContenu: 'application/pdf' as const, sha256: 'a'.repeat(64), bilan: { numero: 2, ...(alternative === undefined ? {} : { alternative }) },
});
const slot = { actor: PORTEUR, id: 'X', maintenant: T0, cle: 'k' };

describe('the bilan’s « pièces de réalisation »', () => {
  it('derives stable codes from the fiche’s order: one line per realisation pièce, one per GP1 stage, and the generic types', () => {
    const hp1 = typesRealisation(fiche('HP1'));
    expect(hp1.filter((t) => t.origine === 'fiche').map((t) => t.code)).toEqual(['REALISATION_1', 'REALISATION_2', 'REALISATION_3', 'REALISATION_4', 'REALISATION_5', 'REALISATION_6']);
    expect(hp1.find((t) => t.code === 'REALISATION_1')!.alternatives).toHaveLength(2);
    expect(hp1.filter((t) => t.origine === 'etape')).toEqual([]);
    expect(hp1.map((t) => t.code)).toEqual(expect.arrayContaining(['DEPENSE', 'PUBLICITE']));
    const gp1 = typesRealisation(fiche('GP1'));
    expect(gp1.find((t) => t.code === 'ETAPE_1_1')).toMatchObject({ libelle: 'Atelier de Mobilisation (ASPPI24)', classe: '2 — Orientation, Mobilisation, Préqualification', alternatives: ['Attestation', 'compte-rendu Up Viesion', 'mail'] });
    // GP1's « Justificatifs d’étapes de parcours mobilisées » is answered by the table, not by an upload of its own.
    expect(gp1.filter((t) => t.parEtapes).map((t) => t.code)).toEqual(['REALISATION_2']);
  });

  it('a line with alternatives is satisfied by a valid upload of any one of them, the porteur saying which', () => {
    const types = typesRealisation(fiche('HP1'));
    expect(codeDe(() => nouvellePieceRealisation('D', bilan(), demande('REALISATION_1'), types, slot))).toBe('PIECE_ACCEPTEE_A_PRECISER');
    expect(codeDe(() => nouvellePieceRealisation('D', bilan(), demande('REALISATION_1', 2), types, slot))).toBe('PIECE_ACCEPTEE_A_PRECISER');
    expect(codeDe(() => nouvellePieceRealisation('D', bilan(), demande('REALISATION_2', 0), types, slot))).toBe('PIECE_ACCEPTEE_INCONNUE');
    expect(nouvellePieceRealisation('D', bilan(), demande('REALISATION_1', 1), types, slot).bilan).toEqual({ numero: 2, alternative: 1 });
    const lignes = checklistRealisation(types, [piece('REALISATION_1', 'valide', 1)], bilan());
    const l1 = lignes.find((l) => l.code === 'REALISATION_1')!;
    expect(l1).toMatchObject({ etat: 'valide', requise: true, pieceAcceptee: types[0]!.alternatives[1] });
    expect(realisationManquante(lignes).map((m) => m.chemin)).toEqual(['REALISATION_2', 'REALISATION_3', 'REALISATION_4', 'REALISATION_5', 'REALISATION_6'].map((c) => `piecesRealisation.${c}`));
  });

  it('the newest upload of a line answers it; another bilan’s uploads and rejected ones do not', () => {
    const types = typesRealisation(fiche('HP1'));
    const vieille = { ...piece('REALISATION_2', 'valide'), remplaceeLe: T0.toISOString() };
    const lignes = checklistRealisation(types, [vieille, piece('REALISATION_2', 'rejetee'), piece('REALISATION_3', 'valide', null, 1)], bilan());
    expect(lignes.find((l) => l.code === 'REALISATION_2')!.etat).toBe('rejetee');
    expect(lignes.find((l) => l.code === 'REALISATION_3')!.etat).toBe('attendue');
    // Only a valid upload satisfies a line: a rejected one is named as such.
    expect(realisationManquante(lignes).find((m) => m.chemin === 'piecesRealisation.REALISATION_2')!.message).toBe('Réunions partenariales : feuilles d’émargement et/ou compte-rendu ou prises de notes : rejetée.');
  });

  it('GP1: each stage ticked as mobilised needs one of its accepted pièces; the stages’ line needs at least one stage', () => {
    const types = typesRealisation(fiche('GP1'));
    const avant = checklistRealisation(types, [piece('REALISATION_1', 'valide')], bilan());
    expect(realisationManquante(avant)).toEqual([{ chemin: 'piecesRealisation.REALISATION_2', message: expect.stringContaining('cochez les étapes de parcours mobilisées') }]);
    const coche = bilan('brouillon', ['ETAPE_1_1', 'ETAPE_1_7']);
    const une = checklistRealisation(types, [piece('REALISATION_1', 'valide'), piece('ETAPE_1_1', 'valide', 2)], coche);
    expect(une.find((l) => l.code === 'ETAPE_1_1')).toMatchObject({ mobilisee: true, requise: true, etat: 'valide', pieceAcceptee: 'mail' });
    expect(realisationManquante(une).map((m) => m.chemin)).toEqual(['piecesRealisation.REALISATION_2', 'piecesRealisation.ETAPE_1_7']);
    expect(codeDe(() => exigerRealisation('final', une))).toBe('PIECES_REALISATION_MANQUANTES');
    expect(() => exigerRealisation('intermediaire', une)).not.toThrow();
    const toutes = checklistRealisation(types, [piece('REALISATION_1', 'valide'), piece('ETAPE_1_1', 'valide', 2), piece('ETAPE_1_7', 'valide', 3)], coche);
    expect(realisationManquante(toutes)).toEqual([]);
    // A stage not ticked is not required, even without a pièce.
    expect(toutes.find((l) => l.code === 'ETAPE_1_2')).toMatchObject({ mobilisee: false, requise: false, etat: 'attendue' });
    expect(codeDe(() => nouvellePieceRealisation('D', bilan(), demande('REALISATION_2'), types, slot))).toBe('PIECE_PAR_ETAPES');
    expect(codeDe(() => verifierEtapes(types, ['ETAPE_99_1']))).toBe('ETAPE_INCONNUE');
    expect(codeDe(() => verifierEtapes(typesRealisation(fiche('HP1')), ['ETAPE_1_1']))).toBe('ETAPE_INCONNUE');
  });

  it('a deposited bilan’s pièces are locked; a bilan not saved yet takes none', () => {
    const types = typesRealisation(fiche('HP1'));
    expect(codeDe(() => nouvellePieceRealisation('D', bilan('depose'), demande('DEPENSE'), types, slot))).toBe('BILAN_VERROUILLE');
    expect(codeDe(() => nouvellePieceRealisation('D', null, demande('DEPENSE'), types, slot))).toBe('BILAN_NON_ENREGISTRE');
    expect(codeDe(() => nouvellePieceRealisation('D', bilan(), demande('STATUTS'), types, slot))).toBe('TYPE_PIECE_INCONNU');
  });

  it('a bilan cites only its own evidence of the matching kind', () => {
    const dep = piece('DEPENSE', 'valide');
    const pub = piece('PUBLICITE', 'valide');
    const autre = piece('DEPENSE', 'valide', null, 1);
    const ligne = { id: 'L1', categorie: 'fonctionnement' as const, libelle: 'Salle', montantCentimes: 100, date: '2026-01-01', acquittee: true, pieceIds: [dep.id] };
    const ok = { ...contenu(), depenses: [ligne], publicite: [{ point: 'affiche_a3' as const, respecte: true, pieceIds: [pub.id] }] };
    expect(() => verifierReferences(ok, [dep, pub, autre])).not.toThrow();
    expect(codeDe(() => verifierReferences({ ...ok, depenses: [{ ...ligne, pieceIds: [pub.id] }] }, [dep, pub]))).toBe('PIECE_INCONNUE');
    expect(codeDe(() => verifierReferences({ ...ok, depenses: [{ ...ligne, pieceIds: [autre.id] }] }, [dep, pub, autre]))).toBe('PIECE_INCONNUE');
    expect(codeDe(() => verifierReferences({ ...ok, piecesRealisation: ['inconnue'] }, [dep, pub]))).toBe('PIECE_INCONNUE');
  });
});
