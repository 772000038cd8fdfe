import { describe, expect, it } from 'vitest';
import {
  agePlusAncienMinutes, appliquerAnalyse, aReverifier, BALAYAGE, lireEvenementAnalyse, lireVerdict, MOTIFS_ANALYSE, seuilBalayage,
} from '#shared/domain/piece/analyse';
import type { Piece } from '#shared/schemas/piece';

const piece = (p: Partial<Piece> = {}): Piece => ({
  id: 'P1', dossierId: 'D1', typePiece: 'RIB', nomFichier: 'rib.pdf', taille: 10, typeContenu: 'application/pdf', sha256: 'x',
  etat: 'en_verification', motifRejet: null, cle: 'dossiers/D1/pieces/P1/1', creeLe: '2026-03-02T10:00:00.000Z', creePar: 'u',
  verifieLe: null, remplaceeLe: null, ...p,
});

/** An EventBridge event as GuardDuty publishes it (schema 1.0). */
const evenement = (statut: string, detail: Record<string, unknown> = {}) => ({
  version: '0', id: 'e1', 'detail-type': 'GuardDuty Malware Protection Object Scan Result', source: 'aws.guardduty',
  account: '123456789012', time: '2026-03-02T10:00:05Z', region: 'eu-west-3', resources: [],
  detail: {
    schemaVersion: '1.0', scanStatus: 'COMPLETED', resourceType: 'S3_OBJECT',
    s3ObjectDetails: { bucketName: 'fichiers', objectKey: 'dossiers/D1/pieces/P1/1', eTag: 'abc', versionId: 'v1', s3Throttled: false },
    scanResultDetails: { scanResultStatus: statut, threats: null },
    ...detail,
  },
});

describe('lireVerdict', () => {
  it('says clean when the status is NO_THREATS_FOUND', () => {
    expect(lireVerdict('NO_THREATS_FOUND')).toEqual({ issue: 'sain' });
  });

  it('rejects as infected with the French reason when the status is THREATS_FOUND', () => {
    expect(lireVerdict('THREATS_FOUND')).toMatchObject({ issue: 'rejet', motif: 'Fichier infecté (analyse antivirus)', code: 'FICHIER_INFECTE', panne: false });
  });

  it('rejects with its own reason, not as an operator fault, when the status is UNSUPPORTED', () => {
    expect(lireVerdict('UNSUPPORTED')).toMatchObject({ issue: 'rejet', motif: MOTIFS_ANALYSE.UNSUPPORTED.motif, panne: false });
  });

  it('rejects and flags an operator fault when the status is ACCESS_DENIED or FAILED', () => {
    expect(lireVerdict('ACCESS_DENIED')).toMatchObject({ issue: 'rejet', motif: MOTIFS_ANALYSE.ACCESS_DENIED.motif, panne: true });
    expect(lireVerdict('FAILED')).toMatchObject({ issue: 'rejet', motif: MOTIFS_ANALYSE.FAILED.motif, panne: true });
  });

  it('waits when the tag is absent, empty or unknown', () => {
    for (const s of [undefined, null, '', 'no_threats_found', 'PENDING']) expect(lireVerdict(s)).toEqual({ issue: 'en_attente' });
  });

  it('gives each refusal a distinct French reason when the statuses differ', () => {
    const motifs = Object.values(MOTIFS_ANALYSE).map((m) => m.motif);
    expect(new Set(motifs).size).toBe(motifs.length);
  });
});

describe('lireEvenementAnalyse', () => {
  it('reads the bucket, key, version and status when the event is a scan result', () => {
    expect(lireEvenementAnalyse(evenement('THREATS_FOUND'))).toEqual({ bucket: 'fichiers', cle: 'dossiers/D1/pieces/P1/1', versionId: 'v1', statut: 'THREATS_FOUND' });
  });

  it('returns null when the event is another GuardDuty event or malformed', () => {
    expect(lireEvenementAnalyse({ ...evenement('FAILED'), 'detail-type': 'GuardDuty Malware Protection Post Scan Action Failed' })).toBeNull();
    expect(lireEvenementAnalyse(evenement('FAILED', { s3ObjectDetails: {} }))).toBeNull();
    expect(lireEvenementAnalyse(null)).toBeNull();
  });
});

describe('appliquerAnalyse', () => {
  const valide = piece({ etat: 'valide', verifieLe: '2026-03-02T10:01:00.000Z' });

  it('keeps the pièce valid when the content passed and the scan is clean', () => {
    expect(appliquerAnalyse(valide, lireVerdict('NO_THREATS_FOUND'))).toEqual(valide);
  });

  it('rejects the pièce with the scan reason when the content passed but the scan found a threat', () => {
    expect(appliquerAnalyse(valide, lireVerdict('THREATS_FOUND'))).toMatchObject({ etat: 'rejetee', motifRejet: 'Fichier infecté (analyse antivirus)' });
  });

  it('records nothing (null) when the scan result is not known yet', () => {
    expect(appliquerAnalyse(valide, lireVerdict(undefined))).toBeNull();
  });

  it('keeps the content rejection when the content failed, whatever the scan says', () => {
    const rejetee = piece({ etat: 'rejetee', motifRejet: 'Le fichier est vide.' });
    expect(appliquerAnalyse(rejetee, lireVerdict('NO_THREATS_FOUND'))).toEqual(rejetee);
  });
});

describe('sweep selection', () => {
  const maintenant = new Date('2026-03-02T12:00:00.000Z');

  it('bounds the index query at delaiMinutes before now', () => {
    expect(seuilBalayage(maintenant)).toBe('2026-03-02T11:30:00.000Z');
    expect(BALAYAGE.delaiMinutes).toBeGreaterThan(15); // the presigned POST lives 15 minutes
  });

  it('selects pièces still en_verification created before the threshold, oldest first', () => {
    const vieille = piece({ id: 'A', creeLe: '2026-03-02T09:00:00.000Z' });
    const moins = piece({ id: 'B', creeLe: '2026-03-02T11:00:00.000Z' });
    const recente = piece({ id: 'C', creeLe: '2026-03-02T11:45:00.000Z' });
    const jugee = piece({ id: 'D', creeLe: '2026-03-02T08:00:00.000Z', etat: 'valide' });
    expect(aReverifier([moins, recente, jugee, vieille], maintenant).map((p) => p.id)).toEqual(['A', 'B']);
  });

  it('takes at most one lot per run when many are stuck', () => {
    const beaucoup = Array.from({ length: 5 }, (_, i) => piece({ id: `P${i}`, creeLe: `2026-03-02T0${i}:00:00.000Z` }));
    expect(aReverifier(beaucoup, maintenant, 30, 2).map((p) => p.id)).toEqual(['P0', 'P1']);
  });

  it('gives the age of the oldest pièce left waiting, 0 when none', () => {
    expect(agePlusAncienMinutes([piece({ creeLe: '2026-03-02T10:00:00.000Z' }), piece({ creeLe: '2026-03-02T11:00:00.000Z' })], maintenant)).toBe(120);
    expect(agePlusAncienMinutes([], maintenant)).toBe(0);
  });
});
