/**
 * Bilans d'exécution, contrôle de service fait and payments through the API, on a dossier conventioned as programmed
 * (10 000,00 € of staff, indirect costs at 7 %, FSE 8 560,00 €, Département 2 140,00 €, avance 30 % = 2 568,00 €).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Guichet } from '#local/server';
import { client, demarrerGuichet } from './helpers';
import { aapOuvert } from './dossiers-helpers';
import { conventionEnVigueur, dossierProgramme, GESTIONNAIRE, OI, P1 } from './comite-helpers';
import { attendreCourriel } from './boite-mail-helpers';
import { ClientApi, piecesRealisation } from '#local/client-api';
import { pdfValide, televerser } from './pieces-helpers';

let g: Guichet;
let api: ReturnType<typeof client>;
let aap: { id: string };

beforeAll(async () => {
  g = await demarrerGuichet({ seed: true });
  api = client(g);
  aap = await aapOuvert(api);
}, 120_000);
afterAll(async () => g?.stop());

/** Uploads every required « pièce de réalisation » of the saved draft bilan `numero` and waits until all are valid. */
const justifier = (dossierId: string, numero: number) => piecesRealisation(new ClientApi(`${g.url}/api`), P1, dossierId, numero);

/** Programmed, prepared, sent and signed by both parties: the convention in force. */
const personnel = (montantCentimes: number, debut: string, fin: string) => ({
  id: 'L1', categorie: 'personnel', libelle: 'Conseillère en insertion (1 ETP)', montantCentimes, periode: { debut, fin }, acquittee: true,
  personnel: { personne: 'Claire Dubois', periode: { debut, fin }, quotitePct: 100, justificatifTemps: 'contrat_temps_plein' },
});

