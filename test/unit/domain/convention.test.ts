import { describe, expect, it } from 'vitest';
import * as regles from '#shared/domain/aap/aap';
import { ContenuAap, type Aap } from '#shared/schemas/aap';
import type { Dossier } from '#shared/schemas/dossier';
import type { PlanFinancement } from '#shared/schemas/plan-financement';
import { DemandeAvenant, type VersionConvention } from '#shared/schemas/convention';
import {
  ajouterMois, bornesBilansIntermediaires, calendrierBilans, contenuAvenant, contenuInitial, dureeEnMois, envoyer, preparer, proposerAvenant, signer, suivi,
} from '#shared/domain/convention/convention';
import { lireAgape } from '#local/seed';
import { codeDe, OI, ORG, PORTEUR, verifie } from './support';

/** The AGAPE 2021 AAP (PON FSE 2014-2020), published: HP1 asks ≥ 20 % contreparties, ≤ 80 % FSE. */
const { historique: _h, ...agape } = lireAgape();
const T = new Date('2021-03-01T10:00:00Z');
const AAP: Aap = regles.publier(regles.nouveauBrouillon(verifie(ContenuAap.parse({ ...agape, depot: { ...agape.depot, ouverture: null } })), { actor: OI, id: 'AGAPE21', maintenant: T }), { actor: OI, maintenant: T, archive: false });
const HP1 = AAP.fiches.find((f) => f.code === 'HP1')!;

/** Personnel 10 000,00 €, forfait 20 % → indirects 2 000,00 €; FSE 9 600,00 €, Département 2 400,00 €. */
const PLAN: PlanFinancement = {
  depenses: { personnel: [{ libelle: 'Coordinatrice (0,25 ETP)', montantCentimes: 10_000_00 }], fonctionnement: [], prestations: [], participants: [] },
  indirects: { mode: 'forfait', option: 'FORFAIT_20_DIRECTS_HORS_PRESTATIONS' },
  ressources: {
    fseCentimes: 9_600_00,
    cofinancements: [{ financeur: 'Département de la Dordogne', nature: 'public', contrepartieFse: true, attestation: 'obtenue', montantCentimes: 2_400_00 }],
    autofinancementCentimes: 0, recettesCentimes: 0,
  },
};

function dossierProgramme(fse = 9_600_00): Dossier {
  return {
    id: 'D1', reference: 'AAP-AGAPE-2021-HP1-443061841', aapId: AAP.id, aapReference: AAP.reference, oi: 'AGAPE', ficheCode: 'HP1', ficheTitre: HP1.titre,
    plie: 'PLIE du Haut Périgord', organisationId: ORG.id, organisationNom: ORG.raisonSociale, siret: ORG.siret, statut: 'programme', version: 9,
    creeLe: T.toISOString(), creePar: 'p', modifieLe: T.toISOString(),
    contenu: {
      intitule: 'Animation du PLIE du Haut Périgord',
      description: { objectifs: 'Coordonner les parcours.', publicVise: 'Demandeurs d’emploi.', modalites: 'Entretiens.', territoire: 'Haut Périgord' },
      calendrier: { debut: '2021-01-01', fin: '2021-12-31' },
      indicateurs: [{ libelle: 'Participants accompagnés', unite: 'personnes', cibleFiche: 180, valeurPrevue: 180 }],
      planFinancement: PLAN,
    },
    depot: { deposeLe: T.toISOString(), deposePar: 'P', fuseau: 'Europe/Paris', empreinte: 'x' },
    complements: null, complementsRecus: [],
    suivi: { programmation: { montantFseCentimes: fse, dateDecision: '2021-06-15', referenceDeliberation: 'CA-2021-06', enregistreLe: T.toISOString() } },
    empreinteJournal: null, evenementsJournal: 0,
  };
}

const DEMANDE = { regimeAide: 'hors_aide_etat' as const, representant: { nom: 'Jeanne Dupuis', qualite: 'Présidente' } };
const initial = (d = dossierProgramme()) => contenuInitial({ dossier: d, aap: AAP, fiche: HP1, organisation: ORG, demande: DEMANDE });
const maintenant = new Date('2021-07-01T08:00:00Z');
/** A rate as printed, its narrow no-break space read as a space. */
const pct = (t: { pourcentage: string } | null) => t?.pourcentage.replace(/[\u00a0\u202f]/g, ' ');

