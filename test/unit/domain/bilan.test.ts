import { describe, expect, it } from 'vitest';
import { DecisionLigne, DemandeBilan, DemandeCsf, DemandePaiement, LigneDepenseRealisee, ResultatCsf } from '#shared/schemas/bilan';
import { controleServiceFait, verifierBilan } from '#shared/domain/bilan/csf';
import { avanceDue, delaiPaiement, emettreReversement, proposerPaiement, recouvrer, soldeEtReversement, transitionPaiement, type CsfDuBilan, type Paiement } from '#shared/domain/bilan/paiements';
import { exigerParticipantsComplets, manquesParticipants } from '#shared/domain/bilan/participants';
import { transitionBilan } from '#shared/domain/bilan/statuts';
import { DomainError } from '#shared/domain/errors';
import { Participant } from '#shared/schemas/participant';
import { contenuConventionHp1 } from '../../fixtures/convention';

/** HP1 conventioned as programmed (notes 5.1 #1): personnel 10 000,00 €, forfait 20 %, FSE 9 600,00 €, Département 2 400,00 €. */
const HP1 = contenuConventionHp1();
const DEPARTEMENT = 'Département de la Dordogne';

const personnel = (montantCentimes = 10_000_00, extra: Partial<LigneDepenseRealisee> = {}) => ({
  id: 'L1',
  categorie: 'personnel',
  libelle: 'Coordinatrice du PLIE (0,25 ETP)',
  montantCentimes,
  periode: { debut: '2021-01-01', fin: '2021-12-31' },
  acquittee: true,
  personnel: { personne: 'Claire Dupuy', periode: { debut: '2021-01-01', fin: '2021-12-31' }, quotitePct: 25, justificatifTemps: 'feuilles_emargement' },
  ...extra,
});

function bilanFinal(depenses: unknown[] = [personnel()], ressources: Record<string, unknown> = {}): DemandeBilan {
  return DemandeBilan.parse({
    nature: 'final',
    numero: 1,
    depenses,
    ressources: { fsePercuCentimes: 2_880_00, cofinancements: [{ financeur: DEPARTEMENT, montantCentimes: 2_400_00 }], autofinancementCentimes: 0, recettesCentimes: 0, ...ressources },
  });
}

/** Expects a DomainError with this status and code; returns it. */
function erreur(f: () => unknown, status: number, code: string): DomainError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect({ status: (e as DomainError).httpStatus, code: (e as DomainError).code }).toEqual({ status, code });
    return e as DomainError;
  }
  throw new Error(`${code} attendu, aucune erreur levée`);
}

const decision = (d: Record<string, unknown>) => DecisionLigne.parse(d);

describe('the HP1 fixture is the acceptance case of issue 15', () => {
  it('conventioned: 12 000,00 € cost, FSE 9 600,00 €, forfait 20 %, avance 30 % = 2 880,00 €, one final bilan', () => {
    expect(HP1.annexe.totaux.coutTotal).toBe(12_000_00);
    expect(HP1.fseConventionneCentimes).toBe(9_600_00);
    expect(HP1.annexe.forfait?.tauxPct).toBe(20);
    expect(avanceDue(HP1)).toBe(2_880_00);
    expect(HP1.bilans).toEqual([{ numero: 1, nature: 'final', periodeFin: '2021-12-31', echeance: '2022-06-30' }]);
  });
});

