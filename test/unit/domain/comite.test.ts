import { describe, expect, it } from 'vitest';
import type { Actor } from '#shared/auth/roles';
import { cloturer, decompte, exigerVotant, inscrire, nouveauComite, quorumAtteint, roleDans } from '#shared/domain/comite/comite';
import { nouveauDossier } from '#shared/domain/dossier/dossier';
import { AccesRefuse, RegleMetier } from '#shared/domain/errors';
import type { Comite, DeclarationConflit, ReglesComite, Vote } from '#shared/schemas/comite';
import type { Dossier } from '#shared/schemas/dossier';
import { aapPublie, codeDe, OI, ORG, PORTEUR, T0 } from './support';

const M = [1, 2, 3, 4, 5].map((n) => `comite${n}@guichet.test`);
/** Members as a demande names them, and as the identity provider knows them (user id = e-mail, for readability). */
const MM = M.map((email) => ({ email, qualite: '' }));
const personnes = new Map([...M, 'autre@guichet.test'].map((e) => [e, { id: e, email: e, prenom: null, nom: null, qualite: null }]));
const membre = (email: string): Actor => ({ userId: email, email, roles: ['comite'], oi: null, prenom: null, nom: null });
const HP = 'PLIE du Haut Périgord';
const SIMPLE: ReglesComite = { quorum: { type: 'moitie_plus_un' }, majorite: 'simple' };

const aap = aapPublie();

/** An instruit dossier of the HP PLIE with `propose` cents of FSE proposed. */
function instruit(id: string, fiche: 'HP1' | 'HP2', propose: number): Dossier {
  const d = nouveauDossier({ aap, fiche: aap.fiches.find((f) => f.code === fiche)!, organisation: ORG, actor: PORTEUR, id, maintenant: T0 });
  return { ...d, reference: `REF-${id}`, statut: 'instruit', suivi: { ...d.suivi, avis: 'favorable', montantFsePropose: propose } };
}

function seance(dossiers: Dossier[], r: ReglesComite = SIMPLE): { comite: Comite; dossiers: Dossier[] } {
  const c = nouveauComite(aap, { aapId: aap.id, plie: HP, date: '2026-11-01', heure: '09:00', lieu: '', membres: MM, president: M[0]!, regles: r }, { actor: OI, id: 'C1', maintenant: T0, personnes });
  return inscrire(c, dossiers, { publier: true, maintenant: T0 });
}

const vote = (membreEmail: string, dossierId: string, v: Vote['vote']): Vote => ({ dossierId, membre: membreEmail, vote: v, voteLe: T0.toISOString() });
const coi = (membreEmail: string, dossierId: string, conflit: boolean): DeclarationConflit => ({ dossierId, membre: membreEmail, conflit, commentaire: '', declareLe: T0.toISOString() });
const ENVELOPPE = { enveloppeCentimes: 10_000_00, programmeCentimes: 0, selectionneCentimes: 0 };
/** Everyone present, the OI closing: the attendance rules are tested on their own. */
const TOUS = { presents: M, closPar: OI.userId };

/** Votes given as a string, one letter per member in order: p(our), c(ontre), a(bstention), - (no vote). */
const votes = (dossierId: string, s: string) => [...s].flatMap((l, i) => (l === '-' ? [] : [vote(M[i]!, dossierId, ({ p: 'pour', c: 'contre', a: 'abstention' } as const)[l as 'p' | 'c' | 'a'])]));

describe('quorumAtteint', () => {
  it.each([
    [SIMPLE, 5, 3, true],
    [SIMPLE, 5, 2, false],
    [SIMPLE, 4, 2, false], // exactly half is not more than half
    [SIMPLE, 4, 3, true],
    [SIMPLE, 1, 1, true],
    [SIMPLE, 0, 0, false],
    [{ quorum: { type: 'nombre', nombre: 3 }, majorite: 'simple' } as ReglesComite, 5, 3, true],
    [{ quorum: { type: 'nombre', nombre: 3 }, majorite: 'simple' } as ReglesComite, 5, 2, false],
  ])('with %j, %i eligible members and %i voters → %s', (r, eligibles, votants, attendu) => {
    expect(quorumAtteint(r, eligibles, votants)).toBe(attendu);
  });
});

