import { describe, expect, it } from 'vitest';
import type { Actor } from '#shared/auth/roles';
import * as regles from '#shared/domain/aap/aap';
import { AccesRefuse, Conflit, RegleMetier } from '#shared/domain/errors';
import { ContenuAap, ImportAap } from '#shared/schemas/aap';
import { aapDemo, lireAgape } from '#local/seed';
import { verifie } from './support';

const ADMIN: Actor = { userId: 'u1', email: 'oi@guichet.test', roles: ['oi-admin'], oi: 'AGAPE', prenom: null, nom: null };
const GESTIONNAIRE: Actor = { ...ADMIN, roles: ['oi-gestionnaire'] };
const AUTRE_OI: Actor = { ...ADMIN, oi: 'AUTRE' };
const maintenant = new Date('2026-11-23T10:00:00Z');
const contenu = () => ContenuAap.parse(aapDemo(maintenant));
const brouillon = () => regles.nouveauBrouillon(verifie(contenu()), { actor: GESTIONNAIRE, id: 'X', maintenant });

describe('nouveauBrouillon', () => {
  it('computes the closing instant from the local closing time and zone', () => {
    const c = contenu();
    expect(brouillon().clotureLe).toBe(new Date(`${c.depot.cloture.date}T22:59:59.999Z`).toISOString());
  });

  it('refuses staff of another OI', () => {
    expect(() => regles.nouveauBrouillon(verifie(contenu()), { actor: AUTRE_OI, id: 'X', maintenant })).toThrow(AccesRefuse);
  });
});

describe('publier', () => {
  it('is reserved to an oi-admin of the OI', () => {
    expect(() => regles.publier(brouillon(), { actor: GESTIONNAIRE, maintenant, archive: false })).toThrow(AccesRefuse);
    const p = regles.publier(brouillon(), { actor: ADMIN, maintenant, archive: false });
    expect([p.statut, p.version, p.publieLe, p.ouvertureLe]).toEqual(['publie', 2, maintenant.toISOString(), maintenant.toISOString()]);
  });

  it('refuses a second publication and a past closing unless archived', () => {
    const p = regles.publier(brouillon(), { actor: ADMIN, maintenant, archive: false });
    expect(() => regles.publier(p, { actor: ADMIN, maintenant, archive: false })).toThrow(Conflit);
    const plusTard = new Date('2030-01-01T00:00:00Z');
    expect(() => regles.publier(brouillon(), { actor: ADMIN, maintenant: plusTard, archive: false })).toThrow(RegleMetier);
    expect(regles.publier(brouillon(), { actor: ADMIN, maintenant: plusTard, archive: true }).statut).toBe('publie');
  });
});

describe('statutEffectif', () => {
  it('turns clos one millisecond after the closing instant', () => {
    const p = regles.publier(brouillon(), { actor: ADMIN, maintenant, archive: false });
    const fin = Date.parse(p.clotureLe);
    expect(regles.statutEffectif(p, new Date(fin))).toBe('publie');
    expect(regles.statutEffectif(p, new Date(fin + 1))).toBe('clos');
  });
});

describe('modifierBrouillon', () => {
  it('refuses a published AAP and a stale version', () => {
    const b = brouillon();
    expect(() => regles.modifierBrouillon(b, verifie(contenu()), { actor: ADMIN, versionLue: 7, maintenant })).toThrow(/modifié entre-temps/);
    const p = regles.publier(b, { actor: ADMIN, maintenant, archive: false });
    expect(() => regles.modifierBrouillon(p, verifie(contenu()), { actor: ADMIN, versionLue: p.version, maintenant })).toThrow(/rectificatif/);
  });
});

describe('rectifier', () => {
  it('keeps the référence and records what changed', () => {
    const p = regles.publier(brouillon(), { actor: ADMIN, maintenant, archive: false });
    const c = contenu();
    expect(() => regles.rectifier(p, verifie({ ...c, reference: 'AUTRE' }), { actor: ADMIN, versionLue: 2, maintenant, motif: 'm' })).toThrow(RegleMetier);
    const { aap, rectificatif } = regles.rectifier(p, verifie({ ...c, titre: 'Nouveau' }), { actor: ADMIN, versionLue: 2, maintenant, motif: 'Titre' });
    expect(aap.version).toBe(3);
    expect(rectificatif?.modifications).toEqual([{ chemin: 'titre', avant: c.titre, apres: 'Nouveau' }]);
  });
});

describe('ImportAap', () => {
  it('reads the AGAPE file with its 27 fiches', () => {
    expect(ImportAap.parse(lireAgape()).fiches).toHaveLength(27);
  });

  it('maps the free-text opening to an opening at publication', () => {
    const { contenu: c } = regles.depuisImport(lireAgape());
    expect(c.depot.ouverture).toBeNull();
    expect(c.depot.modalitesOuverture).toMatch(/diffusion/);
  });
});

describe('normaliser', () => {
  it('folds case, accents and typographic apostrophes', () => {
    expect(regles.normaliser('PLIE de l’Agenais — Périgueux')).toBe("plie de l'agenais — perigueux");
  });
});