describe('contrôle de service fait (issue 15 acceptance)', () => {
  const csf = controleServiceFait(HP1, bilanFinal(), [decision({ ligneId: 'L1', retenuCentimes: 9_000_00, motif: 'non_justifie', texte: 'bulletins absents' })]);

  it('discards 1 000,00 € of personnel with its motif', () => {
    expect(csf.lignes).toEqual([
      expect.objectContaining({
        ligneId: 'L1', declareCentimes: 10_000_00, retenuCentimes: 9_000_00, ecarteCentimes: 1_000_00,
        motif: 'non_justifie', motifLibelle: 'Dépense non justifiée par des pièces probantes', texte: 'bulletins absents', automatique: false,
      }),
    ]);
    expect(csf.ecarteCentimes).toBe(1_000_00);
  });

  it('recomputes the 20 % flat rate on the retained base → indirects 1 800,00, coût retenu 10 800,00', () => {
    expect(csf.indirects.montantCentimes).toBe(1_800_00);
    expect(csf.coutRetenuCentimes).toBe(10_800_00);
    expect(csf.autresRessourcesPercuesCentimes).toBe(2_400_00);
  });

  it('FSE dû = min(9 600 ; 8 640 ; 8 400) = 8 400,00 €, each term labelled', () => {
    expect(csf.termes.map((t) => [t.code, t.montantCentimes])).toEqual([
      ['fse_conventionne', 9_600_00],
      ['taux_conventionne_cout_retenu', 8_640_00],
      ['cout_retenu_moins_ressources', 8_400_00],
    ]);
    expect(csf.termes[1]!.libelle).toMatch(/^Taux de FSE conventionné \(80,00\s%\) × coût total retenu \(10\s800,00\s€\)$/);
    expect(csf.termes[2]!.libelle).toMatch(/^Coût total retenu \(10\s800,00\s€\) − autres ressources perçues \(2\s400,00\s€\)$/);
    expect(csf.fseDuCentimes).toBe(8_400_00);
  });

  it('contreparties 22,22 %: the fiche’s ≥ 20 % is met on actual figures', () => {
    expect(csf.tauxContreparties?.pourcentage).toBe('22,22\u00a0%');
    expect(csf.violations).toEqual([]);
    expect(csf.conclusion).toContain('FSE dû : 8');
    expect(csf.conclusion).toContain('conditions de financement de la fiche sont respectées');
    expect(ResultatCsf.parse(csf)).toEqual(csf);
  });

  it('solde 5 520,00 € after the 2 880,00 € avance', () => {
    const avance = proposerPaiement(DemandePaiement.parse({ nature: 'avance', montantCentimes: 2_880_00 }), { convention: HP1, enVigueur: true, csf: [], paiements: [] });
    const paye: Paiement = { ...avance, statut: 'paye' };
    const final: CsfDuBilan = { numero: 1, nature: 'final', definitif: true, fseDuCentimes: csf.fseDuCentimes };
    expect(soldeEtReversement(csf.fseDuCentimes, [paye])).toMatchObject({ soldeCentimes: 5_520_00, reversementCentimes: 0 });
    const solde = proposerPaiement({ nature: 'solde', montantCentimes: 5_520_00 }, { convention: HP1, enVigueur: true, csf: [final], paiements: [paye] });
    expect(solde).toEqual({ nature: 'solde', montantCentimes: 5_520_00, statut: 'propose', bilanNumero: 1 });
    erreur(() => proposerPaiement({ nature: 'solde', montantCentimes: 5_520_01 }, { convention: HP1, enVigueur: true, csf: [final], paiements: [paye] }), 422, 'SOLDE_INEXACT');
  });

  it('a contreparties shortfall on actual figures is reported with the plan’s rule', () => {
    const r = controleServiceFait(HP1, bilanFinal(undefined, { cofinancements: [{ financeur: DEPARTEMENT, montantCentimes: 1_000_00 }] }), []);
    // 12 000 retained, 1 000 received: FSE dû = min(9 600 ; 9 600 ; 11 000) = 9 600; contreparties 8,33 % < 20 %.
    expect(r.fseDuCentimes).toBe(9_600_00);
    expect(r.violations.map((v) => v.code)).toEqual(['CONTREPARTIES_INSUFFISANTES']);
    expect(r.violations[0]!.source).toBe('Fiche HP1 — conditions de financement');
    expect(r.conclusion).toContain('non respectées');
  });
});

describe('staff time evidence', () => {
  it('flags a part-time assignment evidenced by a contract only (it proves full time), and leaves the decision to the gestionnaire', () => {
    const contrat = personnel(10_000_00, { personnel: { personne: 'Claire Dupuy', periode: { debut: '2021-01-01', fin: '2021-12-31' }, quotitePct: 25, justificatifTemps: 'contrat_temps_plein' } });
    const r = controleServiceFait(HP1, bilanFinal([contrat]), []);
    expect(r.lignes[0]).toMatchObject({ retenuCentimes: 10_000_00, automatique: false, alerte: expect.stringMatching(/Affectation à 25 % de Claire Dupuy .*temps plein.*« temps non justifié »/) });
    // Time records (attendance sheets) or a full-time contract raise nothing.
    expect(controleServiceFait(HP1, bilanFinal([personnel()]), []).lignes[0]!.alerte).toBeNull();
    const pleinTemps = personnel(10_000_00, { personnel: { personne: 'Claire Dupuy', periode: { debut: '2021-01-01', fin: '2021-12-31' }, quotitePct: 100, justificatifTemps: 'contrat_temps_plein' } });
    expect(controleServiceFait(HP1, bilanFinal([pleinTemps]), []).lignes[0]!.alerte).toBeNull();
  });
});