describe('convention: contenu and annexe financière', () => {
  it('HP1 programmed 9 600,00 € on a 12 000,00 € cost: taux FSE 80,00 %, contreparties 20,00 %, the 20 % forfait and the fiche’s rule', () => {
    const c = initial();
    expect(c.fseConventionneCentimes).toBe(9_600_00);
    expect(c.annexe.totaux).toMatchObject({ personnel: 10_000_00, indirects: 2_000_00, coutTotal: 12_000_00, fse: 9_600_00, contreparties: 2_400_00 });
    expect(pct(c.annexe.tauxFse)).toBe('80,00 %');
    expect(pct(c.annexe.tauxContreparties)).toBe('20,00 %');
    expect(c.annexe.forfait).toMatchObject({ code: 'FORFAIT_20_DIRECTS_HORS_PRESTATIONS', tauxPct: 20 });
    expect(c.annexe.regle).toEqual({ cofinancementRequis: true, minContrepartiesPct: 20, maxFsePct: 80 });
    expect(c.annexe.indicateurs).toEqual([{ libelle: 'Participants accompagnés', unite: 'personnes', valeurPrevue: 180 }]);
    expect(c.programme.reglement).toBe('Règlement (UE) n° 1303/2013');
    expect(c.programme.finEligibilite).toBe('2023-12-31');
    // Avance: 30 % of the FSE conventionné by default (notes 5.4: 2 880,00 €).
    expect(c.avance).toEqual({ pct: 30, montantCentimes: 2_880_00, exemption: null });
    expect(c.bilans).toEqual([{ numero: 1, nature: 'final', periodeFin: '2021-12-31', echeance: '2022-06-30' }]);
  });

  it('FSE conventionné = FSE programmé, even when the programmation reduced the plan’s request', () => {
    const c = initial(dossierProgramme(9_000_00));
    expect(c.fseConventionneCentimes).toBe(9_000_00);
    expect(c.annexe.fseSolliciteCentimes).toBe(9_600_00);
    expect(pct(c.annexe.tauxFse)).toBe('75,00 %');
  });

  it('an organisation whose statut the AAP exempts gets no avance, and says why', () => {
    const aap = { ...AAP, conventionnement: { avancePct: 25, statutsExemptesAvance: ['association' as const], renouvellementsMax: null } };
    const c = contenuInitial({ dossier: dossierProgramme(), aap, fiche: HP1, organisation: ORG, demande: DEMANDE });
    expect(c.avance.montantCentimes).toBe(0);
    expect(c.avance.exemption).toMatch(/association/);
  });

  it('only a programmed dossier, and only once', () => {
    const v = preparer(dossierProgramme(), initial(), { actor: OI, maintenant, versionLue: 9 });
    expect(v).toMatchObject({ numero: 1, nature: 'initiale', statut: 'en_preparation' });
    expect(codeDe(() => preparer({ ...dossierProgramme(), statut: 'selectionne' }, initial(), { actor: OI, maintenant, versionLue: 9 }))).toBe('STATUT_INCOMPATIBLE');
    const avec = { ...dossierProgramme(), suivi: { ...dossierProgramme().suivi, convention: suivi(undefined, [v]) } };
    expect(codeDe(() => preparer(avec, initial(), { actor: OI, maintenant, versionLue: 9 }))).toBe('CONVENTION_EXISTANTE');
  });
});

describe('convention: calendar of bilans by duration', () => {
  it('counts months inclusively', () => {
    expect(dureeEnMois('2021-01-01', '2021-12-31')).toBe(12);
    expect(dureeEnMois('2021-01-01', '2022-06-30')).toBe(18);
    expect(dureeEnMois('2021-01-15', '2021-02-14')).toBe(1);
    expect(dureeEnMois('2021-01-01', '2023-12-31')).toBe(36);
    expect(ajouterMois('2021-08-31', 6)).toBe('2022-02-28');
  });

  it('≤ 12 months: one final bilan; 12–24: at most one intermediate; 24–36: at least one; 36–48: at least two', () => {
    expect(bornesBilansIntermediaires(12)).toEqual({ min: 0, max: 0 });
    expect(bornesBilansIntermediaires(18)).toEqual({ min: 0, max: 1 });
    expect(bornesBilansIntermediaires(24)).toEqual({ min: 0, max: 1 });
    expect(bornesBilansIntermediaires(30)).toEqual({ min: 1, max: 2 });
    expect(bornesBilansIntermediaires(48)).toEqual({ min: 2, max: 3 });
    expect(codeDe(() => calendrierBilans({ debut: '2021-01-01', fin: '2021-12-31' }, 1))).toBe('CALENDRIER_BILANS_INVALIDE');
    expect(codeDe(() => calendrierBilans({ debut: '2021-01-01', fin: '2022-06-30' }, 2))).toBe('CALENDRIER_BILANS_INVALIDE');
    expect(codeDe(() => calendrierBilans({ debut: '2021-01-01', fin: '2023-12-31' }, 0))).toBe('CALENDRIER_BILANS_INVALIDE');
    expect(calendrierBilans({ debut: '2021-01-01', fin: '2022-06-30' }, 1)).toEqual([
      { numero: 1, nature: 'intermediaire', periodeFin: '2021-09-30', echeance: '2021-12-30' },
      { numero: 2, nature: 'final', periodeFin: '2022-06-30', echeance: '2022-12-30' },
    ]);
    const trois = calendrierBilans({ debut: '2021-01-01', fin: '2024-12-31' });
    expect(trois.map((b) => b.nature)).toEqual(['intermediaire', 'intermediaire', 'final']);
    expect(trois.map((b) => b.periodeFin)).toEqual(['2022-04-30', '2023-08-31', '2024-12-31']);
  });
});

