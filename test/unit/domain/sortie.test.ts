import { describe, expect, it } from 'vitest';
import { DemandeSortie } from '#shared/schemas/participant';
import { moisRevolus, qualifierSortie, type SortieAQualifier } from '#shared/domain/sortie/qualification';
import { REGLES_PLIE, reglesDuPlie, versionEnVigueur, type VersionRegles } from '#shared/domain/sortie/regles-plie';
import plies from '../../../data/plies-agape.json' with { type: 'json' };

const sortie = (s: Record<string, unknown>): SortieAQualifier => DemandeSortie.parse(s);
const AGENAIS = reglesDuPlie('agenais');
const BORDEAUX = reglesDuPlie('bordeaux');
const GP = reglesDuPlie('grand-perigueux');
const DIJON = reglesDuPlie('dijon');
const MULHOUSE = reglesDuPlie('mulhouse');

/** Agenais l.424–431: « CDD > à 6 mois … 6 mois ou plus chez le même employeur »; a 7-month CDD from 01/02/2021. */
const CDD_7_MOIS = { situation: 'cdd', debut: '2021-02-01', fin: '2021-08-31', dureeMois: 7, tempsPlein: true, memeEmployeur: true, employeur: 'Conserverie d’Agen' };

/** Bordeaux l.1580–1585: three contracts in 2021, 211 days (30 weeks): hours decide, not weeks. */
const contrats = (dernier: number) => [
  { debut: '2021-02-01', fin: '2021-04-30', heures: 520, employeur: 'Mairie de Bordeaux', nature: 'cdd' },
  { debut: '2021-06-01', fin: '2021-07-31', heures: 360, agence: 'Intérim Gironde', nature: 'interim' },
  { debut: '2021-09-01', fin: '2021-10-31', heures: dernier, employeur: 'Particulier employeur', nature: 'cesu' },
];
const SUCCESSIFS = { situation: 'contrats_successifs', date: '2021-12-31', tempsPlein: true };

describe('rule sets per PLIE', () => {
  it('are seeded for the PLIE whose sources state rules, with ids of data/plies-agape.json', () => {
    const ids = plies.plies.map((p) => p.id);
    for (const id of ['agenais', 'bordeaux', 'grand-perigueux']) expect(ids).toContain(id);
    expect(Object.keys(REGLES_PLIE).sort()).toEqual(['agenais', 'bordeaux', 'dijon', 'grand-perigueux', 'mulhouse']);
    for (const id of ['technowest', 'haut-perigord', 'portes-du-sud', 'sources']) expect(reglesDuPlie(id)).toEqual([]);
    expect(reglesDuPlie('__proto__')).toEqual([]);
  });

  it('every rule cites its seed lines, and codes are unique', () => {
    const codes = new Set<string>();
    for (const versions of Object.values(REGLES_PLIE)) for (const v of versions) for (const r of v.regles) {
      expect(r.source, r.code).toMatch(/^seed 00[234] .* l\.\d+/);
      expect(codes.has(r.code), r.code).toBe(false);
      codes.add(r.code);
    }
  });

  it('a PLIE without rules: its sorties are « à qualifier »', () => {
    const q = qualifierSortie(sortie({ ...CDD_7_MOIS, date: '2021-07-31' }), reglesDuPlie('technowest'));
    expect(q).toMatchObject({ categorie: 'a_qualifier', positive: null, regle: null, version: null });
    expect(q.motif).toMatch(/Aucune règle de sortie en vigueur/);
    // The commission qualifies it, with its date.
    const decide = qualifierSortie(sortie({ ...CDD_7_MOIS, date: '2021-07-31' }), reglesDuPlie('technowest'), { date: '2021-09-01', categorie: 'emploi_durable', motif: 'CDD de 7 mois, période d’essai validée.' });
    expect(decide).toMatchObject({ categorie: 'emploi_durable', positive: true, version: null, decision: { date: '2021-09-01' } });
    expect(decide.motif).toMatch(/^Décision de la commission du 2021-09-01/);
  });
});