describe('lines discarded automatically', () => {
  it('an expense dated 2022-01-15 on an operation ending 2021-12-31 → « hors période », whatever the decision', () => {
    const bilan = bilanFinal([personnel(), { id: 'L2', categorie: 'fonctionnement', libelle: 'Location de salle', montantCentimes: 500_00, date: '2022-01-15', acquittee: true }]);
    const r = controleServiceFait(HP1, bilan, [decision({ ligneId: 'L2', retenuCentimes: 500_00 })]);
    expect(r.lignes[1]).toMatchObject({ retenuCentimes: 0, ecarteCentimes: 500_00, motif: 'hors_periode', motifLibelle: 'Dépense hors de la période de réalisation', automatique: true });
    expect(r.lignes[1]!.texte).toContain('15/01/2022');
    expect(r.coutRetenuCentimes).toBe(12_000_00);
  });

  it('a line declared unpaid → « non acquitté »; a period straddling the end → retained, with an alert', () => {
    const bilan = bilanFinal([
      personnel(10_000_00, { periode: { debut: '2021-06-01', fin: '2022-02-28' } }),
      { id: 'L2', categorie: 'fonctionnement', libelle: 'Fournitures', montantCentimes: 300_00, date: '2021-05-01', acquittee: false },
    ]);
    const r = controleServiceFait(HP1, bilan, []);
    expect(r.lignes[0]).toMatchObject({ retenuCentimes: 10_000_00, automatique: false });
    expect(r.lignes[0]!.alerte).toContain('déborde');
    expect(r.lignes[1]).toMatchObject({ retenuCentimes: 0, motif: 'non_acquitte', automatique: true });
  });

  it('indirect costs declared under a flat rate are covered by it, not added', () => {
    const bilan = bilanFinal([personnel(), { id: 'L3', categorie: 'indirects', libelle: 'Secrétariat', montantCentimes: 700_00, date: '2021-04-01', acquittee: true }]);
    const r = controleServiceFait(HP1, bilan, []);
    expect(r.lignes[1]).toMatchObject({ retenuCentimes: 0, motif: 'autre', automatique: true });
    expect(r.indirects.montantCentimes).toBe(2_000_00);
  });
});

describe('CSF decisions refused', () => {
  it('a line discarded without motif → 422 MOTIF_REQUIS', () => {
    const e = erreur(() => controleServiceFait(HP1, bilanFinal(), [decision({ ligneId: 'L1', retenuCentimes: 9_000_00 })]), 422, 'MOTIF_REQUIS');
    expect(e.details?.[0]?.chemin).toBe('corps.decisions.0.motif');
  });

  it('« autre » without text → refused by the schema', () => {
    const r = DemandeCsf.safeParse({ decisions: [{ ligneId: 'L1', retenuCentimes: 0, motif: 'autre' }] });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.message)).toContain('Le motif « autre » doit être précisé par un texte.');
    expect(DemandeCsf.safeParse({ decisions: [{ ligneId: 'L1', retenuCentimes: 0, motif: 'autre', texte: 'Doublon avec la ligne L4' }] }).success).toBe(true);
    expect(DemandeCsf.safeParse({ decisions: [{ ligneId: 'L1', retenuCentimes: 0, motif: 'perdu' }] }).success).toBe(false);
  });

  it('retained above declared, an unknown line, an unknown cofinancer → 422', () => {
    erreur(() => controleServiceFait(HP1, bilanFinal(), [decision({ ligneId: 'L1', retenuCentimes: 10_000_01 })]), 422, 'RETENU_SUPERIEUR_DECLARE');
    erreur(() => controleServiceFait(HP1, bilanFinal(), [decision({ ligneId: 'L9', retenuCentimes: 0, motif: 'sans_lien' })]), 422, 'LIGNE_INCONNUE');
    const e = erreur(() => verifierBilan(HP1, bilanFinal(undefined, { cofinancements: [{ financeur: 'Région', montantCentimes: 1 }] })), 422, 'BILAN_INCOHERENT');
    expect(e.message).toContain('« Région » n’est pas un cofinanceur');
    erreur(() => verifierBilan(HP1, { ...bilanFinal(), nature: 'intermediaire' }), 422, 'BILAN_INCOHERENT');
  });

  it('FSE dû is rounded down to the cent on an odd case', () => {
    // 3 333,33 € retained → indirects floor(666,666) = 666,66; coût 3 999,99; 80 % → 3 199,992 → 3 199,99.
    const r = controleServiceFait(HP1, bilanFinal([personnel(3_333_33)], { cofinancements: [] }), []);
    expect(r.indirects.montantCentimes).toBe(666_66);
    expect(r.coutRetenuCentimes).toBe(3_999_99);
    expect(r.termes[1]!.montantCentimes).toBe(3_199_99);
    expect(r.fseDuCentimes).toBe(3_199_99);
  });
});