describe('decompte', () => {
  it('leaves out the votes of a member in conflict and of anyone not sitting, and lowers the eligible count', () => {
    const { comite } = seance([instruit('A', 'HP1', 1000)]);
    const v = [...votes('A', 'ppcaa'), vote('intrus@guichet.test', 'A', 'pour'), vote(M[0]!, 'B', 'contre')];
    expect(decompte(comite, 'A', v, [coi(M[4]!, 'A', true), coi(M[3]!, 'A', false)])).toEqual({ pour: 2, contre: 1, abstention: 1, exclus: [M[4]], votants: 4, eligibles: 4 });
  });
});

describe('cloturer', () => {
  const clore = (v: string, r: ReglesComite = SIMPLE, demande: Array<{ dossierId: string; ajourner: boolean; motif?: string }> = []) => {
    const { comite, dossiers } = seance([instruit('A', 'HP1', 800_000)], r);
    return cloturer(comite, { dossiers, votes: votes('A', v), conflits: [], enveloppe: ENVELOPPE, maintenant: T0, demande, ...TOUS });
  };

  it.each([
    ['ppcaa', SIMPLE, 'selectionne'],
    ['ppcc-', SIMPLE, 'rejete'], // a tie is not a majority
    ['aaa--', SIMPLE, 'ajourne'], // nobody voted pour or contre
    ['pppcc', { quorum: { type: 'moitie_plus_un' }, majorite: 'deux_tiers' } as ReglesComite, 'rejete'], // 3/5 < 2/3
    ['ppca-', { quorum: { type: 'moitie_plus_un' }, majorite: 'deux_tiers' } as ReglesComite, 'selectionne'], // 2/3 exactly
  ])('decides from the votes %s under %j: %s', (v, r, decision) => {
    expect(clore(v, r, [{ dossierId: 'A', ajourner: false, motif: 'Motif écrit par la présidence.' }]).comite.decisions[0]!.decision).toBe(decision);
  });

  it('refuses to reject a dossier without the president’s motif, and keeps the motif written', () => {
    try {
      clore('ppcc-');
      expect.unreachable();
    } catch (e) {
      expect((e as RegleMetier).code).toBe('MOTIF_REJET_REQUIS');
      expect((e as RegleMetier).details).toEqual([{ chemin: 'decisions.A.motif', message: 'REF-A : motif du rejet requis.' }]);
    }
    expect(codeDe(() => clore('ppcc-', SIMPLE, [{ dossierId: 'A', ajourner: false, motif: '   ' }]))).toBe('MOTIF_REJET_REQUIS');
    const r = clore('ppcc-', SIMPLE, [{ dossierId: 'A', ajourner: false, motif: 'Public hors du périmètre de la fiche.' }]);
    expect(r.dossiers[0]!.suivi.decision).toMatchObject({ statut: 'rejete', motif: 'Public hors du périmètre de la fiche.' });
  });

  it('writes the decision on the dossier with the FSE proposed, and a motif without the vote counts', () => {
    const r = clore('pppca');
    expect(r.dossiers[0]).toMatchObject({ statut: 'selectionne', suivi: { decision: { statut: 'selectionne', montantFseCentimes: 800_000, motif: 'Avis favorable du comité.' } } });
    expect(r.comite.decisions[0]).toMatchObject({ pour: 3, contre: 1, abstention: 1, montantFseCentimes: 800_000 });
    expect(r.comite).toMatchObject({ statut: 'clos', enveloppe: { selectionneCentimes: 800_000 } });
  });

  it('refuses without quorum, naming the dossier and the count, unless the dossier is adjourned', () => {
    const { comite, dossiers } = seance([instruit('A', 'HP1', 800_000)]);
    const p = { dossiers, votes: votes('A', 'pp---'), conflits: [], enveloppe: ENVELOPPE, maintenant: T0, ...TOUS };
    try {
      cloturer(comite, { ...p, demande: [] });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(RegleMetier);
      expect((e as RegleMetier).code).toBe('QUORUM_NON_ATTEINT');
      expect((e as RegleMetier).details).toEqual([{ chemin: 'votes', message: 'REF-A : 2 votant(s) sur 5 membre(s) sans conflit' }]);
    }
    const r = cloturer(comite, { ...p, demande: [{ dossierId: 'A', ajourner: true, motif: 'Pièces à compléter.' }] });
    expect(r.comite.decisions[0]).toMatchObject({ decision: 'ajourne', motif: 'Pièces à compléter.', montantFseCentimes: 0 });
  });

  it('refuses, with the figures, selections over what remains of the enveloppe; to the cent, the rest fits', () => {
    const { comite, dossiers } = seance([instruit('A', 'HP1', 600_000), instruit('B', 'HP2', 300_001)]);
    const p = { dossiers, votes: [...votes('A', 'ppp--'), ...votes('B', 'ppp--')], conflits: [], maintenant: T0, demande: [], ...TOUS };
    const trop = { enveloppeCentimes: 1_000_000, programmeCentimes: 50_000, selectionneCentimes: 50_000 };
    try {
      cloturer(comite, { ...p, enveloppe: trop });
      expect.unreachable();
    } catch (e) {
      expect((e as RegleMetier).code).toBe('ENVELOPPE_DEPASSEE');
      expect((e as RegleMetier).message).toContain('9\u00a0000,01\u00a0€');
      expect((e as RegleMetier).message).toContain('9\u00a0000,00\u00a0€');
    }
    const juste = cloturer(comite, { ...p, enveloppe: { ...trop, selectionneCentimes: 49_999 } });
    expect(juste.comite.enveloppe).toEqual({ enveloppeCentimes: 1_000_000, programmeCentimes: 50_000, selectionneCentimes: 49_999 + 900_001 });
  });

  it('refuses to close before the session’s day in the comité’s zone, and closes from its first minute', () => {
    const { comite, dossiers } = seance([instruit('A', 'HP1', 800_000)]);
    const demain = { ...comite, date: '2026-11-02' };
    const p = { dossiers, votes: votes('A', 'ppp--'), conflits: [], enveloppe: ENVELOPPE, demande: [], ...TOUS };
    // 23:30 UTC on 1 November is 00:30 on 2 November in Paris.
    expect(codeDe(() => cloturer(demain, { ...p, maintenant: new Date('2026-11-01T22:59:59Z') }))).toBe('SEANCE_A_VENIR');
    expect(codeDe(() => cloturer(demain, { ...p, maintenant: new Date('2026-11-01T23:30:00Z') }))).toBe('SEANCE_A_VENIR');
    const minuit = { ...demain, heure: '00:00' };
    expect(codeDe(() => cloturer(minuit, { ...p, maintenant: new Date('2026-11-01T22:59:59.999Z') }))).toBe('SEANCE_A_VENIR');
    expect(cloturer(minuit, { ...p, maintenant: new Date('2026-11-01T23:00:00Z') }).comite.statut).toBe('clos');
  });

  it('refuses to close hours before the scheduled hour on the session’s day (PV « 14:00 », not « close à 09:27 »)', () => {
    const { comite, dossiers } = seance([instruit('A', 'HP1', 800_000)]);
    const seance14h = { ...comite, date: '2026-11-02', heure: '14:00' };
    const p = { dossiers, votes: votes('A', 'ppp--'), conflits: [], enveloppe: ENVELOPPE, demande: [], ...TOUS };
    // 09:27 and 13:59:59 in Paris (UTC+1 in November): refused; 14:00 exactly: closed.
    try {
      cloturer(seance14h, { ...p, maintenant: new Date('2026-11-02T08:27:00Z') });
      expect.unreachable();
    } catch (e) {
      expect((e as RegleMetier).code).toBe('SEANCE_A_VENIR');
      expect((e as RegleMetier).message).toContain('à 14:00 (Europe/Paris)');
    }
    expect(codeDe(() => cloturer(seance14h, { ...p, maintenant: new Date('2026-11-02T12:59:59.999Z') }))).toBe('SEANCE_A_VENIR');
    expect(cloturer(seance14h, { ...p, maintenant: new Date('2026-11-02T13:00:00Z') }).comite.closLe).toBe('2026-11-02T13:00:00.000Z');
  });

  describe('attendance', () => {
    const { comite, dossiers } = seance([instruit('A', 'HP1', 800_000)]);
    // comite1 … comite3 vote, comite4 only declares (a conflict), comite5 does nothing.
    const p = { dossiers, votes: votes('A', 'ppp--'), conflits: [coi(M[3]!, 'A', true)], enveloppe: ENVELOPPE, maintenant: T0, demande: [], closPar: OI.userId };
    const refus = (presents: string[], closPar = OI.userId) => {
      try {
        cloturer(comite, { ...p, presents, closPar });
      } catch (e) {
        return { code: (e as RegleMetier).code, status: (e as RegleMetier).httpStatus, details: (e as RegleMetier).details };
      }
      return expect.unreachable();
    };

    it('records who was ticked present, in the comité’s order, including a member who neither voted nor declared', () => {
      const r = cloturer(comite, { ...p, presents: [M[4]!, M[3]!, M[2]!, M[1]!, M[0]!, M[4]!] });
      expect(r.comite.presents).toEqual(M);
      expect(cloturer(comite, { ...p, presents: M.slice(0, 4) }).comite.presents).toEqual(M.slice(0, 4));
    });

    it('refuses an id that does not sit on the comité', () => {
      expect(refus([...M.slice(0, 4), 'autre@guichet.test'])).toEqual({
        code: 'PRESENCE_INCONNUE', status: 422, details: [{ chemin: 'corps.presents', message: '« autre@guichet.test » ne siège pas à ce comité.' }],
      });
    });

    it('refuses when a member who voted or declared is not listed present, naming each', () => {
      expect(refus([M[0]!, M[2]!])).toEqual({
        code: 'PRESENCE_INCOHERENTE', status: 422, details: [
          { chemin: 'corps.presents', message: `${M[1]} a pris part à la séance (vote ou déclaration d’intérêts) : cochez sa présence.` },
          { chemin: 'corps.presents', message: `${M[3]} a pris part à la séance (vote ou déclaration d’intérêts) : cochez sa présence.` },
        ],
      });
    });

    it('refuses a president who closes the session without being listed present; the OI may close in his absence', () => {
      const sansVotePresident = { ...p, votes: votes('A', '-ppp-'), conflits: [] };
      expect(cloturer(comite, { ...sansVotePresident, presents: M.slice(1, 4) }).comite.presents).toEqual(M.slice(1, 4));
      expect(codeDe(() => cloturer(comite, { ...sansVotePresident, presents: M.slice(1, 4), closPar: M[0]! }))).toBe('PRESENCE_INCOHERENTE');
      expect(cloturer(comite, { ...sansVotePresident, presents: M.slice(0, 4), closPar: M[0]! }).comite.presents).toEqual(M.slice(0, 4));
    });
  });

  it('refuses a second closing', () => {
    const r = clore('ppp--');
    expect(codeDe(() => cloturer(r.comite, { dossiers: r.dossiers, votes: [], conflits: [], enveloppe: ENVELOPPE, maintenant: T0, demande: [], ...TOUS }))).toBe('COMITE_CLOS');
  });
});

