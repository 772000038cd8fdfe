import { describe, expect, it } from 'vitest';
import { DemandeParticipant, DemandeSortie, Questionnaire } from '#shared/schemas/participant';
import {
  ageALEntree, delaiSaisieSortie, questionnaire, QUESTIONNAIRES, verifierDateEntree, verifierDateSortie, verifierReponses,
} from '#shared/domain/participant/questionnaires';

/** A complete 2018 answer set: unemployed, searching for 14 months, CAP level, RSA. */
const COMPLET_2018 = { Q1a: 'non', Q1b: 'non', Q1c: 'non', Q1d: 'non', Q1e: 'non', Q1f: 'oui', Q1g: 14, Q2: '2c', Q3: 'non', Q4: 'oui', Q5: 'non', Q6: 'nsp' };
const messages = (e: { message: string }[]) => e.map((x) => x.message);

const DEMANDE = {
  identite: {
    nom: 'MARTIN', prenom: 'CAMILLE', dateNaissance: '1980-05-12', sexe: 'femme',
    naissance: { commune: 'Casablanca', codePostal: '99999' },
    adresse: { ligne: '3 rue des Lilas', codePostal: '47000', commune: 'Agen' },
    telephoneMobile: '06 12 34 56 78', courriel: 'camille.martin@example.org',
  },
  dateEntree: '2021-03-01',
  questionnaire: { questionnaire: 'FSE-2018-11-26', reponses: COMPLET_2018 },
  plie: { prescripteur: 'Pôle emploi Agen', decisionCommission: { decision: 'validee', date: '2021-02-25' }, contratEngagementSigneLe: '2021-03-01' },
  notice: { remiseLe: '2021-03-01', mode: 'papier' },
};

describe('questionnaire of 26/11/2018 (seed 002 l.8035–8171)', () => {
  it('accepts a complete answer set', () => {
    expect(verifierReponses('FSE-2018-11-26', COMPLET_2018)).toEqual([]);
  });

  it('Q5 empty → « Q5 — réponse obligatoire »', () => {
    const { Q5: _q5, ...sansQ5 } = COMPLET_2018;
    expect(messages(verifierReponses('FSE-2018-11-26', sansQ5))).toEqual(['Q5 — réponse obligatoire']);
    expect(messages(verifierReponses('FSE-2018-11-26', { ...COMPLET_2018, Q5: null }))).toEqual(['Q5 — réponse obligatoire']);
  });

  it('« ne souhaite pas répondre » is allowed only at Q5 and Q6', () => {
    expect(messages(verifierReponses('FSE-2018-11-26', { ...COMPLET_2018, Q3: 'nsp' }))).toEqual(['Q3 — « ne souhaite pas répondre » n’est pas permis']);
    expect(verifierReponses('FSE-2018-11-26', { ...COMPLET_2018, Q5: 'nsp', Q6: 'nsp' })).toEqual([]);
    const permis = questionnaire('FSE-2018-11-26').questions.filter((q) => q.nspPermis).map((q) => q.code);
    expect(permis).toEqual(['Q5', 'Q6']);
  });

  it('1e–1g only when 1a–1d are all « non »: 1b = oui with 1f filled is incoherent', () => {
    const r = { ...COMPLET_2018, Q1b: 'oui', Q1e: null, Q1g: null };
    expect(messages(verifierReponses('FSE-2018-11-26', r))).toEqual(['Q1f — ne se renseigne que si 1a à 1d sont « non »']);
    expect(verifierReponses('FSE-2018-11-26', { ...r, Q1f: null })).toEqual([]);
    // A single choice on the form (l.8105): once 1b is « oui », 1a, 1c and 1d may stay empty.
    expect(verifierReponses('FSE-2018-11-26', { Q1b: 'oui', Q2: '2c', Q3: 'non', Q4: 'non', Q5: 'non', Q6: 'non' })).toEqual([]);
    expect(messages(verifierReponses('FSE-2018-11-26', { ...COMPLET_2018, Q1c: null }))).toEqual(['Q1c — réponse obligatoire']);
  });

  it('1g only when 1f = oui; 1e and 1f required when out of work', () => {
    expect(messages(verifierReponses('FSE-2018-11-26', { ...COMPLET_2018, Q1f: 'non' }))).toEqual(['Q1g — ne se renseigne que si 1a à 1d sont « non » et 1f est « oui »']);
    expect(verifierReponses('FSE-2018-11-26', { ...COMPLET_2018, Q1f: 'non', Q1g: null })).toEqual([]);
    expect(messages(verifierReponses('FSE-2018-11-26', { ...COMPLET_2018, Q1e: null, Q1g: null, Q1f: null }))).toEqual(['Q1e — réponse obligatoire', 'Q1f — réponse obligatoire']);
  });

  it('one answer only among 1a–1d, and answers from the options', () => {
    const r = { ...COMPLET_2018, Q1b: 'oui', Q1c: 'oui', Q1e: null, Q1f: null, Q1g: null };
    expect(messages(verifierReponses('FSE-2018-11-26', r))).toEqual(['Q1c — une seule réponse possible parmi 1a à 1d (déjà « oui » à Q1b)']);
    expect(messages(verifierReponses('FSE-2018-11-26', { ...COMPLET_2018, Q2: '2e' }))).toEqual(['Q2 — réponse attendue : « 2a », « 2b », « 2c », « 2d »']);
    expect(messages(verifierReponses('FSE-2018-11-26', { ...COMPLET_2018, Q1g: 'oui' }))).toEqual(['Q1g — réponse attendue : un nombre de mois']);
  });

  it('the household situation (notice l.8025–8030) is asked but not required, as the form lacks it', () => {
    const menage = questionnaire('FSE-2018-11-26').questions.filter((q) => q.code.startsWith('Q7'));
    expect(menage.map((q) => [q.code, q.obligatoire])).toEqual([['Q7a', false], ['Q7b', false], ['Q7c', false]]);
    expect(verifierReponses('FSE-2018-11-26', { ...COMPLET_2018, Q7a: 'oui', Q7b: 'non', Q7c: 'non' })).toEqual([]);
  });

  it('every question carries its source', () => {
    for (const def of Object.values(QUESTIONNAIRES)) for (const q of def.questions) expect(q.source, q.code).toMatch(/seed 002|2021\/1057/);
  });
});

