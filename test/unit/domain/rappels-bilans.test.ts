import { describe, expect, it } from 'vitest';
import type { Dossier } from '#shared/schemas/dossier';
import type { Notification } from '#shared/schemas/notification';
import { bilansADeposer, paiementsAttendus } from '#shared/domain/bilan/echeances';
import { bilansEnCours } from '#shared/domain/dossier/gestion';
import { rendre } from '#shared/domain/notification/modeles';
import { idRappel, rappelsBilans, rappelsDuJour, type ContexteRappelsBilans } from '#shared/domain/notification/rappels-bilans';

type SuiviBilans = NonNullable<Dossier['suivi']['bilans']>;
type Statut = SuiviBilans['bilans'][number]['statut'];

const calendrier = [
  { numero: 1, nature: 'intermediaire' as const, echeance: '2027-01-31' },
  { numero: 2, nature: 'final' as const, echeance: '2027-03-31' },
];
const bilan = (numero: number, statut: Statut, payerAvant: string | null) => ({
  numero, nature: numero === 2 ? 'final' as const : 'intermediaire' as const, statut, deposeLe: payerAvant ? '2027-01-20T09:00:00Z' : null, payerAvant, reponseLe: null,
});
const aucun = { aValider: 0, aMettreEnPaiement: 0, aConstater: 0 };

const dossier = (id: string, p: { echeances?: typeof calendrier | undefined; bilans?: SuiviBilans['bilans']; paiements?: SuiviBilans['paiements'] } = {}): Dossier =>
  ({
    id, reference: `AAP-X-HP1-${id}`, organisationId: `ORG-${id}`, organisationNom: 'Association Élan', aapReference: 'AAP-X', statut: 'programme', oi: 'AGAPE',
    contenu: { intitule: 'Œuvre commune' },
    suivi: {
      convention: {
        etat: 'en_vigueur', numeroEnVigueur: 1, numeroEnCours: null, renouvellements: 0, periode: null, fseConventionneCentimes: 856_000,
        ...(p.echeances ? { echeances: p.echeances } : {}),
      },
      ...(p.bilans || p.paiements ? { bilans: { bilans: p.bilans ?? [], paiements: p.paiements ?? aucun } } : {}),
    },
  }) as unknown as Dossier;

describe('échéances of a conventioned dossier', () => {
  it('lists the bilans of the calendar not deposited (none or a draft), and none on a dossier written before the calendar was kept', () => {
    expect(bilansADeposer(dossier('a', { echeances: calendrier })).map((e) => e.numero)).toEqual([1, 2]);
    expect(bilansADeposer(dossier('b', { echeances: calendrier, bilans: [bilan(1, 'brouillon', null)] })).map((e) => e.numero)).toEqual([1, 2]);
    expect(bilansADeposer(dossier('c', { echeances: calendrier, bilans: [bilan(1, 'depose', '2027-04-10')] })).map((e) => e.numero)).toEqual([2]);
    expect(bilansADeposer(dossier('ancien'))).toEqual([]);
  });

  it('awaits a payment for a bilan under control, and for the last deposited one while payments are under way', () => {
    expect(paiementsAttendus(dossier('a', { bilans: [bilan(1, 'en_csf', '2027-04-10')] }))).toEqual([{ numero: 1, nature: 'intermediaire', payerAvant: '2027-04-10' }]);
    expect(paiementsAttendus(dossier('b', { bilans: [bilan(1, 'csf_definitif', '2027-04-10')] }))).toEqual([]);
    expect(paiementsAttendus(dossier('c', { bilans: [bilan(1, 'csf_definitif', '2027-04-10')], paiements: { ...aucun, aValider: 1 } })).map((p) => p.numero)).toEqual([1]);
    expect(paiementsAttendus(dossier('ancien'))).toEqual([]);
  });
});