describe('Agenais (seed 002 l.407–509)', () => {
  it('CDD of 7 months, full time, same employer: 6 months elapsed → positive', () => {
    const q = qualifierSortie(sortie({ ...CDD_7_MOIS, date: '2021-07-31' }), AGENAIS);
    expect(q).toMatchObject({ categorie: 'emploi', positive: true, regle: 'AGENAIS-CDD', version: 'agenais-2021' });
    expect(q.motif).toContain('6 mois écoulés chez le même employeur');
  });

  it('5 months elapsed → not positive', () => {
    const q = qualifierSortie(sortie({ ...CDD_7_MOIS, date: '2021-06-30' }), AGENAIS);
    expect(q).toMatchObject({ categorie: 'non_retenue', positive: false, regle: 'AGENAIS-CDD' });
    expect(q.motif).toContain('5 mois écoulés chez le même employeur, il en faut 6');
  });

  it('a CDD of 5 months, or of 6 months exactly (« > à 6 mois »), is not positive', () => {
    const cinq = qualifierSortie(sortie({ ...CDD_7_MOIS, dureeMois: 5, fin: '2021-06-30', date: '2021-06-30' }), AGENAIS);
    expect(cinq).toMatchObject({ categorie: 'non_retenue', positive: false });
    expect(cinq.motif).toContain('contrat de 5 mois, il en faut plus de 6');
    const six = qualifierSortie(sortie({ ...CDD_7_MOIS, dureeMois: null, fin: '2021-07-31', date: '2021-07-31' }), AGENAIS);
    expect(six).toMatchObject({ categorie: 'non_retenue', positive: false });
  });

  it('another employer, or a reduced time not chosen, is not positive; unknown data leaves it « à qualifier »', () => {
    expect(qualifierSortie(sortie({ ...CDD_7_MOIS, memeEmployeur: false, date: '2021-07-31' }), AGENAIS).categorie).toBe('non_retenue');
    expect(qualifierSortie(sortie({ ...CDD_7_MOIS, tempsPlein: false, tempsPartielChoisi: false, date: '2021-07-31' }), AGENAIS).categorie).toBe('non_retenue');
    expect(qualifierSortie(sortie({ ...CDD_7_MOIS, tempsPlein: false, tempsPartielChoisi: true, date: '2021-07-31' }), AGENAIS).positive).toBe(true);
    const q = qualifierSortie(sortie({ ...CDD_7_MOIS, memeEmployeur: null, date: '2021-07-31' }), AGENAIS);
    expect(q).toMatchObject({ categorie: 'a_qualifier', positive: null });
    expect(q.motif).toContain('« même employeur » non renseigné');
  });

  it('a contrat aidé meeting the criteria goes to the commission, whose dated decision settles it (l.442–448)', () => {
    const s = sortie({ situation: 'contrat_aide', date: '2021-12-31', debut: '2021-01-01', heuresHebdo: 20 });
    const q = qualifierSortie(s, AGENAIS);
    expect(q).toMatchObject({ categorie: 'a_decider_commission', positive: null, regle: 'AGENAIS-CONTRAT-AIDE' });
    const d = qualifierSortie(s, AGENAIS, { date: '2022-01-20', categorie: 'emploi', motif: 'Conforme au projet professionnel.', reference: 'CIS 2022-01' });
    expect(d).toMatchObject({ categorie: 'emploi', positive: true, regle: 'AGENAIS-CONTRAT-AIDE', decision: { date: '2022-01-20' } });
    expect(d.motif).toMatch(/^Décision de la commission du 2022-01-20 \(CIS 2022-01\)/);
    // 19 h a week: fails before reaching the commission, and a decision does not override a rule's result.
    const court = qualifierSortie(sortie({ ...s, heuresHebdo: 19 }), AGENAIS, { date: '2022-01-20', categorie: 'emploi', motif: '…' });
    expect(court).toMatchObject({ categorie: 'non_retenue', positive: false });
    expect(court.decision).toBeUndefined();
  });

  it('intérim: 900 h exactly in the same agency is left to the commission (« > à 6 mois : soit 900 h »)', () => {
    const mission = (heures: number) => sortie({ situation: 'interim', date: '2021-12-31', tempsPlein: true, contrats: [
      { debut: '2021-04-01', fin: '2021-06-30', heures: heures - 400, agence: 'Adecco Agen', nature: 'interim' },
      { debut: '2021-08-01', fin: '2021-10-31', heures: 400, agence: 'Adecco Agen', nature: 'interim' },
      { debut: '2021-11-01', fin: '2021-11-30', heures: 150, agence: 'Manpower Agen', nature: 'interim' },
    ] });
    expect(qualifierSortie(mission(901), AGENAIS)).toMatchObject({ categorie: 'emploi', positive: true });
    const egal = qualifierSortie(mission(900), AGENAIS);
    expect(egal.categorie).toBe('a_decider_commission');
    expect(egal.motif).toContain('900 h tout juste');
    expect(qualifierSortie(mission(899), AGENAIS).categorie).toBe('non_retenue');
  });

  it('incarceration: > 3 months is « autre », < 3 months a suspension, 3 months exactly is not stated', () => {
    const inc = (dureeMois: number) => qualifierSortie(sortie({ situation: 'incarceration', date: '2021-05-01', dureeMois }), AGENAIS);
    expect(inc(4)).toMatchObject({ categorie: 'autre', positive: false });
    expect(inc(2)).toMatchObject({ categorie: 'suspension', positive: false });
    expect(inc(3)).toMatchObject({ categorie: 'a_decider_commission', regle: 'AGENAIS-INCARCERATION-3-MOIS' });
  });

  it('a situation the table does not name is « à qualifier »', () => {
    const q = qualifierSortie(sortie({ situation: 'formation_non_qualifiante', date: '2021-05-01' }), AGENAIS);
    expect(q).toMatchObject({ categorie: 'a_qualifier', version: 'agenais-2021' });
    expect(qualifierSortie(sortie({ situation: 'abandon', date: '2021-05-01' }), AGENAIS)).toMatchObject({ categorie: 'negative', positive: false });
  });

  it('a formation not ended after 6 months goes to the commission (« formations longues » undefined)', () => {
    const f = { intitule: 'CAP cuisine', qualifiante: true, enLienAvecLeProjet: true };
    expect(qualifierSortie(sortie({ situation: 'formation_qualifiante', date: '2021-06-30', debut: '2021-01-04', fin: '2021-06-25', formation: f }), AGENAIS)).toMatchObject({ categorie: 'formation', positive: true });
    expect(qualifierSortie(sortie({ situation: 'formation_qualifiante', date: '2021-07-10', debut: '2021-01-04', fin: '2022-06-30', formation: f }), AGENAIS).categorie).toBe('a_decider_commission');
    expect(qualifierSortie(sortie({ situation: 'formation_qualifiante', date: '2021-06-30', debut: '2021-01-04', fin: '2021-06-25', formation: { ...f, enLienAvecLeProjet: false } }), AGENAIS).categorie).toBe('non_retenue');
  });
});

