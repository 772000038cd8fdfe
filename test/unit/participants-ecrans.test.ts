import { describe, expect, it } from 'vitest';
import { colonnes } from '#shared/domain/participant/csv';
import { CONSERVATION, QUESTIONNAIRE_DU_PROGRAMME, STATUTS_AVEC_PARTICIPANTS } from '#shared/domain/participant/participant';
import { questionnaire } from '#shared/domain/participant/questionnaires';
import { SITUATIONS_SORTIE, VERSIONS_QUESTIONNAIRE } from '#shared/schemas/participant';
import { CATEGORIES_SORTIE } from '#shared/domain/sortie/regles-plie';
import { CATEGORIES_DECISION, colonnesModele, CONSERVATION_JUSQUAU, modeleCsv, SITUATIONS, STATUTS_PARTICIPANTS } from '../../web/src/participants/libelles';
import { questionVisible, reponsesAEnvoyer } from '../../web/src/participants/formulaire-participant';
import { LIGNES_MAX_FICHIER, OCTETS_MAX_FICHIER } from '../../web/src/participants/import';
import { LIGNES_MAX_TACHE_IMPORT } from '#shared/domain/participant/import-tache';
import { OCTETS_MAX_TACHE_IMPORT } from '#shared/schemas/import-participants';

/** The participant screens restate a few server rules the browser bundle cannot import: they must agree. */
describe('participant screens', () => {
  it('offers the import’s own columns in the empty template', () => {
    for (const v of VERSIONS_QUESTIONNAIRE) {
      expect(colonnesModele(v)).toEqual(colonnes(v));
      expect(modeleCsv(v)).toBe(`\uFEFF${colonnes(v).join(';')}\r\n`);
    }
  });

  it('names the retention date of each questionnaire’s programmes in the notice', () => {
    for (const [programme, v] of Object.entries(QUESTIONNAIRE_DU_PROGRAMME)) {
      expect(CONSERVATION_JUSQUAU[v]).toBe(CONSERVATION[programme as keyof typeof CONSERVATION].jusquau);
    }
  });

  it('refuses before sending the files the server would refuse', () => {
    expect([OCTETS_MAX_FICHIER, LIGNES_MAX_FICHIER]).toEqual([OCTETS_MAX_TACHE_IMPORT, LIGNES_MAX_TACHE_IMPORT]);
  });

  it('opens the participants from the same statuts as the server', () => {
    expect([...STATUTS_PARTICIPANTS].sort()).toEqual([...STATUTS_AVEC_PARTICIPANTS].sort());
  });

  it('labels every situation at exit and every category the commission may decide', () => {
    expect(Object.keys(SITUATIONS).sort()).toEqual([...SITUATIONS_SORTIE].sort());
    expect(Object.keys(CATEGORIES_DECISION).sort()).toEqual(CATEGORIES_SORTIE.filter((c) => c !== 'a_decider_commission' && c !== 'a_qualifier').sort());
  });

  it('hides 1e–1g unless 1a–1d are all « non », 1g unless 1f = oui, and sends only what is shown', () => {
    const def = questionnaire('FSEPLUS-2021-1057');
    const q = (code: string) => def.questions.find((x) => x.code === code)!;
    const tousNon = { Q1a: 'non', Q1b: 'non', Q1c: 'non', Q1d: 'non' };
    expect(questionVisible(q('Q1e'), { Q1a: 'non' })).toBe(false);
    expect(questionVisible(q('Q1e'), tousNon)).toBe(true);
    expect(questionVisible(q('Q1g'), { ...tousNon, Q1f: 'non' })).toBe(false);
    expect(questionVisible(q('Q1g'), { ...tousNon, Q1f: 'oui' })).toBe(true);
    expect(questionVisible(q('Q1f'), { ...tousNon, Q1b: 'oui' })).toBe(false);
    expect(reponsesAEnvoyer(def.questions, { ...tousNon, Q1f: 'oui', Q1g: '14', Q2: '2a' })).toEqual({ ...tousNon, Q1f: 'oui', Q1g: 14, Q2: '2a' });
    expect(reponsesAEnvoyer(def.questions, { Q1a: 'non', Q1b: 'oui', Q1e: 'oui', Q1f: 'oui', Q1g: '3' })).toEqual({ Q1a: 'non', Q1b: 'oui' });
  });
});
