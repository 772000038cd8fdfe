/**
 * The current year's report from live data, pure (issue 16): what a participant contributes to its PLIE's yearly
 * counters, the stock derived from cumulated flows, the difference an edit makes, and the snapshot the report reads.
 */
import { describe, expect, it } from 'vitest';
import { apportParticipant, compter, ecart, fluxDeLAnnee, financeurDe, instantaneDirect, participantsParOperation, type ParticipantCompte } from '#shared/domain/consolidation/direct';
import { consolider } from '#shared/domain/consolidation/consolider';
import { REGLES_PLIE } from '#shared/domain/sortie/regles-plie';
import { DemandeSortie } from '#shared/schemas/participant';

const BORDEAUX = REGLES_PLIE.bordeaux!;
const sortie = (s: Record<string, unknown>) => ({ ...DemandeSortie.parse(s), saisieLe: String(s.date), horsDelai: false });
const p = (dateEntree: string, s: Record<string, unknown> | null = null, identite: ParticipantCompte['identite'] = { dateNaissance: '1990-01-01' }): ParticipantCompte => ({ dateEntree, identite, sortie: s ? sortie(s) : null });

describe('a participant’s contribution to its PLIE’s counters', () => {
  it('counts the entry in its year, the exit in its own, judged by the PLIE’s rules in force', () => {
    expect(apportParticipant(p('2025-11-02'), BORDEAUX)).toEqual([{ annee: 2025, compteur: 'entrees' }, { annee: 2025, compteur: 'profil_de_26_a_45_entrees' }]);
    const cdi = apportParticipant(p('2025-11-02', { date: '2026-06-01', situation: 'cdi', debut: '2025-11-20', tempsPlein: true, heuresHebdo: 35, memeEmployeur: true, employeur: 'X' }), BORDEAUX);
    expect(cdi.filter((a) => a.annee === 2026).map((a) => a.compteur)).toEqual(expect.arrayContaining(['sorties', 'sortiesPositives', 'dontEmploi']));
    const demenagement = apportParticipant(p('2026-01-10', { date: '2026-03-01', situation: 'demenagement' }), BORDEAUX).map((a) => a.compteur);
    expect(demenagement).toEqual(expect.arrayContaining(['entrees', 'sorties', 'sansSuite', 'dontDemenagements']));
    expect(demenagement).not.toContain('sortiesPositives');
    expect(apportParticipant(p('2026-01-10', { date: '2026-03-01', situation: 'abandon' }), BORDEAUX).map((a) => a.compteur)).toContain('dontAbandons');
    // No rule set: the exit waits « à qualifier », not positive meanwhile.
    expect(apportParticipant(p('2026-01-10', { date: '2026-03-01', situation: 'cdi', tempsPlein: true }), []).map((a) => a.compteur)).toEqual(expect.arrayContaining(['categorie_a_qualifier', 'sansSuite', 'dontAutres']));
  });

  it('Tableau 2bis of the live year: mean months from Σ days ÷ exits, by sex and age, summed across participants (never a mean of means)', () => {
    const f = (entree: string, date: string, sexe: 'femme' | 'homme', naissance = '1990-01-01') => apportParticipant(p(entree, { date, situation: 'abandon' }, { dateNaissance: naissance, sexe }), BORDEAUX);
    // 365,25 days (one year) and 3 × 365,25 days: 24 months on average, not the mean of 12 and 36 weighted otherwise.
    const c = compter([...f('2025-01-01', '2026-01-01', 'femme'), ...f('2023-01-01', '2026-01-01', 'homme', '2005-06-01')]);
    const i = instantaneDirect({ annee: 2026, plie: 'bordeaux', libelle: 'PLIE de Bordeaux', calculeLe: '2026-12-01T00:00:00.000Z', compteurs: c, operations: [] });
    const toutes = i.dureesParcours!.lignes.find((l) => l.sortie === 'toutes' && l.public === 'total')!;
    expect(toutes.nombre).toEqual({ total: 2, hommes: 1, femmes: 1 });
    expect(toutes.dureeMoyenne.total).toBeCloseTo((365 + 1096) / 2 / (365.25 / 12), 6);
    expect(i.dureesParcours!.lignes.map((l) => `${l.sortie}/${l.public}`)).toEqual(['toutes/total', 'toutes/moins_26', 'toutes/plus_26', 'sans_suite/total', 'sans_suite/moins_26', 'sans_suite/plus_26']);
    const r = consolider([i]);
    expect(r.dureesParcours!.lignes[0]).toMatchObject({ nombre: { total: 2, hommes: 1, femmes: 1 }, dureeMoyenne: { total: 24, hommes: 36, femmes: 12 } });
    expect(r.avertissements).toEqual([]);
  });

  it('moves the counters by the difference only: an exit keyed moves the exit’s year, an unchanged record moves nothing', () => {
    const avant = apportParticipant(p('2026-01-10'), BORDEAUX);
    const apres = apportParticipant(p('2026-01-10', { date: '2026-03-01', situation: 'abandon' }), BORDEAUX);
    expect(ecart(avant, avant).size).toBe(0);
    // The exit 50 days after the entry: counted in Tableau 2bis's exits and days, all exits and sans suite, all publics and 26 ans et plus.
    expect(Object.fromEntries(ecart(avant, apres))).toEqual({ 2026: {
      sorties: 1, sansSuite: 1, dontAbandons: 1, categorie_negative: 1, profil_de_26_a_45_sansSuite: 1,
      duree_toutes_total_tous_nombre: 1, duree_toutes_total_tous_jours: 50, duree_toutes_plus_26_tous_nombre: 1, duree_toutes_plus_26_tous_jours: 50,
      duree_sans_suite_total_tous_nombre: 1, duree_sans_suite_total_tous_jours: 50, duree_sans_suite_plus_26_tous_nombre: 1, duree_sans_suite_plus_26_tous_jours: 50,
    } });
    const retour = ecart(apres, avant).get(2026)!;
    expect(retour.sorties).toBe(-1);
  });

  it('derives the stock from the cumulated flows: in parcours during Y = entries up to Y − exits before Y', () => {
    const c = compter([
      ...apportParticipant(p('2024-05-01', { date: '2025-02-01', situation: 'abandon' }), BORDEAUX),
      ...apportParticipant(p('2025-03-01'), BORDEAUX),
      ...apportParticipant(p('2025-09-01', { date: '2026-02-01', situation: 'demenagement' }), BORDEAUX),
      ...apportParticipant(p('2026-01-05'), BORDEAUX),
    ]);
    const f = fluxDeLAnnee(c, 2026);
    expect(f).toMatchObject({ entrees: 1, enParcoursDurant: 3, enParcoursFin: 2, sortiesPositives: 0, sansSuite: 1, dontDemenagements: 1 });
    expect(fluxDeLAnnee(c, 2025)).toMatchObject({ entrees: 2, enParcoursDurant: 3, enParcoursFin: 2, dontAbandons: 1 });
  });

  it('splits entries and exits by profile, sex and age band at entry, as Tableau 1 does', () => {
    const c = compter([
      ...apportParticipant(p('2026-01-10', { date: '2026-03-01', situation: 'abandon' }, { dateNaissance: '2003-05-01', sexe: 'femme' }), BORDEAUX),
      ...apportParticipant(p('2026-01-10', null, { dateNaissance: '1970-05-01', sexe: 'homme' }), BORDEAUX),
    ]);
    const i = instantaneDirect({ annee: 2026, plie: 'bordeaux', libelle: 'Bordeaux', calculeLe: '2026-12-03', compteurs: c, operations: [] });
    const r = (libelle: string) => i.repartitions.find((x) => x.libelle === libelle)?.lignes;
    expect(r('Entrées de l’année par sexe')).toEqual([{ libelle: 'Femmes', valeur: 1 }, { libelle: 'Hommes', valeur: 1 }]);
    expect(r('Entrées de l’année par âge à l’entrée')).toEqual([{ libelle: 'Moins de 26 ans', valeur: 1 }, { libelle: 'Plus de 45 ans', valeur: 1 }]);
    expect(r('Sorties sans suite de l’année par sexe')).toEqual([{ libelle: 'Femmes', valeur: 1 }]);
    expect(consolider([i]).avertissements).toEqual([]);
  });

  it('counts the participants in parcours of each operation, so that Tableau 3 says how many it rests on', () => {
    const c = compter([
      ...apportParticipant(p('2025-05-01', { date: '2025-12-01', situation: 'abandon' }), BORDEAUX, 'D1'),
      ...apportParticipant(p('2025-06-01', { date: '2026-02-01', situation: 'abandon' }), BORDEAUX, 'D1'),
      ...apportParticipant(p('2026-01-05'), BORDEAUX, 'D2'),
    ]);
    expect(Object.fromEntries(participantsParOperation(c, 2026))).toEqual({ D1: 1, D2: 1 });
    expect(Object.fromEntries(participantsParOperation(c, 2025))).toEqual({ D1: 2, D2: 0 });
  });

  it('gives a snapshot the consolidation reads like an imported one: counts summed over PLIE, exits by category without warning', () => {
    const i = (plie: string, ps: ParticipantCompte[]) => instantaneDirect({ annee: 2026, plie, libelle: plie, calculeLe: '2026-12-03', compteurs: compter(ps.flatMap((x) => apportParticipant(x, BORDEAUX))), operations: [] });
    const a = i('bordeaux', [p('2026-01-10', { date: '2026-03-01', situation: 'abandon' }), p('2026-02-10')]);
    const b = i('agenais', [p('2026-01-10', { date: '2026-04-01', situation: 'demenagement' })]);
    const r = consolider([a, b]);
    expect(r.flux).toMatchObject({ plieRepondants: 2, entrees: 3, enParcoursDurant: 3, sansSuite: 2, enParcoursFin: 1, tauxSortiesPositives: 0 });
    expect(r.avertissements).toEqual([]);
    expect(r.repartitions[0]).toMatchObject({ tableau: 'T1bis', plieRepondants: 2, total: 2 });
    // Entries by age band at entry (no sex given here): every line of each breakdown adds up to its total.
    expect(r.repartitions.find((x) => x.libelle === 'Entrées de l’année par âge à l’entrée')).toMatchObject({ total: 3, lignes: [{ libelle: 'De 26 à 45 ans', valeur: 3 }] });
    expect(a.financements).toBeUndefined();
  });

  it('sorts co-financers into Tableau 3’s columns by name, the plan’s nature deciding the others', () => {
    expect(financeurDe('Conseil départemental de la Gironde', 'public')).toBe('conseil_general');
    expect(financeurDe('Bordeaux Métropole', 'public')).toBe('collectivites_locales');
    expect(financeurDe('Région Nouvelle-Aquitaine', 'public')).toBe('conseil_regional');
    expect(financeurDe('DREETS', 'public')).toBe('etat');
    expect(financeurDe('Fondation X', 'prive')).toBe('autres_prives');
  });
});