describe('Bordeaux (seed 002 l.1556–1636)', () => {
  it('1 200 h of successive contracts over 12 months → positive (emploi durable)', () => {
    const q = qualifierSortie(sortie({ ...SUCCESSIFS, contrats: contrats(320) }), BORDEAUX);
    expect(q).toMatchObject({ categorie: 'emploi_durable', positive: true, regle: 'BORDEAUX-SUCCESSIFS', version: 'bordeaux-2021' });
    expect(q.motif).toContain('1200 h cumulées');
  });

  it('1 199 h → not positive (and 30 weeks are short of 39)', () => {
    const q = qualifierSortie(sortie({ ...SUCCESSIFS, contrats: contrats(319) }), BORDEAUX);
    expect(q).toMatchObject({ categorie: 'non_retenue', positive: false });
    expect(q.motif).toContain('1199 h cumulées sur les 12 mois précédant la sortie, moins que 1200 h');
    expect(q.motif).toContain('30 semaines couvertes');
  });

  it('39 weeks suffice without 1 200 h; hours outside the 12 months do not count', () => {
    const semaines = [{ debut: '2021-01-04', fin: '2021-10-03', heures: 800, employeur: 'A', nature: 'cdd' }];
    expect(qualifierSortie(sortie({ ...SUCCESSIFS, contrats: semaines }), BORDEAUX).positive).toBe(true);
    const avant = [{ debut: '2020-11-01', fin: '2020-12-31', heures: 300, employeur: 'B', nature: 'cdd' }, ...contrats(320).slice(0, 2)];
    const q = qualifierSortie(sortie({ ...SUCCESSIFS, contrats: avant }), BORDEAUX);
    expect(q.categorie).toBe('non_retenue');
    expect(q.motif).toContain('880 h cumulées');
  });

  it('intérim: 6 months exactly in the same agency is left open (« > 6 mois » next to « 6 mois ou plus »)', () => {
    const interim = (fin: string) => sortie({ situation: 'interim', date: '2021-12-31', tempsPlein: true, contrats: [
      { debut: '2021-03-01', fin: '2021-05-31', heures: 450, agence: 'Randstad Bordeaux', nature: 'interim' },
      { debut: '2021-06-01', fin, heures: 450, agence: 'Randstad Bordeaux', nature: 'interim' },
    ] });
    expect(qualifierSortie(interim('2021-08-31'), BORDEAUX).categorie).toBe('a_decider_commission');
    expect(qualifierSortie(interim('2021-09-10'), BORDEAUX)).toMatchObject({ categorie: 'emploi_durable', positive: true });
    expect(qualifierSortie(interim('2021-07-31'), BORDEAUX).categorie).toBe('non_retenue');
    const interrompu = sortie({ situation: 'interim', date: '2021-12-31', tempsPlein: true, contrats: [
      { debut: '2021-01-01', fin: '2021-04-30', heures: 600, agence: 'Randstad Bordeaux', nature: 'interim' },
      { debut: '2021-05-10', fin: '2021-09-30', heures: 600, agence: 'Randstad Bordeaux', nature: 'interim' },
    ] });
    expect(qualifierSortie(interrompu, BORDEAUX).motif).toContain('contrats interrompus');
  });

  it('CDD in an EI is a « dynamique » exit after 12 months', () => {
    const s = sortie({ situation: 'emploi_siae', structureSiae: 'EI', date: '2021-12-31', debut: '2021-01-01', tempsPlein: true });
    expect(qualifierSortie(s, BORDEAUX)).toMatchObject({ categorie: 'emploi_dynamique', positive: true, regle: 'BORDEAUX-EI' });
    expect(qualifierSortie(sortie({ ...s, structureSiae: 'ACI' }), BORDEAUX).categorie).toBe('a_qualifier');
  });

  it('a rule change on date D judges a sortie of D−1 by the old version', () => {
    const nouvelle: VersionRegles = {
      ...BORDEAUX[0]!, version: 'bordeaux-2022', valideDu: '2022-01-01', decisionCopil: { reference: 'COPIL du 10/12/2021', date: '2021-12-10' },
      regles: BORDEAUX[0]!.regles.map((r) => r.code !== 'BORDEAUX-SUCCESSIFS' ? r : { ...r, criteres: [{ type: 'cumul', fenetreMois: 12, seuils: { heures: 1000 }, meme: null, sansInterruption: false }] }),
    };
    const versions = [...BORDEAUX, nouvelle];
    const veille = qualifierSortie(sortie({ ...SUCCESSIFS, date: '2021-12-31', contrats: contrats(220) }), versions);
    expect(veille).toMatchObject({ categorie: 'non_retenue', version: 'bordeaux-2021' });
    const jourD = qualifierSortie(sortie({ ...SUCCESSIFS, date: '2022-01-01', contrats: contrats(220) }), versions);
    expect(jourD).toMatchObject({ categorie: 'emploi_durable', positive: true, version: 'bordeaux-2022' });
    expect(versionEnVigueur(versions, '2020-12-31')).toBeNull();
    expect(qualifierSortie(sortie({ ...SUCCESSIFS, date: '2020-12-31', contrats: contrats(320) }), versions).categorie).toBe('a_qualifier');
  });
});