describe('convention: signatures in order, on the document shown', () => {
  const envoyee = () => {
    const v = preparer(dossierProgramme(), initial(), { actor: OI, maintenant, versionLue: 9 });
    return envoyer(v, { sha256: 'a'.repeat(64), octets: 1000, cle: 'k' }, { actor: OI, maintenant, fuseau: 'Europe/Paris' });
  };
  const demande = { numero: 1, sha256: 'a'.repeat(64), qualite: 'Présidente' };

  it('the signataire, then the OI; each records who, when, the zone and the hash', () => {
    const v = envoyee();
    expect(codeDe(() => signer(v, 'oi', demande, { actor: OI, maintenant, fuseau: 'Europe/Paris' }))).toBe('SIGNATURE_PORTEUR_ATTENDUE');
    const porteur = signer(v, 'porteur', demande, { actor: PORTEUR, maintenant, fuseau: 'Europe/Paris' });
    expect(porteur.statut).toBe('a_contresigner');
    expect(porteur.signatures[0]).toEqual({ partie: 'porteur', utilisateurId: 'p', nom: 'porteur@guichet.test', qualite: 'Présidente', le: maintenant.toISOString(), fuseau: 'Europe/Paris', sha256: 'a'.repeat(64) });
    expect(codeDe(() => signer(porteur, 'porteur', demande, { actor: PORTEUR, maintenant, fuseau: 'Europe/Paris' }))).toBe('SIGNATURE_OI_ATTENDUE');
    const oi = signer(porteur, 'oi', { ...demande, qualite: 'Directrice' }, { actor: OI, maintenant, fuseau: 'Europe/Paris' });
    expect(oi.statut).toBe('en_vigueur');
    expect(oi.enVigueurLe).toBe(maintenant.toISOString());
    expect(codeDe(() => signer(oi, 'oi', demande, { actor: OI, maintenant, fuseau: 'Europe/Paris' }))).toBe('CONVENTION_DEJA_SIGNEE');
  });

  it('nobody signs a document whose hash differs, nor another version, nor one not sent', () => {
    const v = envoyee();
    expect(codeDe(() => signer(v, 'porteur', { ...demande, sha256: 'b'.repeat(64) }, { actor: PORTEUR, maintenant, fuseau: 'Europe/Paris' }))).toBe('EMPREINTE_DIFFERENTE');
    expect(codeDe(() => signer(v, 'porteur', { ...demande, numero: 2 }, { actor: PORTEUR, maintenant, fuseau: 'Europe/Paris' }))).toBe('VERSION_CONVENTION_PERIMEE');
    const prepare = preparer(dossierProgramme(), initial(), { actor: OI, maintenant, versionLue: 9 });
    expect(codeDe(() => signer(prepare, 'porteur', demande, { actor: PORTEUR, maintenant, fuseau: 'Europe/Paris' }))).toBe('CONVENTION_NON_ENVOYEE');
  });
});