describe('tableau de bord: bilans to deposit', () => {
  it('lists the overdue bilans and the next one due, late first, flagged, before the bilans to control of later deadlines', () => {
    const a = dossier('a', { echeances: calendrier });
    const b = dossier('b', { echeances: [{ numero: 1, nature: 'final', echeance: '2027-06-30' }], bilans: [bilan(1, 'brouillon', null)] });
    const c = dossier('c', { echeances: calendrier, bilans: [bilan(1, 'en_csf', '2027-04-20')] });
    const lignes = bilansEnCours([a, b, c, dossier('ancien')], '2027-02-01');
    expect(lignes.map((l) => [l.dossierId, l.etape, l.numero, l.nature, l.deposerAvant, l.payerAvant, l.enRetard])).toEqual([
      ['a', 'a_deposer', 1, 'intermediaire', '2027-01-31', null, true],
      ['a', 'a_deposer', 2, 'final', '2027-03-31', null, false],
      ['c', 'a_deposer', 2, 'final', '2027-03-31', null, false],
      ['c', 'en_csf', 1, 'intermediaire', null, '2027-04-20', false],
      ['b', 'a_deposer', 1, 'final', '2027-06-30', null, false],
    ]);
    // On its due date a bilan is not late yet; the third one to come is not listed while the second is.
    expect(bilansEnCours([a], '2027-01-31').map((l) => [l.numero, l.enRetard])).toEqual([[1, false]]);
  });
});