describe('who may vote', () => {
  const { comite } = seance([instruit('A', 'HP1', 1000)]);
  it.each([
    ['a member who declared no conflict', null, membre(M[1]!), 'A', coi(M[1]!, 'A', false)],
    ['a member who has not declared', 'DECLARATION_REQUISE', membre(M[1]!), 'A', null],
    ['a member in conflict', 'CONFLIT_INTERETS', membre(M[1]!), 'A', coi(M[1]!, 'A', true)],
    ['a member, off the agenda', 'DOSSIER_HORS_ORDRE_DU_JOUR', membre(M[1]!), 'Z', coi(M[1]!, 'Z', false)],
    ['someone of the comite group not sitting', 'ACCES_REFUSE', membre('comite9@guichet.test'), 'A', null],
    ['a porteur', 'ACCES_REFUSE', PORTEUR, 'A', null],
    ['OI staff', 'ACCES_REFUSE', OI, 'A', null],
  ])('%s → %s', (_, code, actor, dossierId, declaration) => {
    expect(codeDe(() => exigerVotant(comite, actor, dossierId, declaration))).toBe(code);
  });

  it('gives the OI, the president and members their role, and nobody else any', () => {
    expect([OI, membre(M[0]!), membre(M[2]!), PORTEUR, { ...OI, oi: 'AUTRE' }].map((a) => roleDans(comite, a))).toEqual(['oi', 'president', 'membre', null, null]);
  });
});

