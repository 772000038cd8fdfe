import { describe, expect, it } from 'vitest';
import { groupeALaConfirmation, type Actor, type Role } from '#shared/auth/roles';
import { exiger, groupesDe, peut, POLITIQUE, relations } from '#shared/auth/politique';
import { AccesRefuse, Introuvable } from '#shared/domain/errors';

describe('groupeALaConfirmation', () => {
  it.each([
    ['PostConfirmation_ConfirmSignUp', 'porteur'],
    ['PostConfirmation_ConfirmForgotPassword', null],
    ['PreSignUp_SignUp', null],
  ])('gives %s the group %s', (source, groupe) => {
    expect(groupeALaConfirmation(source)).toBe(groupe);
  });
});

const acteur = (roles: Role[], oi: string | null, userId = 'u'): Actor => ({ userId, email: 'u@guichet.test', roles, oi, prenom: null, nom: null });

describe('the policy table', () => {
  it('lets only an oi-admin of the PLIE’s OI write it', () => {
    expect(peut(acteur(['oi-admin'], 'AGAPE'), 'plie.ecrire', { oi: 'AGAPE' })).toBe(true);
    expect(peut(acteur(['oi-gestionnaire'], 'AGAPE'), 'plie.ecrire', { oi: 'AGAPE' })).toBe(false);
    expect(peut(acteur(['oi-admin'], 'AUTRE'), 'plie.ecrire', { oi: 'AGAPE' })).toBe(false);
    expect(peut(acteur(['porteur'], null), 'plie.ecrire', { oi: 'AGAPE' })).toBe(false);
  });

  it('derives tenancy from the resource: membership, OI, seat, declaration', () => {
    const comite = { president: 'p', membres: ['p', 'm'] };
    expect([...relations(acteur(['porteur'], null), { membre: 'redacteur' })].sort()).toEqual(['porteur', 'redacteur']);
    expect([...relations(acteur(['oi-admin'], 'AGAPE'), { oi: null })]).toEqual([]); // a draft is not yet the OI's
    expect([...relations(acteur(['comite'], null, 'p'), { comite, declaration: { conflit: false } })].sort()).toEqual(['comite', 'membre_comite', 'membre_sans_conflit', 'president']);
    expect([...relations(acteur(['comite'], null, 'm'), { comite, declaration: { conflit: true } })].sort()).toEqual(['comite', 'membre_comite', 'membre_en_conflit']);
    // A seat is the user id's: a member who is not in the group `comite` any more has none.
    expect([...relations(acteur(['porteur'], null, 'm'), { comite })]).toEqual(['porteur']);
  });

  it('hides what the caller has no tie to (404) and explains the rest (403), conflicts with their own code', () => {
    const introuvable = () => new Introuvable('X_INTROUVABLE', 'introuvable');
    const comite = { president: 'p', membres: ['p', 'm'] };
    expect(() => exiger(acteur(['porteur'], null), 'dossier.deposer', { membre: null }, introuvable)).toThrow(Introuvable);
    expect(() => exiger(acteur(['porteur'], null), 'dossier.deposer', { membre: 'redacteur' }, introuvable)).toThrow(AccesRefuse);
    const code = (f: () => void) => { try { f(); return null; } catch (e) { return (e as AccesRefuse).code; } };
    expect(code(() => exiger(acteur(['comite'], null, 'm'), 'comite.voter', { comite, declaration: { conflit: true } }, introuvable))).toBe('CONFLIT_INTERETS');
    expect(code(() => exiger(acteur(['comite'], null, 'm'), 'comite.voter', { comite, declaration: null }, introuvable))).toBe('DECLARATION_REQUISE');
    expect(code(() => exiger(acteur(['comite'], null, 'm'), 'comite.cloturer', { comite, oi: 'AGAPE' }, introuvable))).toBe('ACCES_REFUSE');
    expect(code(() => exiger(acteur(['comite'], null, 'x'), 'comite.lire', { comite, oi: 'AGAPE' }, introuvable))).toBe('X_INTROUVABLE');
  });

  it('gives each action the groups that can hold one of its relations', () => {
    expect(groupesDe('dossier.lire').sort()).toEqual(['oi-admin', 'oi-gestionnaire', 'porteur']);
    expect(groupesDe('comite.cloturer').sort()).toEqual(['comite', 'oi-admin', 'oi-gestionnaire']);
    expect(groupesDe('dossier.deposer')).toEqual(['porteur']);
    for (const regle of Object.values(POLITIQUE)) expect(regle.relations.length).toBeGreaterThan(0);
  });
});