describe('reminders on bilans and payments', () => {
  const deposer = (d: Dossier, jour: string) => rappelsDuJour([d], jour).filter((r) => r.type === 'depot').map((r) => [r.numero, r.stade, r.jours]);
  const payer = (d: Dossier, jour: string) => rappelsDuJour([d], jour).filter((r) => r.type === 'paiement').map((r) => [r.numero, r.stade, r.jours]);

  it('reminds a bilan not deposited from 15 days before its due date, then once overdue, and never once deposited', () => {
    const d = dossier('a', { echeances: [calendrier[0]!] });
    expect(deposer(d, '2027-01-15')).toEqual([]);
    expect(deposer(d, '2027-01-16')).toEqual([[1, 'J15', 15]]);
    expect(deposer(d, '2027-01-31')).toEqual([[1, 'J15', 0]]);
    expect(deposer(d, '2027-02-01')).toEqual([[1, 'retard', -1]]);
    expect(deposer(dossier('b', { echeances: [calendrier[0]!], bilans: [bilan(1, 'depose', '2027-04-20')] }), '2027-02-01')).toEqual([]);
    expect(deposer(dossier('ancien'), '2027-02-01')).toEqual([]);
  });

  it('reminds a payment deadline from 10 days before it, then once passed, while the payment is not done', () => {
    const d = dossier('a', { bilans: [bilan(1, 'csf_contradictoire', '2027-04-20')] });
    expect(payer(d, '2027-04-09')).toEqual([]);
    expect(payer(d, '2027-04-10')).toEqual([[1, 'J10', 10]]);
    expect(payer(d, '2027-04-21')).toEqual([[1, 'retard', -1]]);
    expect(payer(dossier('b', { bilans: [bilan(1, 'csf_definitif', '2027-04-20')], paiements: { ...aucun, aConstater: 1 } }), '2027-04-21')).toEqual([[1, 'retard', -1]]);
    expect(payer(dossier('c', { bilans: [bilan(1, 'csf_definitif', '2027-04-20')] }), '2027-04-21')).toEqual([]);
  });

  it('names each reminder by stage, dossier, bilan, due date and recipient (the same address in any case)', () => {
    const r = { type: 'depot' as const, stade: 'J15' as const, numero: 2, echeance: '2027-03-31', dossierId: 'D1' };
    expect(idRappel(r, 'Anne@Exemple.fr')).toBe(idRappel(r, 'anne@exemple.fr'));
    expect(new Set([
      idRappel(r, 'anne@exemple.fr'), idRappel({ ...r, stade: 'retard' }, 'anne@exemple.fr'), idRappel({ ...r, type: 'paiement' }, 'anne@exemple.fr'),
      idRappel({ ...r, numero: 1 }, 'anne@exemple.fr'), idRappel({ ...r, echeance: '2027-06-30' }, 'anne@exemple.fr'), idRappel(r, 'paul@exemple.fr'),
    ]).size).toBe(6);
  });

  it('writes each e-mail once however often it runs: porteur members on dépôts, OI admins on payments', async () => {
    const boite = new Map<string, Notification>();
    const d = dossier('a', { echeances: calendrier, bilans: [bilan(1, 'en_csf', '2027-04-20')] });
    const ctx = (jour: string): ContexteRappelsBilans => ({
      maintenant: new Date(`${jour}T06:00:00Z`),
      aaps: { lister: () => Promise.resolve({ items: [{ organismeIntermediaire: { sigle: 'AGAPE' } }] as never, cursor: null }) },
      dossiers: { toutDuStatut: (oi, statut) => Promise.resolve(oi === 'AGAPE' && statut === 'programme' ? [d] : []) },
      orgs: { membres: () => Promise.resolve([{ utilisateurId: 'u1', email: 'anne@exemple.fr', nom: 'Anne Martin' }, { utilisateurId: 'u2', email: 'paul@exemple.fr', nom: null }] as never) },
      agentsOi: (_oi, role) => Promise.resolve(role === 'oi-admin' ? [{ utilisateurId: 'adm', email: 'admin@oi.fr', nom: 'Claire Martin' }] : []),
      ecrireNouvelles: (ns) => Promise.resolve(ns.filter((n) => !boite.has(n.id) && boite.set(n.id, n)).length),
    });
    expect(await rappelsBilans(ctx('2027-03-16'))).toEqual({ dossiers: 1, rappels: 1, envoyes: 2 });
    expect(await rappelsBilans(ctx('2027-03-16'))).toMatchObject({ rappels: 1, envoyes: 0 });
    expect(await rappelsBilans(ctx('2027-03-31'))).toMatchObject({ rappels: 1, envoyes: 0 });
    // The day after its due date: the members again, once, as overdue.
    expect(await rappelsBilans(ctx('2027-04-01'))).toMatchObject({ rappels: 1, envoyes: 2 });
    expect(await rappelsBilans(ctx('2027-04-02'))).toMatchObject({ envoyes: 0 });
    // The payment deadline within 10 days, then passed: the OI's admin, once each.
    expect(await rappelsBilans(ctx('2027-04-10'))).toMatchObject({ rappels: 2, envoyes: 1 });
    expect(await rappelsBilans(ctx('2027-04-15'))).toMatchObject({ envoyes: 0 });
    expect(await rappelsBilans(ctx('2027-04-21'))).toMatchObject({ rappels: 2, envoyes: 1 });
    expect(await rappelsBilans(ctx('2027-04-22'))).toMatchObject({ envoyes: 0 });
    const envoyes = [...boite.values()].map((n) => [n.modele, n.destinataire.email, n.lien, n.sujet]);
    expect(envoyes).toEqual([
      ['rappel_bilan', 'anne@exemple.fr', '/dossiers/a#section-bilans', 'Bilan n° 2 (final) du dossier AAP-X-HP1-a à déposer avant le 31/03/2027'],
      ['rappel_bilan', 'paul@exemple.fr', '/dossiers/a#section-bilans', 'Bilan n° 2 (final) du dossier AAP-X-HP1-a à déposer avant le 31/03/2027'],
      ['rappel_bilan', 'anne@exemple.fr', '/dossiers/a#section-bilans', 'Bilan n° 2 (final) du dossier AAP-X-HP1-a en retard — attendu le 31/03/2027'],
      ['rappel_bilan', 'paul@exemple.fr', '/dossiers/a#section-bilans', 'Bilan n° 2 (final) du dossier AAP-X-HP1-a en retard — attendu le 31/03/2027'],
      ['rappel_paiement', 'admin@oi.fr', '/gestion/dossiers/a?onglet=bilans', 'Bilan n° 1 (intermédiaire) du dossier AAP-X-HP1-a à payer avant le 20/04/2027'],
      ['rappel_paiement', 'admin@oi.fr', '/gestion/dossiers/a?onglet=bilans', 'Délai de paiement dépassé — bilan n° 1 (intermédiaire) du dossier AAP-X-HP1-a'],
    ]);
    const texte = rendre([...boite.values()][0]!, 'https://guichet.example.fr').texte;
    expect(texte).toContain('Le bilan n° 2 (final) du dossier AAP-X-HP1-a « Œuvre commune » est à déposer au plus tard le 31/03/2027 (dans 15 jours).');
    expect(texte).toContain('https://guichet.example.fr/dossiers/a#section-bilans');
    expect(rendre([...boite.values()][4]!, 'https://g.fr').texte)
      .toContain('(Association Élan) a été reçu le 20/01/2027 : le FSE dû est à payer au plus tard le 20/04/2027 (dans 10 jours).');
  });
});