describe('schemas of a bilan', () => {
  const ligne = (montantCentimes: unknown) => LigneDepenseRealisee.safeParse({ ...personnel(), montantCentimes });
  it('refuses negative, non-integer cents and amounts over 1 billion €', () => {
    expect(ligne(-1).error?.issues[0]?.message).toBe('Un montant ne peut pas être négatif.');
    expect(ligne(10.5).error?.issues[0]?.message).toBe('Montant attendu en centimes entiers.');
    expect(ligne(100_000_000_001).error?.issues[0]?.message).toBe('Un montant ne peut pas dépasser 1 000 000 000,00 €.');
    expect(ligne(100_000_000_000).success).toBe(true);
    expect(DemandePaiement.safeParse({ nature: 'acompte', montantCentimes: -5 }).success).toBe(false);
  });

  it('a staff line needs its person and time evidence; a line needs a date or a period; ids are unique', () => {
    const { personnel: _p, ...sansPersonne } = personnel();
    expect(LigneDepenseRealisee.safeParse(sansPersonne).success).toBe(false);
    const { periode: _q, ...sansDate } = personnel();
    expect(LigneDepenseRealisee.safeParse(sansDate).success).toBe(false);
    expect(DemandeBilan.safeParse({ ...bilanFinal(), depenses: [personnel(), personnel()] }).success).toBe(false);
    expect(DemandeBilan.safeParse({ ...bilanFinal(), extra: 1 }).success).toBe(false);
  });
});