describe('FSE+ common indicators (Reg. 2021/1057 Annex I)', () => {
  const COMPLET = { Q1a: 'non', Q1b: 'non', Q1c: 'oui', Q1d: 'non', Q2: '2a', Q3: 'nsp', Q4: 'non', Q5: 'oui', Q6: 'nsp', Q7: 'non' };
  it('accepts a complete set, and « ne souhaite pas répondre » where sensitive', () => {
    expect(verifierReponses('FSEPLUS-2021-1057', COMPLET)).toEqual([]);
  });
  it('refuses « ne souhaite pas répondre » for third-country nationality, and requires every question', () => {
    expect(messages(verifierReponses('FSEPLUS-2021-1057', { ...COMPLET, Q4: 'nsp', Q7: null }))).toEqual([
      'Q4 — « ne souhaite pas répondre » n’est pas permis', 'Q7 — réponse obligatoire',
    ]);
  });
  it('the schema keys the answers by the version’s codes', () => {
    expect(Questionnaire.safeParse({ questionnaire: 'FSEPLUS-2021-1057', reponses: COMPLET }).success).toBe(true);
    expect(Questionnaire.safeParse({ questionnaire: 'FSEPLUS-2021-1057', reponses: { ...COMPLET, Q7a: 'non' } }).success).toBe(false);
    expect(Questionnaire.safeParse({ questionnaire: 'FSE-2014', reponses: {} }).success).toBe(false);
  });
});

describe('participant record', () => {
  it('parses a request, with the defaults', () => {
    const p = DemandeParticipant.parse(DEMANDE);
    expect(p.identite.telephoneDomicile).toBeNull();
    expect(p.identite.naissance.codePostal).toBe('99999');
  });

  it('is strict, with French messages', () => {
    const r = DemandeParticipant.safeParse({ ...DEMANDE, consentement: true, identite: { ...DEMANDE.identite, naissance: { commune: 'Agen', codePostal: '47' } } });
    expect(r.success).toBe(false);
    const textes = r.error!.issues.map((i) => i.message);
    expect(textes).toContain('Code postal à 5 chiffres attendu (99999 pour une naissance à l’étranger).');
    expect(r.error!.issues.some((i) => i.code === 'unrecognized_keys')).toBe(true);
  });

  it('computes the age at entry', () => {
    expect(ageALEntree('1980-05-12', '2021-03-01')).toBe(40);
    expect(ageALEntree('1980-03-01', '2021-03-01')).toBe(41);
    expect(ageALEntree('1980-03-02', '2021-03-01')).toBe(40);
    expect(ageALEntree('2000-02-29', '2021-02-28')).toBe(20);
    expect(ageALEntree('2000-02-29', '2021-03-01')).toBe(21);
  });

  it('an entry date may be earlier than its keying, never later (l.8013–8014)', () => {
    expect(verifierDateEntree('2021-03-01', '2021-04-10')).toEqual([]);
    expect(verifierDateEntree('2021-03-01', '2021-03-01')).toEqual([]);
    expect(messages(verifierDateEntree('2021-03-01', '2021-02-15'))).toEqual(['La date d’entrée (2021-03-01) ne peut pas être postérieure à la date de saisie (2021-02-15).']);
    expect(verifierDateEntree('2021-03-01', '2021-03-05', '2021-03-02')).toHaveLength(1);
  });
});

describe('sortie keying', () => {
  it('flags an exit keyed more than four weeks after it (l.8007–8008)', () => {
    expect(delaiSaisieSortie('2021-06-30', '2021-07-28')).toEqual({ horsDelai: false, joursApresSortie: 28 });
    expect(delaiSaisieSortie('2021-06-30', '2021-07-29')).toEqual({ horsDelai: true, joursApresSortie: 29 });
    expect(delaiSaisieSortie('2021-06-30', '2021-06-30').horsDelai).toBe(false);
  });

  it('refuses an exit keyed before it happens or before the entry', () => {
    expect(verifierDateSortie('2021-06-30', '2021-06-29', '2021-01-04')).toHaveLength(1);
    expect(verifierDateSortie('2020-12-31', '2021-01-04', '2021-01-04')).toHaveLength(1);
    expect(verifierDateSortie('2021-06-30', '2021-07-01', '2021-01-04')).toEqual([]);
  });

  it('the sortie body is strict and checks its dates', () => {
    expect(DemandeSortie.safeParse({ date: '2021-06-30', situation: 'cdd', debut: '2021-03-01', fin: '2021-02-01' }).success).toBe(false);
    expect(DemandeSortie.safeParse({ date: '2021-06-30', situation: 'cdd', horsDelai: false }).success).toBe(false);
    const r = DemandeSortie.safeParse({ date: '2021-06-30', situation: 'chomage' });
    expect(r.error?.issues[0]?.message).toMatch(/^Situation de sortie attendue/);
    expect(DemandeSortie.parse({ date: '2021-06-30', situation: 'abandon' }).contrats).toEqual([]);
  });
});
