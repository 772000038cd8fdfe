import { describe, expect, it } from 'vitest';
import * as regles from '#shared/domain/aap/aap';
import { controle, deposer, nouveauDossier, exigerDepotOuvert, empreinte } from '#shared/domain/dossier/dossier';
import { chaineIntegre, journaliser } from '#shared/domain/dossier/journal';
import { RegleMetier } from '#shared/domain/errors';
import { ContenuAap } from '#shared/schemas/aap';
import type { Dossier } from '#shared/schemas/dossier';
import { aapDemo } from '#local/seed';
import { OI, ORG, PORTEUR, verifie } from './support';

/** A published AAP whose dépôt closes on `date` at 23:59 Europe/Paris. */
function aapFermantLe(date: string) {
  const t0 = new Date('2026-11-01T10:00:00Z');
  const c = ContenuAap.parse({ ...aapDemo(t0), depot: { ...aapDemo(t0).depot, cloture: { date, heure: '23:59', fuseau: 'Europe/Paris' } } });
  const b = regles.nouveauBrouillon(verifie(c), { actor: OI, id: 'AAP1', maintenant: t0 });
  return regles.publier(b, { actor: OI, maintenant: t0, archive: false });
}

function dossierComplet(aap: ReturnType<typeof aapFermantLe>): Dossier {
  const fiche = aap.fiches.find((f) => f.code === 'HP1')!;
  const d = nouveauDossier({ aap, fiche, organisation: ORG, actor: PORTEUR, id: 'D1', maintenant: new Date('2026-11-02T10:00:00Z') });
  return {
    ...d,
    contenu: {
      ...d.contenu,
      description: { objectifs: 'o', publicVise: 'p', modalites: 'm', territoire: 't' },
      planFinancement: {
        depenses: { personnel: [{ libelle: 'ETP', montantCentimes: 1_000_000 }], fonctionnement: [], prestations: [], participants: [] },
        indirects: { mode: 'forfait', option: 'FORFAIT_7_DIRECTS' },
        ressources: {
          fseCentimes: 856_000,
          cofinancements: [{ financeur: 'Département', nature: 'public', contrepartieFse: true, attestation: 'prevue', montantCentimes: 214_000 }],
          autofinancementCentimes: 0,
          recettesCentimes: 0,
        },
      },
    },
  };
}

describe('the flat rates of a deposited plan', () => {
  it('stay those the AAP applied at the dépôt when a rectificatif changes them afterwards', () => {
    const publie = aapFermantLe('2026-12-31');
    const aap = { ...publie, programme: { ...publie.programme, tauxForfaitaires: [{ option: 'FORFAIT_7_DIRECTS', tauxPct: 7 }] } };
    const fiche = aap.fiches.find((f) => f.code === 'HP1')!;
    const depose = deposer(dossierComplet(aap), { aap, fiche, actor: PORTEUR, maintenant: new Date('2026-11-03T10:00:00Z') });
    expect(depose.depot?.tauxForfaitaires).toEqual([{ option: 'FORFAIT_7_DIRECTS', tauxPct: 7 }]);
    const rectifie = { ...aap, programme: { ...aap.programme, tauxForfaitaires: [{ option: 'FORFAIT_7_DIRECTS', tauxPct: 5 }] } };
    expect(controle(depose, rectifie, fiche).totaux.indirects).toBe(70_000);
    expect(controle(dossierComplet(rectifie), rectifie, fiche).totaux.indirects).toBe(50_000);
  });
});