describe('payments ledger', () => {
  const etat = (csf: CsfDuBilan[], paiements: Paiement[] = []) => ({ convention: HP1, enVigueur: true, csf, paiements });
  const avancePayee: Paiement = { nature: 'avance', montantCentimes: 2_880_00, statut: 'paye', bilanNumero: null };

  it('an acompte asked before any CSF → 422 CSF_REQUIS; a solde too', () => {
    erreur(() => proposerPaiement({ nature: 'acompte', montantCentimes: 1_000_00 }, etat([], [avancePayee])), 422, 'CSF_REQUIS');
    erreur(() => proposerPaiement({ nature: 'acompte', montantCentimes: 1_000_00 }, etat([{ numero: 1, nature: 'intermediaire', definitif: false, fseDuCentimes: 5_000_00 }])), 422, 'CSF_REQUIS');
    erreur(() => proposerPaiement({ nature: 'solde', montantCentimes: 1_000_00 }, etat([{ numero: 1, nature: 'intermediaire', definitif: true, fseDuCentimes: 5_000_00 }])), 422, 'CSF_REQUIS');
  });

  it('an acompte above FSE dû minus payments → 422 ACOMPTE_EXCESSIF; at the limit it passes', () => {
    const csf: CsfDuBilan[] = [{ numero: 1, nature: 'intermediaire', definitif: true, fseDuCentimes: 5_000_00 }];
    erreur(() => proposerPaiement({ nature: 'acompte', montantCentimes: 2_120_01 }, etat(csf, [avancePayee])), 422, 'ACOMPTE_EXCESSIF');
    expect(proposerPaiement({ nature: 'acompte', montantCentimes: 2_120_00 }, etat(csf, [avancePayee]))).toMatchObject({ statut: 'propose', bilanNumero: 1 });
  });

  it('the avance: once, of the convention’s amount, only in force, none for an exempt statut', () => {
    erreur(() => proposerPaiement({ nature: 'avance', montantCentimes: 2_880_00 }, { ...etat([]), enVigueur: false }), 422, 'CONVENTION_NON_EN_VIGUEUR');
    erreur(() => proposerPaiement({ nature: 'avance', montantCentimes: 2_880_00 }, etat([], [avancePayee])), 409, 'AVANCE_DEJA_PROPOSEE');
    erreur(() => proposerPaiement({ nature: 'avance', montantCentimes: 3_000_00 }, etat([])), 422, 'MONTANT_AVANCE_INEXACT');
    const exemptee = { ...HP1, avance: { pct: 30, montantCentimes: 0, exemption: 'Pas d’avance pour ce statut.' } };
    expect(avanceDue(exemptee)).toBe(0);
    erreur(() => proposerPaiement({ nature: 'avance', montantCentimes: 0 }, { ...etat([]), convention: exemptee }), 422, 'AVANCE_EXEMPTEE');
  });

  it('payments above the FSE dû → an ordre de reversement, and no solde', () => {
    const acompte: Paiement = { nature: 'acompte', montantCentimes: 5_000_00, statut: 'paye', bilanNumero: 1 };
    const final: CsfDuBilan = { numero: 2, nature: 'final', definitif: true, fseDuCentimes: 7_000_00 };
    expect(soldeEtReversement(7_000_00, [avancePayee, acompte])).toEqual({ fseDuCentimes: 7_000_00, engagesCentimes: 7_880_00, payesCentimes: 7_880_00, soldeCentimes: 0, reversementCentimes: 880_00, reversementsEmisCentimes: 0, recouvresCentimes: 0, resteARecouvrerCentimes: 0 });
    const e = erreur(() => proposerPaiement({ nature: 'solde', montantCentimes: 0 }, etat([final], [avancePayee, acompte])), 422, 'SOLDE_NUL');
    expect(e.message).toContain('ordre de reversement de 880,00');
  });

  it('status transitions: oi-admin validates (not the proposer), then mise en paiement, then payé; illegal ones refused', () => {
    const admin = { id: 'u-admin', roles: ['oi-admin' as const] };
    const p: Paiement = { nature: 'avance', montantCentimes: 2_880_00, statut: 'propose', bilanNumero: null };
    erreur(() => transitionPaiement(p, 'valider', { id: 'u-gest', roles: ['oi-gestionnaire'] }), 422, 'ROLE_INSUFFISANT');
    erreur(() => transitionPaiement(p, 'valider', admin, 'u-admin'), 422, 'VALIDATION_PAR_LE_PROPOSANT');
    erreur(() => transitionPaiement(p, 'constater_paiement', admin), 409, 'TRANSITION_PAIEMENT_INVALIDE');
    const valide = transitionPaiement(p, 'valider', admin, 'u-gest');
    const mis = transitionPaiement(valide, 'mettre_en_paiement', admin);
    expect(transitionPaiement(mis, 'constater_paiement', admin).statut).toBe('paye');
  });

  it('payment delay from the bilan’s receipt: 90 days for 2014-2020, 80 days for FSE+', () => {
    expect(delaiPaiement('PON-FSE-2014-2020', '2022-03-01', '2022-05-20')).toMatchObject({ jours: 90, echeance: '2022-05-30', joursRestants: 10, enRetard: false });
    expect(delaiPaiement('FSE-PLUS-2021-2027', '2022-03-01', '2022-05-30')).toMatchObject({ jours: 80, echeance: '2022-05-20', joursRestants: -10, enRetard: true });
    expect(delaiPaiement('FSE-PLUS-2021-2027', '2022-03-01', '2022-03-01').source).toContain('2021/1060');
  });
});