describe('inscrire', () => {
  it('takes only instruit dossiers of its PLIE, and the agenda is fixed once published', () => {
    const c = nouveauComite(aap, { aapId: aap.id, plie: HP, date: '2026-12-07', heure: '14:00', lieu: '', membres: MM, president: M[0]!, regles: SIMPLE }, { actor: OI, id: 'C1', maintenant: T0, personnes });
    const autrePlie = { ...instruit('X', 'HP1', 1), plie: 'PLIE de Bordeaux', plieId: 'bordeaux' };
    // A PLIE renamed since the dossier was created is still the same PLIE: compared by id.
    const renomme = { ...instruit('R', 'HP1', 1), plie: 'Ancien nom du PLIE' };
    expect(renomme.plieId).toBe('haut-perigord');
    expect(codeDe(() => inscrire(c, [renomme], { publier: false, maintenant: T0 }))).toBeNull();
    const depose = { ...instruit('Y', 'HP1', 1), statut: 'depose' as const };
    expect(codeDe(() => inscrire(c, [autrePlie], { publier: false, maintenant: T0 }))).toBe('DOSSIER_NON_INSCRIPTIBLE');
    expect(codeDe(() => inscrire(c, [depose], { publier: false, maintenant: T0 }))).toBe('DOSSIER_NON_INSCRIPTIBLE');
    expect(codeDe(() => inscrire(c, [], { publier: true, maintenant: T0 }))).toBe('ORDRE_DU_JOUR_VIDE');
    const { comite, dossiers } = inscrire(c, [instruit('A', 'HP1', 1)], { publier: true, maintenant: T0 });
    expect([comite.statut, dossiers[0]!.statut]).toEqual(['ouvert', 'inscrit_comite']);
    expect(codeDe(() => inscrire(comite, [instruit('B', 'HP2', 1)], { publier: false, maintenant: T0 }))).toBe('ORDRE_DU_JOUR_PUBLIE');
  });

  it('refuses a president who does not sit, a member named twice, a PLIE the AAP does not cover', () => {
    const demande = { aapId: aap.id, plie: HP, date: '2026-12-07', heure: '14:00', lieu: '', membres: MM, president: M[0]!, regles: SIMPLE };
    expect(codeDe(() => nouveauComite(aap, { ...demande, president: 'autre@guichet.test' }, { actor: OI, id: 'C', maintenant: T0, personnes }))).toBe('COMITE_INVALIDE');
    expect(codeDe(() => nouveauComite(aap, { ...demande, membres: [...MM, MM[0]!] }, { actor: OI, id: 'C', maintenant: T0, personnes }))).toBe('COMITE_INVALIDE');
    expect(codeDe(() => nouveauComite(aap, { ...demande, plie: 'PLIE imaginaire' }, { actor: OI, id: 'C', maintenant: T0, personnes }))).toBe('COMITE_INVALIDE');
    expect(() => nouveauComite(aap, demande, { actor: PORTEUR, id: 'C', maintenant: T0, personnes })).toThrow(AccesRefuse);
  });
});
