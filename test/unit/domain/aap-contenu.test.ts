import { describe, expect, it } from 'vitest';
import * as regles from '#shared/domain/aap/aap';
import { validerContenu } from '#shared/domain/aap/validation';
import { ContenuAap } from '#shared/schemas/aap';
import { aapDemo, lireAgape } from '#local/seed';
import { OI, PLIES_AGAPE, T0, codeDe, verifie } from './support';

const contenu = () => ContenuAap.parse(aapDemo(T0));

describe('validerContenu', () => {
  it('resolves the PLIE the AAP names into their names and websites', () => {
    const { references, code } = validerContenu(contenu(), PLIES_AGAPE);
    expect(code).toBe('FSE-PLUS-2021-2027');
    expect(references.find((r) => r.id === 'haut-perigord')).toEqual({
      id: 'haut-perigord', nom: 'PLIE du Haut Périgord', siteWeb: 'http://www.interplie.eu/qui-sommes-nous.html',
    });
  });

  it.each([
    ['PLIE_INCONNU', (c: ContenuAap) => ({ ...c, plies: [...c.plies, 'ailleurs'] })],
    ['PROGRAMME_INCONNU', (c: ContenuAap) => ({ ...c, programme: { ...c.programme, code: 'FEDER' } })],
    ['TAUX_EN_DOUBLE', (c: ContenuAap) => ({
      ...c, programme: { ...c.programme, tauxForfaitaires: [{ option: 'FORFAIT_7_DIRECTS', tauxPct: 5 }, { option: 'FORFAIT_7_DIRECTS', tauxPct: 6 }] },
    })],
    ['TAUX_SUPERIEUR_AU_PLAFOND', (c: ContenuAap) => ({ ...c, programme: { ...c.programme, tauxForfaitaires: [{ option: 'FORFAIT_15_PERSONNEL', tauxPct: 15.01 }] } })],
    ['REGLE_FINANCEMENT_CONTRADICTOIRE', (c: ContenuAap) => ({
      ...c, fiches: c.fiches.map((f, i) => (i === 0 ? { ...f, regleFinancement: { cofinancementRequis: false, minContrepartiesPct: 20.01, maxFsePct: 80 } } : f)),
    })],
    ['GROUPE_PIECES_INCOMPLET', (c: ContenuAap) => ({
      ...c, fiches: c.fiches.map((f, i) => (i === 0 ? { ...f, piecesJustificatives: [{ libelle: 'Une des pièces suivantes', etape: 'depot' as const, alternatives: ['Une'] }] } : f)),
    })],
  ])('refuses %s with a 422', (code, alterer) => {
    expect(codeDe(() => validerContenu(alterer(contenu()), PLIES_AGAPE))).toBe(code);
  });

  it('accepts a lower rate and the exact ceiling, 20 % + 80 % and a group of two', () => {
    const c = contenu();
    const ok = {
      ...c,
      programme: { ...c.programme, tauxForfaitaires: [{ option: 'FORFAIT_7_DIRECTS', tauxPct: 5 }, { option: 'FORFAIT_15_PERSONNEL', tauxPct: 15 }] },
      fiches: c.fiches.map((f, i) => (i === 0 ? { ...f, piecesJustificatives: [{ libelle: 'Une des pièces suivantes', etape: 'depot' as const, alternatives: ['Une', 'Deux'] }] } : f)),
    };
    expect(codeDe(() => validerContenu(ok, PLIES_AGAPE))).toBeNull();
  });
});

describe('an imported archive', () => {
  const { contenu: agape, historique } = regles.depuisImport(lireAgape());
  const archive = () =>
    regles.publier(regles.nouveauBrouillon(verifie(agape), { actor: OI, id: 'A', maintenant: T0, historique }), { actor: OI, maintenant: T0, archive: true });

  it('keeps the source’s publication date (none given: none invented) and reads « version 1 »', () => {
    const a = archive();
    expect([a.statut, a.publieLe, a.ouvertureLe, regles.numeroVersion(a)]).toEqual(['publie', null, null, 1]);
  });

  it('numbers its first rectificatif 1 and reads « version 2 » after it', () => {
    const a = archive();
    const { aap, rectificatif } = regles.rectifier(a, verifie({ ...agape, titre: `${agape.titre} (corrigé)` }), { actor: OI, versionLue: a.version, maintenant: T0, motif: 'Titre' });
    expect([rectificatif?.numero, regles.numeroVersion(aap)]).toEqual([1, 2]);
  });

  it('publishes today an AAP published through Guichet', () => {
    const p = regles.publier(regles.nouveauBrouillon(verifie(contenu()), { actor: OI, id: 'B', maintenant: T0 }), { actor: OI, maintenant: T0, archive: false });
    expect(p.publieLe).toBe(T0.toISOString());
  });

  it('shows the public no internal note, and names its PLIE', () => {
    const a = archive();
    expect(a.notesInternes.length).toBeGreaterThan(0);
    const publique = regles.versionPublique(a);
    expect([publique.notesInternes, ...publique.fiches.map((f) => f.notesInternes)].flat()).toEqual([]);
    expect(regles.nomPlie(a, 'grand-perigueux')).toBe('PLIE du Grand Périgueux');
  });
});

describe('rectifier and the internal notes', () => {
  const publie = () => regles.publier(regles.nouveauBrouillon(verifie(contenu()), { actor: OI, id: 'C', maintenant: T0 }), { actor: OI, maintenant: T0, archive: false });

  it('never puts the notes in the public diff', () => {
    const p = publie();
    const c = contenu();
    const change = { ...c, titre: 'Autre titre', notesInternes: ['SECRET OI'], fiches: c.fiches.map((f, i) => (i === 0 ? { ...f, notesInternes: ['SECRET FICHE'] } : f)) };
    const { aap, rectificatif } = regles.rectifier(p, verifie(change), { actor: OI, versionLue: p.version, maintenant: T0, motif: 'Titre' });
    expect(rectificatif!.modifications.map((m) => m.chemin)).toEqual(['titre']);
    expect(JSON.stringify(rectificatif)).not.toContain('SECRET');
    expect(aap.notesInternes).toEqual(['SECRET OI']);
  });

  it('saves a change of notes alone without a public rectificatif', () => {
    const p = publie();
    const { aap, rectificatif } = regles.rectifier(p, verifie({ ...contenu(), notesInternes: ['À vérifier avec le PLIE'] }), {
      actor: OI, versionLue: p.version, maintenant: T0, motif: 'Notes',
    });
    expect([rectificatif, aap.nombreRectificatifs, aap.notesInternes]).toEqual([null, 0, ['À vérifier avec le PLIE']]);
  });
});

describe('publier as an archive', () => {
  it('publishes today an AAP whose closing is still to come, whatever its source history says', () => {
    const brouillon = regles.nouveauBrouillon(verifie(contenu()), { actor: OI, id: 'D', maintenant: T0, historique: { publieLe: null } });
    expect(regles.publier(brouillon, { actor: OI, maintenant: T0, archive: true }).publieLe).toBe(T0.toISOString());
  });
});
