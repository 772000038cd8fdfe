import { describe, expect, it } from 'vitest';
import { DemandeSortie } from '#shared/schemas/participant';
import { qualifierSortie } from '#shared/domain/sortie/qualification';
import { REGLES_PLIE, reglesDuPlie } from '#shared/domain/sortie/regles-plie';
import { construireVersion, seuilsDuCritere } from '#shared/domain/sortie/versions';
import { Conflit, RegleMetier } from '#shared/domain/errors';
import { VersionReglesStockee } from '#shared/schemas/regles-sorties';

const BORDEAUX = reglesDuPlie('bordeaux');
const demande = (o: Record<string, unknown> = {}) => ({
  valideDu: '2023-03-01', decisionCopil: 'COPIL 2023-02', dateDecisionCopil: null,
  seuils: [{ regle: 'BORDEAUX-SUCCESSIFS', critere: 1, champ: 'heures' as const, valeur: 1000 }], ...o,
});

describe('a version of the exit rules entered by the OI', () => {
  it('copies the version in force on its date, changes only the thresholds named, and leaves the seeded one as it was', () => {
    const v = construireVersion('bordeaux', BORDEAUX, demande(), { le: '2023-02-15T10:00:00.000Z', par: 'oi@guichet.test' });
    expect(v).toMatchObject({ plie: 'bordeaux', version: 'bordeaux-2023-03-01', base: 'bordeaux-2021', decisionCopil: { reference: 'COPIL 2023-02', date: null } });
    const r = v.regles.find((x) => x.code === 'BORDEAUX-SUCCESSIFS')!;
    expect(seuilsDuCritere(r.criteres[1]!)).toEqual(expect.arrayContaining([expect.objectContaining({ champ: 'heures', valeur: 1000 }), expect.objectContaining({ champ: 'semaines', valeur: 39 })]));
    expect(v.regles.find((x) => x.code === 'BORDEAUX-ETTI')).toEqual(REGLES_PLIE.bordeaux![0]!.regles.find((x) => x.code === 'BORDEAUX-ETTI'));
    expect(JSON.stringify(REGLES_PLIE.bordeaux![0]!.regles)).not.toContain('"heures":1000');
    // reglesDuPlie merges the entered versions with the seeded ones, oldest first; a sortie is judged by its date's.
    const versions = reglesDuPlie('bordeaux', [v]);
    const cas = (date: string) => DemandeSortie.parse({
      situation: 'contrats_successifs', date, tempsPlein: true,
      contrats: [{ debut: '2022-03-01', fin: '2022-09-30', heures: 1100, employeur: 'Mairie', nature: 'cdd' }],
    });
    expect(qualifierSortie(cas('2023-02-28'), versions)).toMatchObject({ version: 'bordeaux-2021', categorie: 'non_retenue' });
    expect(qualifierSortie(cas('2023-03-01'), versions)).toMatchObject({ version: 'bordeaux-2023-03-01', categorie: 'emploi_durable' });
  });

  it('one version per date (409), strictly after the latest (422), thresholds of the base only, whole months', () => {
    expect(() => construireVersion('bordeaux', BORDEAUX, demande({ valideDu: '2021-01-01' }))).toThrow(Conflit);
    expect(() => construireVersion('bordeaux', BORDEAUX, demande({ valideDu: '2020-12-31' }))).toThrow(RegleMetier);
    expect(() => construireVersion('bordeaux', BORDEAUX, demande({ base: 'agenais-2021' }))).toThrow(/pas de version « agenais-2021 »/);
    expect(() => construireVersion('sources', reglesDuPlie('sources'), demande())).toThrow(/Aucune version/);
    expect(() => construireVersion('bordeaux', BORDEAUX, demande({ seuils: [{ regle: 'BORDEAUX-SUCCESSIFS', critere: 1, champ: 'fenetreMois', valeur: 10.5 }] }))).toThrow(/entier/);
    expect(() => construireVersion('bordeaux', BORDEAUX, demande({ seuils: [{ regle: 'BORDEAUX-CDI', critere: 9, champ: 'mois', valeur: 3 }] }))).toThrow(/pas de critère n° 9/);
  });
});