describe('Grand Périgueux (seed 002 l.3193–3230)', () => {
  it('incarceration of 3 months matches « ≥ 3 mois » and « ≤ 3 mois »: the commission decides', () => {
    const inc = (dureeMois: number) => qualifierSortie(sortie({ situation: 'incarceration', date: '2021-05-01', dureeMois }), GP);
    expect(inc(3).categorie).toBe('a_decider_commission');
    expect(inc(3).motif).toContain('Plusieurs règles s’appliquent');
    expect(inc(4).categorie).toBe('autre');
    expect(inc(1).categorie).toBe('suspension');
    expect(qualifierSortie(sortie({ situation: 'incarceration', date: '2021-05-01', dureeMois: 3 }), GP, { date: '2021-05-20', categorie: 'suspension', motif: 'Sortie de détention prévue.' }).categorie).toBe('suspension');
  });

  it('a CDD of 6 months exactly counts (« ≥ 6 mois »); creation needs 6 months of RCS registration', () => {
    expect(qualifierSortie(sortie({ ...CDD_7_MOIS, dureeMois: 6, date: '2021-07-31' }), GP).positive).toBe(true);
    const creation = (immatriculeeLe: string, registre = 'RCS') => qualifierSortie(sortie({ situation: 'creation_entreprise', date: '2021-12-31', creation: { immatriculeeLe, registre } }), GP);
    expect(creation('2021-07-01')).toMatchObject({ categorie: 'creation', positive: true });
    expect(creation('2021-07-02').categorie).toBe('non_retenue');
    expect(creation('2021-01-01', 'RM').categorie).toBe('a_decider_commission');
  });
});