describe('bilan, CSF and payments of a conventioned operation', () => {
  let d: { id: string; reference: string };
  let numero: number;
  let periode: { debut: string; fin: string };
  let version: number;

  it('reads the calendar of the convention in force; an acompte before any CSF is refused (422), a bilan without convention too', async () => {
    d = await conventionEnVigueur(api, aap.id);
    const r = await api.get(`/dossiers/${d.id}/bilans`, { as: P1 });
    expect(r.status).toBe(200);
    expect(r.body.convention).toMatchObject({ fseConventionneCentimes: 856_000, avance: { pct: 30, montantCentimes: 256_800 } });
    const final = r.body.echeances.find((e: { nature: string }) => e.nature === 'final');
    expect(final).toMatchObject({ bilan: null, delaiPaiement: null });
    numero = final.numero;
    periode = r.body.convention.periode;

    const acompte = await api.post(`/dossiers/${d.id}/paiements`, { as: GESTIONNAIRE, body: { nature: 'acompte', montantCentimes: 100_000 } });
    expect(acompte.status).toBe(422);
    expect(acompte.body.code).toBe('CSF_REQUIS');

    const autre = await dossierProgramme(api, aap.id, 856_000, 856_000);
    const sansConvention = await api.put(`/dossiers/${autre.id}/bilans/1`, { as: P1, body: { nature: 'final', numero: 1, depenses: [], ressources: { fsePercuCentimes: 0, cofinancements: [], autofinancementCentimes: 0, recettesCentimes: 0 } } });
    expect(sansConvention.status).toBe(422);
    expect(sansConvention.body.code).toBe('CONVENTION_NON_EN_VIGUEUR');
  }, 180_000);

  it('pays the avance of the convention: proposed by the gestionnaire, validated, put into payment and paid by the oi-admin', async () => {
    const mauvais = await api.post(`/dossiers/${d.id}/paiements`, { as: GESTIONNAIRE, body: { nature: 'avance', montantCentimes: 300_000 } });
    expect(mauvais.status).toBe(422);
    expect(mauvais.body.code).toBe('MONTANT_AVANCE_INEXACT');
    const p = await api.post(`/dossiers/${d.id}/paiements`, { as: GESTIONNAIRE, body: { nature: 'avance', montantCentimes: 256_800 } });
    expect(p.status).toBe(201);
    expect(p.body).toMatchObject({ nature: 'avance', montantCentimes: 256_800, statut: 'propose' });
    expect((await api.post(`/dossiers/${d.id}/paiements`, { as: GESTIONNAIRE, body: { nature: 'avance', montantCentimes: 256_800 } })).status).toBe(409);
    expect((await api.post(`/dossiers/${d.id}/paiements/${p.body.id}/transitions`, { as: GESTIONNAIRE, body: { action: 'valider' } })).status).toBe(403);
    for (const action of ['valider', 'mettre_en_paiement', 'constater_paiement']) {
      const t = await api.post(`/dossiers/${d.id}/paiements/${p.body.id}/transitions`, { as: OI, body: { action } });
      expect(t.status).toBe(200);
    }
    const lu = await api.get(`/dossiers/${d.id}/bilans`, { as: OI });
    expect(lu.body.paiements).toMatchObject([{ nature: 'avance', statut: 'paye', historique: [{ statut: 'propose' }, { statut: 'valide' }, { statut: 'mis_en_paiement' }, { statut: 'paye' }] }]);
  });

  it('the porteur drafts the final bilan, edits it with If-Match, deposits it; then it is locked and the accusé is e-mailed', async () => {
    const corps = {
      nature: 'final', numero,
      depenses: [
        personnel(1_000_000, periode.debut, periode.fin),
        { id: 'L2', categorie: 'fonctionnement', libelle: 'Location de salle après la fin', montantCentimes: 50_000, date: '2099-01-15', acquittee: true },
      ],
      ressources: { fsePercuCentimes: 256_800, cofinancements: [{ financeur: 'Conseil départemental', montantCentimes: 214_000 }], autofinancementCentimes: 0, recettesCentimes: 0 },
    };
    const cree = await api.put(`/dossiers/${d.id}/bilans/${numero}`, { as: P1, body: corps });
    expect(cree.status).toBe(200);
    expect(cree.body).toMatchObject({ statut: 'brouillon', version: 1 });
    expect((await api.put(`/dossiers/${d.id}/bilans/${numero}`, { as: P1, body: corps })).status).toBe(409);
    const negatif = await api.put(`/dossiers/${d.id}/bilans/${numero}`, { as: P1, headers: { 'if-match': '1' }, body: { ...corps, depenses: [{ ...corps.depenses[1], montantCentimes: -1 }] } });
    expect(negatif.status).toBe(400);
    const centimes = await api.put(`/dossiers/${d.id}/bilans/${numero}`, { as: P1, headers: { 'if-match': '1' }, body: { ...corps, depenses: [{ ...corps.depenses[1], montantCentimes: 10.5 }] } });
    expect(centimes.status).toBe(400);
    const modifie = await api.put(`/dossiers/${d.id}/bilans/${numero}`, { as: P1, headers: { 'if-match': '1' }, body: corps });
    expect(modifie.status).toBe(200);
    expect(modifie.body.version).toBe(2);
    expect((await api.put(`/dossiers/${d.id}/bilans/${numero}`, { as: GESTIONNAIRE, headers: { 'if-match': '2' }, body: corps })).status).toBe(403);

    // The CSF of a bilan not deposited is refused.
    const tot = await api.put(`/dossiers/${d.id}/bilans/${numero}/csf`, { as: GESTIONNAIRE, headers: { 'if-match': '2' }, body: { decisions: [] } });
    expect(tot.status).toBe(422);
    expect(tot.body.code).toBe('BILAN_NON_DEPOSE');

    await justifier(d.id, numero);
    const depot = await api.post(`/dossiers/${d.id}/bilans/${numero}/depot`, { as: P1, headers: { 'if-match': '2' } });
    expect(depot.status).toBe(200);
    expect(depot.body).toMatchObject({ statut: 'depose', depot: { par: 'demo-porteur' } });
    // The realised figures are computed from the participant records at the dépôt, not typed: none here.
    expect(depot.body.realisation).toMatchObject({ participants: 0, sorties: 0, sortiesPositives: 0, parSexe: { femme: 0, homme: 0 } });
    version = depot.body.version;
    expect((await api.put(`/dossiers/${d.id}/bilans/${numero}`, { as: P1, headers: { 'if-match': String(version) }, body: corps })).status).toBe(409);
    // The gestionnaire's tableau de bord lists it to control, with its payment deadline (receipt + 80 days, FSE+).
    const tdb = (await api.get('/gestion/tableau-de-bord', { as: GESTIONNAIRE })).body.bilans as Array<{ dossierId: string; etape: string; numero: number | null; payerAvant: string | null; enRetard: boolean }>;
    const ligne = tdb.find((x) => x.dossierId === d.id)!;
    expect(ligne).toMatchObject({ etape: 'a_controler', numero, enRetard: false });
    const recu = new Date(`${new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris' }).format(new Date(depot.body.depot.le))}T00:00:00Z`);
    expect(ligne.payerAvant).toBe(new Date(recu.getTime() + 80 * 86_400_000).toISOString().slice(0, 10));
    // The participants gate read the operation's records (none here): journaled in their access journal.
    const acces = (await api.get(`/dossiers/${d.id}/participants/acces`, { as: OI })).body.items as Array<{ action: string; utilisateurId: string; nombre: number | null }>;
    expect(acces.filter((a) => a.action === 'controle_bilan').map((a) => [a.utilisateurId, a.nombre])).toEqual([['demo-porteur', 0]]);
    const courriel = await attendreCourriel(g, P1, new RegExp(`du dossier ${d.reference} déposé`));
    expect(courriel.texte.replace(/[\u00a0\u202f]/g, ' ')).toContain('Dépenses déclarées : 10 500,00 €');
  });

  it('the CSF discards 1 000,00 € of staff and the line dated after the period: FSE dû = min(8 560 ; 80 % × 9 630 ; 9 630 − 2 140) = 7 490,00 €', async () => {
    const sansMotif = await api.put(`/dossiers/${d.id}/bilans/${numero}/csf`, { as: GESTIONNAIRE, headers: { 'if-match': String(version) }, body: { decisions: [{ ligneId: 'L1', retenuCentimes: 900_000 }] } });
    expect(sansMotif.status).toBe(422);
    const csf = await api.put(`/dossiers/${d.id}/bilans/${numero}/csf`, {
      as: GESTIONNAIRE, headers: { 'if-match': String(version) },
      body: { decisions: [{ ligneId: 'L1', retenuCentimes: 900_000, motif: 'non_justifie', texte: 'Bulletins de salaire absents pour un mois.' }, { ligneId: 'L2', retenuCentimes: 50_000 }] },
    });
    expect(csf.status).toBe(200);
    const r = csf.body.csf.resultat;
    expect(r.lignes).toMatchObject([
      { ligneId: 'L1', declareCentimes: 1_000_000, retenuCentimes: 900_000, ecarteCentimes: 100_000, motif: 'non_justifie', automatique: false },
      { ligneId: 'L2', retenuCentimes: 0, ecarteCentimes: 50_000, motif: 'hors_periode', automatique: true },
    ]);
    expect(r.coutRetenuCentimes).toBe(963_000);
    expect(r.termes.map((t: { montantCentimes: number }) => t.montantCentimes)).toEqual([856_000, 770_400, 749_000]);
    expect(r.fseDuCentimes).toBe(749_000);
    version = csf.body.version;

    // Discarding money, the CSF cannot become final before the porteur's contradictory round.
    const direct = await api.post(`/dossiers/${d.id}/bilans/${numero}/csf/definitif`, { as: GESTIONNAIRE, headers: { 'if-match': String(version) } });
    expect(direct.status).toBe(422);
    expect(direct.body.code).toBe('CONTRADICTOIRE_REQUIS');
    const envoi = await api.post(`/dossiers/${d.id}/bilans/${numero}/csf/contradictoire`, { as: GESTIONNAIRE, headers: { 'if-match': String(version) } });
    expect(envoi.status).toBe(200);
    version = envoi.body.version;
    await attendreCourriel(g, P1, new RegExp(`${d.reference} : vos observations`));
    const reponse = await api.post(`/dossiers/${d.id}/bilans/${numero}/csf/reponse`, { as: P1, headers: { 'if-match': String(version) }, body: { texte: 'Le bulletin de mars est joint au message.' } });
    expect(reponse.status).toBe(200);
    version = reponse.body.version;
    expect((await api.post(`/dossiers/${d.id}/bilans/${numero}/csf/reponse`, { as: P1, headers: { 'if-match': String(version) }, body: { texte: 'Encore.' } })).body.code).toBe('REPONSE_DEJA_DONNEE');
    const definitif = await api.post(`/dossiers/${d.id}/bilans/${numero}/csf/definitif`, { as: GESTIONNAIRE, headers: { 'if-match': String(version) } });
    expect(definitif.status).toBe(200);
    expect(definitif.body.statut).toBe('csf_definitif');

    // The report: each discarded line with its motif, the three terms, the conclusion; the same bytes twice.
    const rapport = await api.get(`/dossiers/${d.id}/bilans/${numero}/csf/rapport.pdf`, { as: P1 });
    expect(rapport.status).toBe(200);
    expect(rapport.headers.get('content-type')).toBe('application/pdf');
    const octets = rapport.body as Uint8Array;
    expect(Buffer.from((await api.get(`/dossiers/${d.id}/bilans/${numero}/csf/rapport.pdf`, { as: GESTIONNAIRE })).body as Uint8Array).equals(Buffer.from(octets))).toBe(true);
    const chemin = join(mkdtempSync(join(tmpdir(), 'guichet-csf-')), 'rapport.pdf');
    writeFileSync(chemin, octets);
    const texte = spawnSync('pdftotext', ['-layout', chemin, '-'], { encoding: 'utf8' }).stdout.replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ');
    expect(texte).toContain('Rapport de contrôle de service fait');
    expect(texte).toMatch(/Conseillère en insertion \(1 ETP\) : 1 000,00 € écartés — Dépense non justifiée par des pièces probantes : Bulletins de salaire absents pour un mois\./);
    expect(texte).toMatch(/Location de salle après la fin : 500,00 € écartés — Dépense hors de la période de réalisation/);
    expect(texte).toMatch(/FSE dû\s+7 490,00 €/);
    expect(texte).toContain('Le bulletin de mars est joint au message.');
    // The fiche's pièces de réalisation, each with the file kept and its state.
    expect(texte).toMatch(/Pièces de réalisation Pièce attendue Fichier État .*vérifiée/);
    expect(texte).not.toContain('manquante');
    expect((await api.get(`/dossiers/${d.id}/bilans/${numero}/csf/rapport.pdf`, { as: 'comite1@guichet.test' })).status).toBe(403);
  });

  it('the solde is FSE dû − payments (7 490,00 − 2 568,00 = 4 922,00 €), only that amount, once; the journal records every step', async () => {
    const faux = await api.post(`/dossiers/${d.id}/paiements`, { as: GESTIONNAIRE, body: { nature: 'solde', montantCentimes: 500_000 } });
    expect(faux.status).toBe(422);
    expect(faux.body.code).toBe('SOLDE_INEXACT');
    const [a, b] = await Promise.all([
      api.post(`/dossiers/${d.id}/paiements`, { as: GESTIONNAIRE, body: { nature: 'solde', montantCentimes: 492_200 } }),
      api.post(`/dossiers/${d.id}/paiements`, { as: OI, body: { nature: 'solde', montantCentimes: 492_200 } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    // On the tableau de bord: the solde to validate; the bilan, final, no longer listed.
    const tdb = (await api.get('/gestion/tableau-de-bord', { as: OI })).body.bilans as Array<{ dossierId: string; etape: string; nombre: number | null }>;
    expect(tdb.filter((x) => x.dossierId === d.id).map((x) => [x.etape, x.nombre])).toEqual([['paiement_a_valider', 1]]);
    const lu = await api.get(`/dossiers/${d.id}/bilans`, { as: P1 });
    expect(lu.body.grandLivre).toMatchObject({ fseDuCentimes: 749_000, engagesCentimes: 749_000, payesCentimes: 256_800, soldeCentimes: 0, reversementCentimes: 0 });
    expect(lu.body.echeances.find((e: { numero: number }) => e.numero === numero).delaiPaiement).toMatchObject({ jours: 80, enRetard: false });
    const journal = await api.get(`/dossiers/${d.id}/evenements`, { as: OI });
    const types = journal.body.items.map((e: { type: string }) => e.type);
    for (const t of ['paiement_propose', 'paiement_paye', 'bilan_depose', 'csf_enregistre', 'csf_contradictoire', 'csf_reponse', 'csf_definitif']) expect(types).toContain(t);
    expect(journal.body.integrite ?? journal.body.chaine ?? 'intacte').toBeTruthy();
  });
});

describe('the ledger under interleaved requests', () => {
  it('two avances proposed at once, both having read an empty ledger: the dossier lock lets exactly one through', async () => {
    const d = await conventionEnVigueur(api, aap.id);
    const { contexteBilans } = await import('#shared/http/contexte-bilans');
    const { bilanRepository } = await import('#shared/repositories/bilan-repository');
    const { proposer } = await import('#shared/domain/bilan/use-cases');
    const { ulid } = await import('ulid');
    const gestionnaire = { userId: 'demo-gestionnaire', email: GESTIONNAIRE, roles: ['oi-gestionnaire' as const], oi: 'AGAPE', prenom: 'Karim', nom: 'Benali' };
    // Both requests read the ledger before either writes; the second writes only once the first has written.
    let lus = 0;
    let tousLu!: () => void;
    const lecturesFaites = new Promise<void>((ok) => { tousLu = ok; });
    let premierFini!: () => void;
    const premierEcrit = new Promise<void>((ok) => { premierFini = ok; });
    const contexte = (apresLecture: () => Promise<void>) => {
      const ctx = contexteBilans({ maintenant: new Date(), nouvelId: ulid });
      return { ...ctx, bilans: Object.assign(Object.create(ctx.bilans) as typeof ctx.bilans, { paiements: async (id: string) => {
        const r = await bilanRepository.paiements(id);
        if (++lus === 2) tousLu();
        await lecturesFaites;
        await apresLecture();
        return r;
      } }) };
    };
    const avance = { nature: 'avance' as const, montantCentimes: 256_800 };
    const premier = proposer(contexte(async () => {}), gestionnaire, d.id, avance).finally(premierFini);
    const second = proposer(contexte(() => premierEcrit), gestionnaire, d.id, avance);
    const [a, b] = await Promise.allSettled([premier, second]);
    expect(a.status).toBe('fulfilled');
    expect(b).toMatchObject({ status: 'rejected', reason: { code: 'VERSION_PERIMEE' } });
    expect((await api.get(`/dossiers/${d.id}/bilans`, { as: OI })).body.paiements).toHaveLength(1);
  }, 180_000);
});

describe('an ordre de reversement when the avance exceeds the FSE dû', () => {
  it('orders back what was paid above the FSE dû, exactly once, follows its recovery to the cent and prints it', async () => {
    const d = await conventionEnVigueur(api, aap.id);
    const lu = await api.get(`/dossiers/${d.id}/bilans`, { as: P1 });
    const final = lu.body.echeances.find((e: { nature: string }) => e.nature === 'final');
    const { debut, fin } = lu.body.convention.periode;
    const avance = await api.post(`/dossiers/${d.id}/paiements`, { as: GESTIONNAIRE, body: { nature: 'avance', montantCentimes: 256_800 } });
    for (const action of ['valider', 'mettre_en_paiement', 'constater_paiement']) {
      expect((await api.post(`/dossiers/${d.id}/paiements/${avance.body.id}/transitions`, { as: OI, body: { action } })).status).toBe(200);
    }
    const dans30Jours = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const demande = { montantCentimes: 171_200, echeance: dans30Jours, motif: 'L’avance versée dépasse le FSE dû au contrôle du bilan final.' };
    const tot = await api.post(`/dossiers/${d.id}/reversements`, { as: GESTIONNAIRE, body: demande });
    expect([tot.status, tot.body.code]).toEqual([422, 'CSF_REQUIS']);

    // A final bilan of 1 000,00 € of staff only: cost 1 070,00 € (7 %), FSE dû = 80 % = 856,00 €, 2 568,00 € paid.
    const corps = { nature: 'final', numero: final.numero, depenses: [personnel(100_000, debut, fin)], ressources: { fsePercuCentimes: 256_800, cofinancements: [], autofinancementCentimes: 0, recettesCentimes: 0 } };
    expect((await api.put(`/dossiers/${d.id}/bilans/${final.numero}`, { as: P1, body: corps })).status).toBe(200);
    await justifier(d.id, final.numero);
    expect((await api.post(`/dossiers/${d.id}/bilans/${final.numero}/depot`, { as: P1, headers: { 'if-match': '1' } })).status).toBe(200);
    const csf = await api.put(`/dossiers/${d.id}/bilans/${final.numero}/csf`, { as: GESTIONNAIRE, headers: { 'if-match': '2' }, body: { decisions: [{ ligneId: 'L1', retenuCentimes: 100_000 }] } });
    expect(csf.body.csf.resultat.fseDuCentimes).toBe(85_600);
    expect((await api.post(`/dossiers/${d.id}/bilans/${final.numero}/csf/definitif`, { as: GESTIONNAIRE, headers: { 'if-match': String(csf.body.version) } })).status).toBe(200);
    const solde = await api.post(`/dossiers/${d.id}/paiements`, { as: GESTIONNAIRE, body: { nature: 'solde', montantCentimes: 0 } });
    expect(solde.body).toMatchObject({ code: 'SOLDE_NUL', message: expect.stringMatching(/ordre de reversement de 1\s712,00\s€/) });
    expect((await api.get(`/dossiers/${d.id}/bilans`, { as: P1 })).body.grandLivre).toMatchObject({ payesCentimes: 256_800, fseDuCentimes: 85_600, reversementCentimes: 171_200, resteARecouvrerCentimes: 0 });

    const faux = await api.post(`/dossiers/${d.id}/reversements`, { as: GESTIONNAIRE, body: { ...demande, montantCentimes: 171_201 } });
    expect(faux.body).toMatchObject({ code: 'MONTANT_REVERSEMENT_INEXACT', message: expect.stringMatching(/1\s712,00\s€/) });
    expect((await api.post(`/dossiers/${d.id}/reversements`, { as: GESTIONNAIRE, body: { ...demande, echeance: '2020-01-01' } })).body.code).toBe('ECHEANCE_PASSEE');
    expect((await api.post(`/dossiers/${d.id}/reversements`, { as: GESTIONNAIRE, body: { ...demande, motif: 'court' } })).status).toBe(400);
    expect((await api.post(`/dossiers/${d.id}/reversements`, { as: P1, body: demande })).status).toBe(403);
    const [a, b] = await Promise.all([
      api.post(`/dossiers/${d.id}/reversements`, { as: GESTIONNAIRE, body: demande }),
      api.post(`/dossiers/${d.id}/reversements`, { as: OI, body: demande }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const ordre = (a.status === 201 ? a : b).body;
    expect(ordre).toMatchObject({ numero: `ORV-${d.reference}-1`, montantCentimes: 171_200, fseDuCentimes: 85_600, payesCentimes: 256_800, statut: 'emis', echeance: dans30Jours });
    const encore = await api.post(`/dossiers/${d.id}/reversements`, { as: GESTIONNAIRE, body: demande });
    expect(encore.body.code).toBe('REVERSEMENT_SANS_OBJET');
    const courriel = await attendreCourriel(g, P1, new RegExp(`Ordre de reversement ORV-${d.reference}-1`));
    expect(courriel.texte).toMatch(/1\s712,00\s€ sont à reverser avant le/);

    // The receivable, followed by the oi-admin until the last cent.
    const url = `/dossiers/${d.id}/reversements/${ordre.id}/recouvrements`;
    expect((await api.post(url, { as: GESTIONNAIRE, body: { montantCentimes: 100_000, recuLe: '2026-01-05', reference: 'VIR-1' } })).status).toBe(403);
    const aujourdhui = new Date().toISOString().slice(0, 10);
    const premier = await api.post(url, { as: OI, body: { montantCentimes: 100_000, recuLe: aujourdhui, reference: 'VIR 2026-118' } });
    expect(premier.status).toBe(201);
    expect(premier.body).toMatchObject({ statut: 'partiellement_recouvre', version: 2 });
    expect((await api.post(url, { as: OI, body: { montantCentimes: 80_000, recuLe: aujourdhui, reference: 'VIR 2' } })).body.code).toBe('RECOUVREMENT_EXCESSIF');
    expect((await api.post(url, { as: OI, body: { montantCentimes: 71_200, recuLe: '2099-01-01', reference: 'VIR 2' } })).body.code).toBe('DATE_FUTURE');
    expect((await api.post(url, { as: OI, body: { montantCentimes: 71_200, recuLe: aujourdhui, reference: 'VIR 2026-131' } })).body.statut).toBe('recouvre');
    expect((await api.post(url, { as: OI, body: { montantCentimes: 1, recuLe: aujourdhui, reference: 'VIR 3' } })).status).toBe(409);
    const livre = (await api.get(`/dossiers/${d.id}/bilans`, { as: P1 })).body;
    expect(livre.grandLivre).toMatchObject({ reversementCentimes: 0, reversementsEmisCentimes: 171_200, recouvresCentimes: 171_200, resteARecouvrerCentimes: 0 });
    expect(livre.reversements).toMatchObject([{ id: ordre.id, statut: 'recouvre', recouvrements: [{ montantCentimes: 100_000 }, { montantCentimes: 71_200 }] }]);

    const pdf = await api.get(`/dossiers/${d.id}/reversements/${ordre.id}/ordre.pdf`, { as: P1 });
    expect(pdf.status).toBe(200);
    expect(Buffer.from((await api.get(`/dossiers/${d.id}/reversements/${ordre.id}/ordre.pdf`, { as: GESTIONNAIRE })).body as Uint8Array).equals(Buffer.from(pdf.body as Uint8Array))).toBe(true);
    const chemin = join(mkdtempSync(join(tmpdir(), 'guichet-orv-')), 'ordre.pdf');
    writeFileSync(chemin, pdf.body as Uint8Array);
    const texte = spawnSync('pdftotext', ['-layout', chemin, '-'], { encoding: 'utf8' }).stdout.replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ');
    expect(texte).toContain('Montant à reverser : 1 712,00 €');
    expect(texte).toMatch(/Paiements versés\s+2 568,00 €/);
    expect(texte).toMatch(/FSE dû\s+856,00 €/);
    expect(texte).toContain('VIR 2026-131');
    expect(texte).toMatch(/Reste à recouvrer\s+0,00 €/);
    expect((await api.get(`/dossiers/${d.id}/reversements/${ordre.id}/ordre.pdf`, { as: 'comite1@guichet.test' })).status).toBe(403);
    const types = (await api.get(`/dossiers/${d.id}/evenements`, { as: OI })).body.items.map((e: { type: string }) => e.type);
    expect(types.filter((t: string) => t.startsWith('reversement_'))).toEqual(expect.arrayContaining(['reversement_emis', 'reversement_recouvrement']));
  }, 240_000);
});

describe('the payments to make, exported for the bank', () => {
  it('pays each validated payment to the account its RIB declares: a pain.001 file whose sums are exact, or a CSV; the oi-admin only', async () => {
    const d = await conventionEnVigueur(api, aap.id);
    const pieces = (await api.get(`/dossiers/${d.id}/pieces`, { as: OI })).body.pieces as Array<{ typePiece: string; coordonnees?: unknown }>;
    // Typed with spaces and in lower case, kept in the electronic format.
    expect(pieces.find((p) => p.typePiece === 'RIB')!.coordonnees).toEqual({ titulaire: 'Structure de test', iban: 'FR7630006000011234567890189', bic: 'AGRIFRPP' });
    const p = await api.post(`/dossiers/${d.id}/paiements`, { as: GESTIONNAIRE, body: { nature: 'avance', montantCentimes: 256_800 } });
    expect((await api.post(`/dossiers/${d.id}/paiements/${p.body.id}/transitions`, { as: OI, body: { action: 'valider' } })).status).toBe(200);

    const debiteur = { titulaire: 'AGAPE — Agence de gestion', iban: 'FR14 2004 1010 0505 0001 3M02 606', bic: 'PSSTFRPPLIL' };
    const demande = { format: 'sepa', dateExecution: '2027-01-15', debiteur };
    expect((await api.post('/gestion/paiements/virements', { as: GESTIONNAIRE, body: demande })).status).toBe(403);
    expect((await api.post('/gestion/paiements/virements', { as: OI, body: { format: 'sepa' } })).status).toBe(400);
    const mauvais = await api.post('/gestion/paiements/virements', { as: OI, body: { ...demande, debiteur: { ...debiteur, iban: 'FR14 2004 1010 0505 0001 3M02 607' } } });
    expect(mauvais.status).toBe(400);
    expect(JSON.stringify(mauvais.body)).toMatch(/IBAN invalide/);

    const sepa = await api.post('/gestion/paiements/virements', { as: OI, body: demande });
    expect(sepa.status).toBe(200);
    expect(sepa.headers.get('content-type')).toMatch(/^application\/xml/);
    expect(sepa.headers.get('content-disposition')).toMatch(/attachment; filename="virements-sepa-AGAPE-\d{14}\.xml"/);
    const xml = Buffer.from(sepa.body as Uint8Array).toString('utf8');
    expect(xml).toContain('urn:iso:std:iso:20022:tech:xsd:pain.001.001.03');
    expect(xml).toContain('<ReqdExctnDt>2027-01-15</ReqdExctnDt>');
    expect(xml).toContain('<Dbtr><Nm>AGAPE - Agence de gestion</Nm></Dbtr><DbtrAcct><Id><IBAN>FR1420041010050500013M02606</IBAN>');
    const tx = new RegExp(`<CdtTrfTxInf><PmtId><InstrId>[^<]+</InstrId><EndToEndId>${p.body.id}</EndToEndId></PmtId><Amt><InstdAmt Ccy="EUR">2568.00</InstdAmt></Amt><CdtrAgt><FinInstnId><BIC>AGRIFRPP</BIC></FinInstnId></CdtrAgt><Cdtr><Nm>Structure de test</Nm></Cdtr><CdtrAcct><Id><IBAN>FR7630006000011234567890189</IBAN></Id></CdtrAcct><RmtInf><Ustrd>FSE Avance ${d.reference}</Ustrd>`);
    expect(xml).toMatch(tx);
    const montants = [...xml.matchAll(/<InstdAmt Ccy="EUR">(\d+)\.(\d\d)<\/InstdAmt>/g)].reduce((s, m) => s + Number(m[1]) * 100 + Number(m[2]), 0);
    const [, e, c] = /<GrpHdr>.*?<CtrlSum>(\d+)\.(\d\d)<\/CtrlSum>/.exec(xml)!;
    expect(Number(e) * 100 + Number(c)).toBe(montants);

    const csv = await api.post('/gestion/paiements/virements', { as: OI, body: { format: 'csv' } });
    expect(csv.status).toBe(200);
    const texte = Buffer.from(csv.body as Uint8Array).toString('utf8');
    expect(texte.startsWith('\uFEFFDossier;Bénéficiaire;SIRET;Paiement;Montant (€)')).toBe(true);
    expect(texte).toContain(`${d.reference};`);
    expect(texte).toMatch(new RegExp(`${d.reference};[^\\r]*;Avance;2568,00;Structure de test;FR7630006000011234567890189;AGRIFRPP;${p.body.id};`));
    // Reading only: the payment is still to put into payment.
    const lu = await api.get(`/dossiers/${d.id}/bilans`, { as: OI });
    expect(lu.body.paiements.find((x: { id: string }) => x.id === p.body.id).statut).toBe('valide');
  }, 240_000);
});

describe('the « pièces de réalisation » of a bilan, uploaded after the dépôt of the dossier', () => {
  type Ligne = { code: string; libelle: string; etat: string; requise: boolean; alternatives: string[]; pieceAcceptee: string | null; piece: { id: string } | null };
  type Realisation = { lignes: Ligne[]; manquantes: Array<{ chemin: string; message: string }>; pieces: Array<{ id: string; typePiece: string; etat: string }> };
  const realisation = async (id: string, numero: number, as = P1) =>
    ((await api.get(`/dossiers/${id}/bilans`, { as })).body.echeances as Array<{ numero: number; piecesRealisation: Realisation | null }>).find((e) => e.numero === numero)!.piecesRealisation;
  /** Waits until the bilan's pièce leaves `en_verification` (the S3 event is asynchronous, as on AWS). */
  const verdictBilan = async (id: string, numero: number, pieceId: string) => {
    for (let i = 0; i < 100; i++) {
      const p = (await realisation(id, numero))!.pieces.find((x) => x.id === pieceId);
      if (p && p.etat !== 'en_verification') return p;
      await new Promise((ok) => setTimeout(ok, 50));
    }
    throw new Error(`La pièce ${pieceId} est restée en vérification`);
  };

  it('takes the bilan’s evidence only (the dossier stays locked), checks it like any pièce, refuses the final dépôt while a line is missing, then locks it', async () => {
    const d = await conventionEnVigueur(api, aap.id);
    const lus = await api.get(`/dossiers/${d.id}/bilans`, { as: P1 });
    const numero = (lus.body.echeances as Array<{ numero: number; nature: string }>).find((e) => e.nature === 'final')!.numero;
    const { debut, fin } = lus.body.convention.periode as { debut: string; fin: string };
    const pdf = await pdfValide('Compte rendu du comité de pilotage');

    // Nothing to attach to before the draft is saved; nothing stored.
    const tot = await televerser(api, P1, d.id, 'REALISATION_1', pdf, { bilan: { numero, alternative: 0 } });
    expect([tot.annonce.status, tot.annonce.body.code]).toEqual([422, 'BILAN_NON_ENREGISTRE']);
    const corps = { nature: 'final', numero, depenses: [personnel(100_000, debut, fin)], ressources: { fsePercuCentimes: 0, cofinancements: [], autofinancementCentimes: 0, recettesCentimes: 0 } };
    const brouillon = await api.put(`/dossiers/${d.id}/bilans/${numero}`, { as: P1, body: corps });
    expect(brouillon.status).toBe(200);
    // GP1's stages are not HP1's: refused, nothing stored.
    const etapes = await api.put(`/dossiers/${d.id}/bilans/${numero}`, { as: P1, headers: { 'if-match': '1' }, body: { ...corps, etapesMobilisees: ['ETAPE_1_1'] } });
    expect([etapes.status, etapes.body.code]).toEqual([400, 'ETAPE_INCONNUE']);

    // The dossier's own pièces stay locked after its dépôt; only the bilan's evidence is taken.
    const statuts = await televerser(api, P1, d.id, 'STATUTS', pdf);
    expect([statuts.annonce.status, statuts.annonce.body.code]).toEqual([409, 'DOSSIER_VERROUILLE']);
    const sansChoix = await televerser(api, P1, d.id, 'REALISATION_1', pdf, { bilan: { numero } });
    expect([sansChoix.annonce.status, sansChoix.annonce.body.code]).toEqual([400, 'PIECE_ACCEPTEE_A_PRECISER']);
    const inconnu = await televerser(api, P1, d.id, 'STATUTS', pdf, { bilan: { numero } });
    expect([inconnu.annonce.status, inconnu.annonce.body.code]).toEqual([400, 'TYPE_PIECE_INCONNU']);
    expect((await televerser(api, GESTIONNAIRE, d.id, 'REALISATION_2', pdf, { bilan: { numero } })).annonce.status).toBe(403);

    // « Une des pièces suivantes »: the porteur says which; the same verification as any pièce (a fake PDF is rejected).
    const faux = await televerser(api, P1, d.id, 'REALISATION_2', new TextEncoder().encode('pas un PDF'), { bilan: { numero } });
    expect(faux.annonce.status).toBe(201);
    expect((await verdictBilan(d.id, numero, faux.annonce.body.pieceId)).etat).toBe('rejetee');
    const une = await televerser(api, P1, d.id, 'REALISATION_1', pdf, { bilan: { numero, alternative: 1 } });
    expect([une.annonce.status, une.envoi]).toEqual([201, 204]);
    expect((await verdictBilan(d.id, numero, une.annonce.body.pieceId)).etat).toBe('valide');
    const r = (await realisation(d.id, numero))!;
    const l1 = r.lignes.find((l) => l.code === 'REALISATION_1')!;
    expect(l1).toMatchObject({ etat: 'valide', requise: true, pieceAcceptee: l1.alternatives[1], piece: { id: une.annonce.body.pieceId } });
    expect(r.lignes.find((l) => l.code === 'REALISATION_2')!.etat).toBe('rejetee');
    expect(r.manquantes.map((m) => m.chemin)).toEqual([2, 3, 4, 5, 6].map((i) => `piecesRealisation.REALISATION_${i}`));
    // Kept apart from the dossier's checklist.
    const duDossier = (await api.get(`/dossiers/${d.id}/pieces`, { as: P1 })).body.pieces as Array<{ id: string }>;
    expect(duDossier.map((p) => p.id)).not.toContain(une.annonce.body.pieceId);

    // The final dépôt is refused while a line is missing, each named in French; nothing changes.
    const refus = await api.post(`/dossiers/${d.id}/bilans/${numero}/depot`, { as: P1, headers: { 'if-match': '1' } });
    expect([refus.status, refus.body.code]).toEqual([422, 'PIECES_REALISATION_MANQUANTES']);
    expect(refus.body.message).toContain(`${r.lignes.find((l) => l.code === 'REALISATION_2')!.libelle} : rejetée`);
    expect(refus.body.details).toHaveLength(5);

    // A publicity point cites its pièce, uploaded as the bilan's publicity evidence; a dossier pièce cannot be cited.
    const affiche = await televerser(api, P1, d.id, 'PUBLICITE', await pdfValide('Affiche A3 dans le hall'), { bilan: { numero } });
    expect((await verdictBilan(d.id, numero, affiche.annonce.body.pieceId)).etat).toBe('valide');
    const rib = (await api.get(`/dossiers/${d.id}/pieces`, { as: P1 })).body.pieces.find((p: { typePiece: string }) => p.typePiece === 'RIB').id as string;
    const cite = await api.put(`/dossiers/${d.id}/bilans/${numero}`, { as: P1, headers: { 'if-match': '1' }, body: { ...corps, publicite: [{ point: 'affiche_a3', respecte: true, pieceIds: [rib] }] } });
    expect([cite.status, cite.body.code]).toEqual([422, 'PIECE_INCONNUE']);
    const publicite = await api.put(`/dossiers/${d.id}/bilans/${numero}`, { as: P1, headers: { 'if-match': '1' }, body: { ...corps, publicite: [{ point: 'affiche_a3', respecte: true, pieceIds: [affiche.annonce.body.pieceId] }] } });
    expect([publicite.status, publicite.body.version]).toEqual([200, 2]);

    await justifier(d.id, numero);
    const depot = await api.post(`/dossiers/${d.id}/bilans/${numero}/depot`, { as: P1, headers: { 'if-match': '2' } });
    expect(depot.status).toBe(200);
    // Locked with the bilan; the gestionnaire downloads the verified copy through the pièces' route.
    const apres = await televerser(api, P1, d.id, 'DEPENSE', pdf, { bilan: { numero } });
    expect([apres.annonce.status, apres.annonce.body.code]).toEqual([409, 'BILAN_VERROUILLE']);
    expect((await realisation(d.id, numero, GESTIONNAIRE))!.manquantes).toEqual([]);
    const lien = await api.get(`/dossiers/${d.id}/pieces/${une.annonce.body.pieceId}/telechargement`, { as: GESTIONNAIRE });
    expect(lien.status).toBe(200);
    expect(Buffer.from(await (await fetch(lien.body.url)).arrayBuffer()).equals(Buffer.from(pdf))).toBe(true);
  }, 180_000);
});