describe('rules added and dropped by a version (a PLIE without rules gets its first version)', () => {
  const CDI_3_MOIS = {
    code: 'SOURCES-CDI', libelle: 'CDI — 3 mois dans l’emploi', groupe: 'SORTIES POSITIVES', categorie: 'emploi_durable' as const,
    situations: ['cdi' as const], criteres: [{ type: 'anciennete' as const, mois: 3, memeEmployeur: false }],
  };
  const cdi = (date: string) => DemandeSortie.parse({ situation: 'cdi', date, tempsPlein: true, debut: '2024-01-02' });

  it('a PLIE with no version starts from the rules added; its sorties before that date stay « à qualifier »', () => {
    const v = construireVersion('sources', reglesDuPlie('sources'), { valideDu: '2024-01-01', decisionCopil: 'COPIL 2023-12', dateDecisionCopil: '2023-12-12', seuils: [], ajoutees: [CDI_3_MOIS] });
    expect(v).toMatchObject({ version: 'sources-2024-01-01', regles: [{ code: 'SOURCES-CDI', source: 'sources-2024-01-01 (décision du COPIL COPIL 2023-12) : règle saisie par l’OI' }] });
    expect(v.base).toBeUndefined();
    expect(v.lecture).toBe('Première version des règles de sortie du PLIE : 1 règle.');
    const versions = reglesDuPlie('sources', [v]);
    expect(qualifierSortie(cdi('2024-05-02'), versions)).toMatchObject({ version: 'sources-2024-01-01', regle: 'SOURCES-CDI', categorie: 'emploi_durable' });
    expect(qualifierSortie(cdi('2024-02-01'), versions)).toMatchObject({ categorie: 'non_retenue' });
    expect(qualifierSortie(cdi('2023-12-31'), versions)).toMatchObject({ categorie: 'a_qualifier' });
    expect(() => construireVersion('sources', reglesDuPlie('sources'), { valideDu: '2024-01-01', seuils: [], dateDecisionCopil: null })).toThrow(/ajoutez au moins une règle/);
  });

  it('drops rules of the base and adds others; refuses an unknown rule, a taken code, a threshold of a dropped rule and an empty version', () => {
    const v = construireVersion('bordeaux', BORDEAUX, demande({ seuils: [], retirees: ['BORDEAUX-CDI'], ajoutees: [{ ...CDI_3_MOIS, code: 'BORDEAUX-CDI-3' }] }));
    expect(v.regles.map((r) => r.code)).not.toContain('BORDEAUX-CDI');
    expect(v.regles.at(-1)!.code).toBe('BORDEAUX-CDI-3');
    expect(v.lecture).toBe('Par rapport à bordeaux-2021 : Règles retirées : BORDEAUX-CDI. Règles ajoutées : BORDEAUX-CDI-3.');
    const refus = (o: Record<string, unknown>) => { try { construireVersion('bordeaux', BORDEAUX, demande(o)); } catch (e) { return e as RegleMetier; } throw new Error('accepté'); };
    expect(refus({ seuils: [], retirees: ['BORDEAUX-INCONNUE'] })).toMatchObject({ code: 'VERSION_REGLES_INVALIDE', details: [{ chemin: 'retirees.0' }] });
    expect(refus({ seuils: [], ajoutees: [{ ...CDI_3_MOIS, code: 'BORDEAUX-ETTI' }] })).toMatchObject({ code: 'VERSION_REGLES_INVALIDE', details: [{ chemin: 'ajoutees.0.code' }] });
    expect(refus({ retirees: ['BORDEAUX-SUCCESSIFS'] }).details).toEqual([{ chemin: 'seuils.0.regle', message: 'La règle BORDEAUX-SUCCESSIFS est retirée : son seuil ne peut pas changer.' }]);
    expect(refus({ seuils: [], ajoutees: [{ ...CDI_3_MOIS, structuresSiae: ['ACI'] }] }).details?.[0]?.chemin).toBe('ajoutees.0.structuresSiae');
    expect(refus({ seuils: [], retirees: BORDEAUX[0]!.regles.map((r) => r.code) })).toMatchObject({ code: 'VERSION_REGLES_VIDE' });
  });
});

describe('the stored shape of a version', () => {
  it('every seeded version, and a version built from one, reads back through the stored schema unchanged', () => {
    for (const versions of Object.values(REGLES_PLIE)) for (const v of versions) expect(VersionReglesStockee.parse(v)).toEqual(v);
    const v = construireVersion('bordeaux', BORDEAUX, demande(), { le: '2023-02-15T10:00:00.000Z', par: 'oi@guichet.test' });
    expect(VersionReglesStockee.parse(JSON.parse(JSON.stringify(v)))).toEqual(v);
    expect(() => VersionReglesStockee.parse({ ...v, regles: [{ ...v.regles[0], criteres: [{ type: 'inconnu' }] }] })).toThrow();
  });
});