describe('convention: avenants', () => {
  const enVigueur = (): VersionConvention => ({ ...preparer(dossierProgramme(), initial(), { actor: OI, maintenant, versionLue: 9 }), statut: 'en_vigueur' });
  const avenant = (corps: Record<string, unknown>, aap: Aap = AAP, renouvellements = 0) =>
    contenuAvenant(enVigueur().contenu, DemandeAvenant.parse({ motif: 'Prolongation de six mois.', ...corps }), { dossier: dossierProgramme(), aap, fiche: HP1, organisation: ORG, renouvellements });

  it('moving the end date 2021-12-31 → 2022-06-30 shows exactly that change, and leaves v1 in force', () => {
    const calcul = avenant({ modifications: { periode: { debut: '2021-01-01', fin: '2022-06-30' } } });
    expect(calcul.avenant.modifications).toEqual([{ chemin: 'periode.fin', avant: '2021-12-31', apres: '2022-06-30' }]);
    expect(calcul.avenant.objets).toEqual(['periode']);
    expect(calcul.contenu.bilans.at(-1)).toMatchObject({ nature: 'final', periodeFin: '2022-06-30', echeance: '2022-12-30' });
    const v1 = enVigueur();
    const d = { ...dossierProgramme(), suivi: { ...dossierProgramme().suivi, convention: suivi(undefined, [v1]) } };
    const v2 = proposerAvenant(d, [v1], calcul, { actor: OI, maintenant, versionLue: 9 });
    expect(v2).toMatchObject({ numero: 2, nature: 'avenant', statut: 'en_preparation' });
    expect(suivi(d.suivi.convention, [v1, v2])).toMatchObject({ etat: 'en_preparation', numeroEnVigueur: 1, numeroEnCours: 2, periode: { fin: '2021-12-31' } });
    expect(codeDe(() => envoyer(v2, { sha256: 'a'.repeat(64), octets: 1, cle: 'k' }, { actor: OI, maintenant, fuseau: 'Europe/Paris' }))).toBe('DECISION_REEXAMEN_REQUISE');
  });

  it('the end date stays within the programme’s eligibility window (2014-2020 → 2023-12-31)', () => {
    expect(codeDe(() => avenant({ modifications: { periode: { debut: '2021-01-01', fin: '2024-01-31' } } }))).toBe('PERIODE_HORS_PROGRAMME');
    expect(avenant({ modifications: { periode: { debut: '2021-01-01', fin: '2023-12-31' } } }).contenu.periode.fin).toBe('2023-12-31');
  });

  it('an FSE above the programmed amount needs a new programmation; a plan breaking the fiche’s rule is refused', () => {
    const plus = { ...PLAN, ressources: { ...PLAN.ressources, fseCentimes: 9_700_00, cofinancements: [{ ...PLAN.ressources.cofinancements[0]!, montantCentimes: 2_300_00 }] } };
    expect(codeDe(() => avenant({ modifications: { plan: plus } }))).toBe('FSE_SUPERIEUR_PROGRAMME');
    const sansContrepartie = { ...PLAN, ressources: { ...PLAN.ressources, fseCentimes: 9_000_00, cofinancements: [], autofinancementCentimes: 3_000_00 } };
    expect(codeDe(() => avenant({ modifications: { plan: { ...sansContrepartie, ressources: { ...sansContrepartie.ressources, autofinancementCentimes: 1_000_00, recettesCentimes: 2_000_00 } } } }))).toBe('PLAN_NON_CONFORME');
    const moins = { ...PLAN, ressources: { ...PLAN.ressources, fseCentimes: 9_000_00, cofinancements: [{ ...PLAN.ressources.cofinancements[0]!, montantCentimes: 3_000_00 }] } };
    const c = avenant({ modifications: { plan: moins } });
    expect(c.contenu.fseConventionneCentimes).toBe(9_000_00);
    expect(c.avenant.objets).toEqual(['plan']);
    expect(c.avenant.modifications).toEqual(expect.arrayContaining([
      { chemin: 'fseConventionneCentimes', avant: 9_600_00, apres: 9_000_00 },
      { chemin: 'plan.ressources.fseCentimes', avant: 9_600_00, apres: 9_000_00 },
    ]));
  });

  it('the renewal cap set by the AAP (Dijon: 2) is enforced', () => {
    const dijon = { ...AAP, conventionnement: { avancePct: 30, statutsExemptesAvance: [], renouvellementsMax: 2 } };
    const corps = { renouvellement: true, modifications: { periode: { debut: '2021-01-01', fin: '2022-12-31' } } };
    expect(avenant(corps, dijon, 1).avenant.renouvellement).toBe(true);
    expect(codeDe(() => avenant(corps, dijon, 2))).toBe('RENOUVELLEMENTS_EPUISES');
  });

  it('an avenant that changes nothing is refused', () => {
    expect(codeDe(() => avenant({ modifications: { periode: { debut: '2021-01-01', fin: '2021-12-31' } } }))).toBe('AVENANT_SANS_EFFET');
  });
});
