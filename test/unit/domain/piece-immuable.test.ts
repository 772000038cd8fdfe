import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { copieVerifiee, ecritureApresVerdict } from '#shared/domain/piece/immuable';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const SCELLES = new Uint8Array(Buffer.from('%PDF-1.7 scellé'));
const maintenant = new Date('2026-03-02T10:00:00Z');
/** The bytes the upload key holds now, as the storage port would read them. */
const stocke = (octets: Uint8Array | 'trop_gros') => ({ stockage: { lireObjet: async () => octets }, maintenant });
const piece = { cle: 'dossiers/D/pieces/P/1', sha256: sha(SCELLES) };

describe('ecritureApresVerdict', () => {
  it('reports nothing when the upload key still holds the sealed bytes (an event delivered twice)', async () => {
    expect(await ecritureApresVerdict(stocke(SCELLES), 'b', piece, 1000)).toBeNull();
  });

  it('reports the SHA-256 and size of other bytes written to the key after the verdict', async () => {
    const autres = new Uint8Array(Buffer.from('X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR'));
    expect(await ecritureApresVerdict(stocke(autres), 'b', piece, 1000)).toEqual({ le: maintenant.toISOString(), sha256: sha(autres), taille: autres.length });
  });

  it('reports a write too large to read, without its hash', async () => {
    expect(await ecritureApresVerdict(stocke('trop_gros'), 'b', piece, 10)).toEqual({ le: maintenant.toISOString(), sha256: null, taille: null });
  });
});

describe('copieVerifiee', () => {
  it('serves the verified copy at its version when one was recorded', () => {
    expect(copieVerifiee({ cleVerifiee: 'verifie/dossiers/D/pieces/P/1', versionVerifiee: 'v1' })).toEqual({ cle: 'verifie/dossiers/D/pieces/P/1', version: 'v1' });
    expect(copieVerifiee({ cleVerifiee: 'verifie/dossiers/D/pieces/P/1' })).toEqual({ cle: 'verifie/dossiers/D/pieces/P/1', version: null });
  });

  it('refuses with PIECE_SANS_COPIE_VERIFIEE when the upload was verified before verified copies existed', () => {
    expect(() => copieVerifiee({ cleVerifiee: null })).toThrow(expect.objectContaining({ code: 'PIECE_SANS_COPIE_VERIFIEE', httpStatus: 409 }));
  });
});
