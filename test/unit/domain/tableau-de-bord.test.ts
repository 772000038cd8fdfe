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

describe('tableau de bord: bilans and payments', () => {
  const suivi = (bilans: NonNullable<Dossier['suivi']['bilans']>['bilans'], paiements = { aValider: 0, aMettreEnPaiement: 0, aConstater: 0 }) =>
    ({ bilans: { bilans, paiements } }) as Dossier['suivi'];
  const bilan = (numero: number, statut: 'brouillon' | 'depose' | 'en_csf' | 'csf_contradictoire' | 'csf_definitif', payerAvant: string | null, reponseLe: string | null = null) =>
    ({ numero, nature: numero === 2 ? 'final' as const : 'intermediaire' as const, statut, deposeLe: payerAvant ? '2026-01-01T10:00:00Z' : null, payerAvant, reponseLe });

  it('lists the bilans under way (late first, then by deadline) and the payments to move on, never a draft or a final CSF', async () => {
    const { bilansEnCours } = await import('#shared/domain/dossier/gestion');
    const a = dossier({ id: 'a', reference: 'R-A', suivi: suivi([bilan(1, 'csf_definitif', '2026-03-01'), bilan(2, 'depose', '2026-06-20')], { aValider: 2, aMettreEnPaiement: 0, aConstater: 1 }) });
    const b = dossier({ id: 'b', reference: 'R-B', suivi: suivi([bilan(1, 'csf_contradictoire', '2026-05-01', '2026-04-02T08:00:00Z'), bilan(2, 'brouillon', null)]) });
    const c = dossier({ id: 'c', reference: 'R-C', suivi: suivi([bilan(1, 'en_csf', '2026-04-30')]) });
    const sans = dossier({ id: 'd', reference: 'R-D', suivi: {} });
    const lignes = bilansEnCours([a, b, c, sans], '2026-05-01');
    expect(lignes.map((l) => [l.dossierId, l.etape, l.numero, l.nombre, l.payerAvant, l.enRetard])).toEqual([
      ['c', 'en_csf', 1, null, '2026-04-30', true],
      ['b', 'reponse_recue', 1, null, '2026-05-01', false],
      ['a', 'a_controler', 2, null, '2026-06-20', false],
      ['a', 'paiement_a_valider', null, 2, '2026-06-20', false],
      ['a', 'paiement_a_constater', null, 1, '2026-06-20', false],
    ]);
  });
});
