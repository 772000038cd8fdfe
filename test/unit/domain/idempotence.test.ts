import { describe, expect, it } from 'vitest';
import { enregistrerIdempotence, enVigueur, porteeIdempotence, rejouer } from '#shared/domain/idempotence';
import { RegleMetier } from '#shared/domain/errors';
import { PORTEUR } from './support';

const DEMANDE = { cle: 'cle-00000001', route: 'POST /dossiers/{id}/depot', empreinte: 'a'.repeat(64) };
const T0 = new Date('2026-11-02T10:00:00Z');

describe('idempotence', () => {
  it('scopes a key to its user and route', () => {
    expect(porteeIdempotence(PORTEUR, DEMANDE)).toEqual({ utilisateur: PORTEUR.userId, route: DEMANDE.route, cle: DEMANDE.cle });
  });

  it('holds a record 24 hours, then counts it as absent', () => {
    const e = enregistrerIdempotence(PORTEUR, DEMANDE, { id: 'D1' }, T0);
    expect(e.expireLe).toBe('2026-11-03T10:00:00.000Z');
    expect(enVigueur(e, new Date('2026-11-03T09:59:59.999Z'))).toBe(e);
    expect(enVigueur(e, new Date('2026-11-03T10:00:00.000Z'))).toBeNull();
  });

  it('replays the same request and refuses another one with IDEMPOTENCE_CONFLIT', () => {
    const e = enregistrerIdempotence(PORTEUR, DEMANDE, { id: 'D1' }, T0);
    expect(rejouer(e, DEMANDE)).toEqual({ id: 'D1' });
    const autre = () => rejouer(e, { ...DEMANDE, empreinte: 'b'.repeat(64) });
    expect(autre).toThrow(RegleMetier);
    expect(autre).toThrow(expect.objectContaining({ code: 'IDEMPOTENCE_CONFLIT', httpStatus: 422 }));
  });
});