describe('deposer', () => {
  it.each([
    ['an ordinary winter day', '2026-12-31', '2026-12-31T22:59:59.999Z'],
    ['the day clocks go forward', '2027-03-28', '2027-03-28T21:59:59.999Z'],
    ['the day clocks go back', '2027-10-31', '2027-10-31T22:59:59.999Z'],
  ])('accepts 1 ms before the closing instant and refuses 1 ms after, on %s', (_nom, date, instant) => {
    const aap = aapFermantLe(date);
    expect(aap.clotureLe).toBe(instant);
    const fiche = aap.fiches.find((f) => f.code === 'HP1')!;
    const d = dossierComplet(aap);
    const fin = Date.parse(instant);
    expect(deposer(d, { aap, fiche, actor: PORTEUR, maintenant: new Date(fin - 1) }).statut).toBe('depose');
    expect(deposer(d, { aap, fiche, actor: PORTEUR, maintenant: new Date(fin) }).statut).toBe('depose');
    try {
      deposer(d, { aap, fiche, actor: PORTEUR, maintenant: new Date(fin + 1) });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(RegleMetier);
      expect((e as RegleMetier).code).toBe('DEPOT_HORS_DELAI');
      expect((e as RegleMetier).message).toBe(`Le dépôt est clos depuis le ${date.split('-').reverse().join('/')} à 23:59 (Europe/Paris).`);
    }
  });

  it('refuses an operation already ended on the day of the dépôt', () => {
    const aap = aapFermantLe('2027-12-31');
    const fiche = aap.fiches.find((f) => f.code === 'HP1')!;
    const d = dossierComplet(aap);
    const termine = { ...d, contenu: { ...d.contenu, calendrier: { debut: '2027-01-01', fin: '2027-02-01' } } };
    expect(() => deposer(termine, { aap, fiche, actor: PORTEUR, maintenant: new Date('2027-03-01T10:00:00Z') })).toThrow(/achevée/);
  });

  it('lists every blocker at once (rubriques, pièces, plan, calendrier), not one category at a time', () => {
    const aap = aapFermantLe('2027-12-31');
    const fiche = aap.fiches.find((f) => f.code === 'HP1')!;
    const d = dossierComplet(aap);
    const plan = { ...d.contenu.planFinancement, ressources: { ...d.contenu.planFinancement.ressources, fseCentimes: 0 } };
    const mauvais = { ...d, contenu: { ...d.contenu, intitule: '', calendrier: { debut: '2027-01-01', fin: '2027-02-01' }, planFinancement: plan } };
    const rib = { code: 'RIB', libelle: 'Relevé d’identité bancaire', typesAcceptes: ['application/pdf' as const], tailleMaxOctets: 1000, obligatoire: true, etat: 'attendue' as const, origine: 'administrative' as const, piece: null, demandeEnComplement: false };
    try {
      deposer(mauvais, { aap, fiche, actor: PORTEUR, maintenant: new Date('2027-03-01T10:00:00Z'), pieces: [rib] });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(RegleMetier);
      const err = e as RegleMetier;
      expect(err.code).toBe('DOSSIER_INCOMPLET');
      const chemins = (err.details ?? []).map((x) => x.chemin);
      expect(chemins).toContain('intitule');
      expect(chemins).toContain('pieces.RIB');
      expect(chemins.some((c) => c.startsWith('planFinancement.'))).toBe(true);
      expect(chemins).toContain('calendrier.fin');
      expect(err.message).toMatch(/points sont à corriger \(rubriques, pièces, plan de financement, calendrier\)/);
    }
  });

  it('fingerprints the canonical content, whatever the key order', () => {
    const aap = aapFermantLe('2027-12-31');
    const d = dossierComplet(aap);
    const inverser = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(inverser) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, inverser(x)])) : v;
    const reordonne = { ...d, contenu: inverser(d.contenu) as Dossier['contenu'] };
    expect(JSON.stringify(reordonne.contenu)).not.toBe(JSON.stringify(d.contenu));
    expect(empreinte(reordonne)).toBe(empreinte(d));
    expect(empreinte({ ...d, contenu: { ...d.contenu, intitule: 'autre' } })).not.toBe(empreinte(d));
  });
});

describe('exigerDepotOuvert', () => {
  it('refuses before the opening instant', () => {
    const aap = { ...aapFermantLe('2027-12-31'), ouvertureLe: '2027-01-01T00:00:00.000Z' };
    expect(() => exigerDepotOuvert(aap, new Date('2026-12-31T23:59:59.999Z'))).toThrow(/ouvre/);
  });
});

describe('journaliser', () => {
  it('chains each event to the previous one and detects tampering', () => {
    const aap = aapFermantLe('2027-12-31');
    const d = dossierComplet(aap);
    const a = journaliser(d, { id: 'e1', type: 'creation', auteur: PORTEUR, de: null, maintenant: new Date(1) });
    const b = journaliser({ ...a.dossier, statut: 'depose' }, { id: 'e2', type: 'depot', auteur: PORTEUR, de: 'brouillon', maintenant: new Date(2) });
    expect(b.evenement.hashPrecedent).toBe(a.evenement.hash);
    expect(chaineIntegre([a.evenement, b.evenement])).toBe(true);
    expect(chaineIntegre([{ ...a.evenement, auteur: 'x' }, b.evenement])).toBe(false);
    expect(chaineIntegre([b.evenement])).toBe(false);
  });
});