describe('Dijon (seed 003 l.147–165)', () => {
  it('a CDD of 17 h 40 a week without agreement is left open (« 17H50 »)', () => {
    const cdd = (heuresHebdo: number, tempsPartielChoisi: boolean | null = null) =>
      qualifierSortie(sortie({ situation: 'cdd', date: '2021-12-31', debut: '2021-06-01', fin: '2021-12-31', heuresHebdo, tempsPartielChoisi }), DIJON);
    expect(cdd(35)).toMatchObject({ categorie: 'emploi', positive: true });
    expect(cdd(17 + 40 / 60).categorie).toBe('a_decider_commission');
    expect(cdd(15, true).positive).toBe(true);
    expect(cdd(15, false).categorie).toBe('non_retenue');
  });

  it('successive contracts: months of non-contiguous contracts are not calendar months', () => {
    const s = (fin2: string) => sortie({ situation: 'contrats_successifs', date: '2021-12-31', heuresHebdo: 35, contrats: [
      { debut: '2021-01-01', fin: '2021-03-31', heures: 450, employeur: 'A', nature: 'cdd' },
      { debut: '2021-05-01', fin: fin2, heures: 450, employeur: 'B', nature: 'cdd' },
    ] });
    // 90 + 92 = 182 days: between 181 and 184, the span of 6 calendar months.
    const q = qualifierSortie(s('2021-07-31'), DIJON);
    expect(q.categorie).toBe('a_decider_commission');
    expect(q.motif).toContain('182 jours de contrats cumulés');
    expect(qualifierSortie(s('2021-08-05'), DIJON).positive).toBe(true);
    expect(qualifierSortie(s('2021-07-20'), DIJON).categorie).toBe('non_retenue');
  });

  it('chantier d’insertion: seniors of 55 go to the commission, others are not positive; other exits are « à qualifier »', () => {
    const aci = (dateNaissance: string) => qualifierSortie({ ...sortie({ situation: 'emploi_siae', structureSiae: 'ACI', date: '2021-12-31', debut: '2021-05-01' }), dateNaissance }, DIJON);
    expect(aci('1960-01-01').categorie).toBe('a_decider_commission');
    expect(aci('1970-01-01').categorie).toBe('non_retenue');
    expect(qualifierSortie(sortie({ situation: 'abandon', date: '2021-12-31' }), DIJON).categorie).toBe('a_qualifier');
  });
});

describe('Mulhouse (seed 004 l.91, 145–149)', () => {
  it('a CDI with its proof is positive; without, the commission judges « un autre moyen non discutable »', () => {
    expect(qualifierSortie(sortie({ situation: 'cdi', date: '2022-06-30', pieceId: 'piece-1' }), MULHOUSE)).toMatchObject({ categorie: 'emploi', positive: true });
    expect(qualifierSortie(sortie({ situation: 'cdi', date: '2022-06-30' }), MULHOUSE).categorie).toBe('a_decider_commission');
    expect(qualifierSortie(sortie({ situation: 'cdi', date: '2021-12-31', pieceId: 'piece-1' }), MULHOUSE).categorie).toBe('a_qualifier');
  });

  it('training: level 3, validated', () => {
    const f = (niveau: number, validee = true) => qualifierSortie(sortie({ situation: 'formation_qualifiante', date: '2022-06-30', pieceId: 'p', formation: { intitule: 'CAP', qualifiante: true, niveau, validee } }), MULHOUSE);
    expect(f(3).positive).toBe(true);
    expect(f(3, false).categorie).toBe('non_retenue');
    expect(f(4).categorie).toBe('a_decider_commission');
  });
});

describe('moisRevolus', () => {
  it('counts whole calendar months, end inclusive', () => {
    expect(moisRevolus('2021-01-01', '2021-06-30')).toEqual({ mois: 6, exact: true });
    expect(moisRevolus('2021-01-01', '2021-07-01')).toEqual({ mois: 6, exact: false });
    expect(moisRevolus('2021-01-01', '2021-06-29')).toEqual({ mois: 5, exact: false });
    // 31/01 + 1 month is 28/02 (clamped to the month's end, as the convention's calendar counts).
    expect(moisRevolus('2021-01-31', '2021-02-27')).toEqual({ mois: 1, exact: true });
    expect(moisRevolus('2021-01-31', '2021-02-26')).toEqual({ mois: 0, exact: false });
  });
});
