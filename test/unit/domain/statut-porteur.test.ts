import { describe, expect, it } from 'vitest';
import { STATUTS_DOSSIER } from '#shared/schemas/dossier';
import { STATUTS_PORTEUR, statutPorteur, vuePorteur } from '#shared/domain/dossier/statut-porteur';

describe('statutPorteur', () => {
  it('maps every detailed state onto one of the five statuts a porteur sees', () => {
    const vus = new Set(STATUTS_DOSSIER.map(statutPorteur));
    expect([...vus].sort()).toEqual([...STATUTS_PORTEUR].sort());
  });

  it('reads the OI’s stages as « déposé / en instruction » until a decision', () => {
    for (const s of ['depose', 'complement_demande', 'recevable', 'instruit', 'inscrit_comite', 'ajourne'] as const) {
      expect(vuePorteur(s).libelle, s).toBe('Déposé / en instruction');
    }
  });

  it('reads selection and programmation as accepted, rejection as refused, irrecevabilité as classé sans suite', () => {
    expect([statutPorteur('selectionne'), statutPorteur('programme')]).toEqual(['accepte', 'accepte']);
    expect(statutPorteur('rejete')).toBe('refuse');
    expect(statutPorteur('irrecevable')).toBe('classe_sans_suite');
    expect(statutPorteur('brouillon')).toBe('brouillon');
  });

  it('says what happens next, and asks the porteur to act only on a draft or a request for compléments', () => {
    for (const s of STATUTS_DOSSIER) expect(vuePorteur(s).ensuite.length, s).toBeGreaterThan(40);
    expect(STATUTS_DOSSIER.filter((s) => vuePorteur(s).actionAttendue)).toEqual(['brouillon', 'complement_demande']);
  });
});