describe('participant completeness gate (seed 002 l.7941)', () => {
  const COMPLET = { Q1a: 'non', Q1b: 'non', Q1c: 'non', Q1d: 'non', Q1e: 'non', Q1f: 'oui', Q1g: 14, Q2: '2c', Q3: 'non', Q4: 'oui', Q5: 'non', Q6: 'nsp' };
  const participant = (id: string, nom: string, reponses: Record<string, unknown>, sortie: unknown = null) => Participant.parse({
    id, dossierId: 'D1', organisationId: 'O1', saisiLe: '2021-03-01', version: 1,
    identite: { nom, prenom: 'Camille', dateNaissance: '1980-05-12', sexe: 'femme', naissance: { commune: 'Agen', codePostal: '47000' }, adresse: { ligne: '3 rue des Lilas', codePostal: '47000', commune: 'Agen' } },
    dateEntree: '2021-03-01',
    questionnaire: { questionnaire: 'FSE-2018-11-26', reponses },
    notice: { remiseLe: '2021-03-01', mode: 'papier' },
    sortie,
  });
  const sortie = { date: '2021-10-01', situation: 'cdi', saisieLe: '2021-10-05', horsDelai: false };
  const p = { questionnaire: 'FSE-2018-11-26' as const, nature: 'final' as const, periodeFin: '2021-12-31' };

  it('complete records pass', () => {
    expect(() => exigerParticipantsComplets([participant('P1', 'MARTIN', COMPLET, sortie)], p)).not.toThrow();
  });

  it('an incomplete questionnaire or a missing exit at the final bilan → 422 PARTICIPANTS_INCOMPLETS naming them', () => {
    const { Q5: _q5, ...sansQ5 } = COMPLET;
    const liste = [participant('P1', 'MARTIN', COMPLET, sortie), participant('P2', 'DURAND', sansQ5, sortie), participant('P3', 'BERNARD', COMPLET)];
    const e = erreur(() => exigerParticipantsComplets(liste, p), 422, 'PARTICIPANTS_INCOMPLETS');
    expect(e.message).toContain('Camille DURAND, Camille BERNARD');
    expect(e.details).toEqual([
      { chemin: 'participants.P2', message: 'Camille DURAND : questionnaire d’entrée incomplet (Q5 — réponse obligatoire).' },
      { chemin: 'participants.P3', message: 'Camille BERNARD : données de sortie non saisies.' },
    ]);
    // At an intermediate bilan, a participant still in the operation needs no exit.
    expect(manquesParticipants([liste[2]!], { ...p, nature: 'intermediaire' })).toEqual([]);
  });
});

describe('bilan statuses', () => {
  const gest = ['oi-gestionnaire'] as const;
  it('draft → deposited (locked) → CSF → contradictory round → final', () => {
    expect(transitionBilan('brouillon', 'deposer', ['porteur'])).toBe('depose');
    erreur(() => transitionBilan('depose', 'modifier', ['porteur']), 409, 'BILAN_VERROUILLE');
    erreur(() => transitionBilan('brouillon', 'ouvrir_csf', [...gest]), 422, 'BILAN_NON_DEPOSE');
    erreur(() => transitionBilan('depose', 'ouvrir_csf', ['porteur']), 422, 'ROLE_INSUFFISANT');
    expect(transitionBilan('depose', 'ouvrir_csf', [...gest])).toBe('en_csf');
    erreur(() => transitionBilan('en_csf', 'rendre_definitif', [...gest], 1_000_00), 422, 'CONTRADICTOIRE_REQUIS');
    expect(transitionBilan('en_csf', 'rendre_definitif', [...gest], 0)).toBe('csf_definitif');
    expect(transitionBilan('en_csf', 'envoyer_contradictoire', [...gest])).toBe('csf_contradictoire');
    erreur(() => transitionBilan('csf_contradictoire', 'envoyer_contradictoire', [...gest]), 409, 'TRANSITION_BILAN_INVALIDE');
    expect(transitionBilan('csf_contradictoire', 'rendre_definitif', [...gest], 1_000_00)).toBe('csf_definitif');
  });
});

