import { describe, expect, it } from 'vitest';
import type { Dossier } from '#shared/schemas/dossier';
import { compter, complementsEnRetard, correspond, motsDe } from '#shared/domain/dossier/tableau-de-bord';

const dossier = (p: Partial<Dossier>): Dossier =>
  ({
    id: 'd', reference: 'AAP-X-HP1-001', organisationNom: 'Association Élan', siret: '12345678900010', statut: 'depose',
    contenu: { intitule: 'Œuvre commune' }, complements: null, creeLe: '2026-01-01T00:00:00Z', depot: null, ...p,
  }) as Dossier;

describe('tableau de bord', () => {
  it('counts compléments as overdue the day after their due date', () => {
    const c = dossier({ statut: 'complement_demande', complements: { pieces: [], message: '', dateLimite: '2026-03-10', demandeLe: '', demandePar: '' } });
    expect(complementsEnRetard(c, '2026-03-10')).toBe(false);
    expect(complementsEnRetard(c, '2026-03-11')).toBe(true);
    const n = compter([c, dossier({}), dossier({ statut: 'recevable' })], () => '2026-03-11');
    expect([n.complements, n.complements_en_retard, n.a_examiner, n.a_instruire, n.a_programmer]).toEqual([1, 1, 1, 1, 0]);
  });

  it('matches every word, folded, against référence, organisation, SIRET and intitulé', () => {
    const d = dossier({});
    expect(correspond(d, motsDe('ELAN oeuvre'))).toBe(true);
    expect(correspond(d, motsDe('élan  hp1-001'))).toBe(true);
    expect(correspond(d, motsDe('123 456'))).toBe(true);
    expect(correspond(d, motsDe('élan absent'))).toBe(false);
    expect(correspond(d, motsDe('   '))).toBe(true);
  });
});
