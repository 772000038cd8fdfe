import { describe, expect, it } from 'vitest';
import { journaliser, verifierJournal } from '#shared/domain/dossier/journal';
import type { Dossier, Evenement } from '#shared/schemas/dossier';
import { dossierHp1 } from '../templates/dossier-hp1';
import { PORTEUR } from './support';

/** A dossier head and its chain of `n` events, appended by the domain (`compte` null: stored before the count was kept). */
function chaine(n: number, compte: number | null = 0): { tete: Dossier; evenements: Evenement[] } {
  const { evenementsJournal: _n, ...sansCompte } = dossierHp1({ statut: 'brouillon', version: 1, modifieLe: '2026-11-02T10:00:00.000Z', empreinteJournal: null });
  let tete: Dossier = compte === null ? sansCompte : { ...sansCompte, evenementsJournal: compte };
  const evenements: Evenement[] = [];
  for (let i = 0; i < n; i++) {
    const r = journaliser(tete, { id: `e${i + 1}`, type: i ? 'note' : 'creation', auteur: PORTEUR, de: null, maintenant: new Date(1000 * (i + 1)) });
    tete = r.dossier;
    evenements.push(r.evenement);
  }
  return { tete, evenements };
}
const verifier = (evenements: Evenement[], tete: Dossier) => verifierJournal(evenements, { empreinte: tete.empreinteJournal, nombre: tete.evenementsJournal });

describe('journaliser', () => {
  it('keeps the head of the chain on the dossier: the last hash and the number of events', () => {
    const { tete, evenements } = chaine(3);
    expect(tete.empreinteJournal).toBe(evenements[2]!.hash);
    expect(tete.evenementsJournal).toBe(3);
  });

  it('records no count on a dossier stored before the count was kept', () => {
    expect(chaine(2, null).tete.evenementsJournal).toBeUndefined();
  });
});

describe('verifierJournal', () => {
  it('says intact when the chain ends on the head', () => {
    const { tete, evenements } = chaine(3);
    expect(verifier(evenements, tete)).toMatchObject({ etat: 'integre', integre: true, evenementsLus: 3, evenementsAttendus: 3, rupture: null });
  });

  it('says broken after the last event read when the tail is missing', () => {
    const { tete, evenements } = chaine(4);
    const v = verifier(evenements.slice(0, 2), tete);
    expect(v).toMatchObject({ etat: 'rompue', rupture: { position: 3, evenementId: null } });
    expect(v.message).toContain('2 événements sur 4 manquent à la fin');
  });

  it('says broken before the event that follows a missing one', () => {
    const { tete, evenements } = chaine(4);
    expect(verifier([evenements[0]!, evenements[2]!, evenements[3]!], tete).rupture).toEqual({ position: 2, evenementId: 'e3' });
    expect(verifier(evenements.slice(1), tete).message).toContain('ne commence pas la chaîne');
  });

  it('says broken at an event whose content no longer matches its hash', () => {
    const { tete, evenements } = chaine(3);
    const v = verifier([evenements[0]!, { ...evenements[1]!, auteur: 'x' }, evenements[2]!], tete);
    expect(v).toMatchObject({ etat: 'rompue', rupture: { position: 2, evenementId: 'e2' } });
  });

  it('says broken when the count recorded differs from the events read', () => {
    const { tete, evenements } = chaine(2);
    expect(verifier(evenements, { ...tete, evenementsJournal: 5 })).toMatchObject({ etat: 'rompue', rupture: { position: null } });
  });

  it('checks on the head hash alone when no count was recorded, and never calls a headless chain intact', () => {
    const { tete, evenements } = chaine(2, null);
    expect(verifier(evenements, tete)).toMatchObject({ etat: 'integre', evenementsAttendus: null });
    expect(verifier(evenements.slice(0, 1), tete).etat).toBe('rompue');
    expect(verifier(evenements, { ...tete, empreinteJournal: null }).etat).toBe('non_verifiable');
  });
});