describe('ordre de reversement', () => {
  const avancePayee: Paiement = { nature: 'avance', montantCentimes: 288_000, statut: 'paye', bilanNumero: null };
  const csfFinal: CsfDuBilan = { numero: 2, nature: 'final', definitif: true, fseDuCentimes: 200_000 };
  const demande = { montantCentimes: 88_000, echeance: '2027-01-31', motif: 'Trop-perçu au contrôle du bilan final.' };
  const code = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return (e as DomainError).code;
    }
    return null;
  };
  const aujourdhui = '2026-12-03';

  it('orders exactly what was paid above the FSE dû of the last definitive CSF, and only once', () => {
    expect(emettreReversement(demande, { csf: [csfFinal], paiements: [avancePayee], reversements: [], aujourdhui }))
      .toEqual({ montantCentimes: 88_000, bilanNumero: 2, fseDuCentimes: 200_000, payesCentimes: 288_000 });
    expect(code(() => emettreReversement(demande, { csf: [csfFinal], paiements: [avancePayee], reversements: [{ montantCentimes: 88_000, recouvrements: [] }], aujourdhui }))).toBe('REVERSEMENT_SANS_OBJET');
    expect(code(() => emettreReversement({ ...demande, montantCentimes: 87_999 }, { csf: [csfFinal], paiements: [avancePayee], reversements: [], aujourdhui }))).toBe('MONTANT_REVERSEMENT_INEXACT');
  });

  it('refuses before a definitive CSF, while a payment is on its way, without an excess, or with a past due date', () => {
    expect(code(() => emettreReversement(demande, { csf: [{ ...csfFinal, definitif: false }], paiements: [avancePayee], reversements: [], aujourdhui }))).toBe('CSF_REQUIS');
    expect(code(() => emettreReversement(demande, { csf: [csfFinal], paiements: [avancePayee, { nature: 'acompte', montantCentimes: 1, statut: 'valide', bilanNumero: 1 }], reversements: [], aujourdhui }))).toBe('PAIEMENTS_EN_COURS');
    expect(code(() => emettreReversement(demande, { csf: [{ ...csfFinal, fseDuCentimes: 288_000 }], paiements: [avancePayee], reversements: [], aujourdhui }))).toBe('REVERSEMENT_SANS_OBJET');
    expect(code(() => emettreReversement({ ...demande, echeance: '2026-12-02' }, { csf: [csfFinal], paiements: [avancePayee], reversements: [], aujourdhui }))).toBe('ECHEANCE_PASSEE');
  });

  it('follows the receivable in integer cents: partly, then fully recovered; never beyond', () => {
    const t = { le: '2026-12-03T09:00:00.000Z', par: 'u', nom: 'Agent' };
    const ordre = { montantCentimes: 88_000, recouvrements: [] as never[], statut: 'emis' as const };
    const partiel = recouvrer(ordre, { montantCentimes: 50_000, recuLe: aujourdhui, reference: 'VIR 1' }, t, aujourdhui);
    expect(partiel.statut).toBe('partiellement_recouvre');
    expect(code(() => recouvrer(partiel, { montantCentimes: 38_001, recuLe: aujourdhui, reference: 'VIR 2' }, t, aujourdhui))).toBe('RECOUVREMENT_EXCESSIF');
    expect(code(() => recouvrer(partiel, { montantCentimes: 0, recuLe: aujourdhui, reference: 'VIR 2' }, t, aujourdhui))).toBe('MONTANT_NUL');
    expect(code(() => recouvrer(partiel, { montantCentimes: 1, recuLe: '2026-12-04', reference: 'VIR 2' }, t, aujourdhui))).toBe('DATE_FUTURE');
    const total = recouvrer(partiel, { montantCentimes: 38_000, recuLe: aujourdhui, reference: 'VIR 2' }, t, aujourdhui);
    expect(total.statut).toBe('recouvre');
    expect(code(() => recouvrer(total, { montantCentimes: 1, recuLe: aujourdhui, reference: 'VIR 3' }, t, aujourdhui))).toBe('REVERSEMENT_RECOUVRE');
    expect(soldeEtReversement(200_000, [avancePayee], [{ montantCentimes: 88_000, recouvrements: total.recouvrements }])).toMatchObject({
      reversementCentimes: 0, reversementsEmisCentimes: 88_000, recouvresCentimes: 88_000, resteARecouvrerCentimes: 0,
    });
  });
});
