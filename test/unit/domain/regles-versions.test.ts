import { describe, expect, it } from 'vitest';
import { DemandeSortie } from '#shared/schemas/participant';
import { qualifierSortie } from '#shared/domain/sortie/qualification';
import { REGLES_PLIE, reglesDuPlie } from '#shared/domain/sortie/regles-plie';
import { construireVersion, seuilsDuCritere } from '#shared/domain/sortie/versions';
import { Conflit, RegleMetier } from '#shared/domain/errors';

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
