import ExcelJS from 'exceljs';
import { exporter } from './exports-helpers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Guichet } from '#local/server';
import { extractPages } from '../unit/templates/pdf-text';
import { client, demarrerGuichet } from './helpers';
import { aapOuvert, cle, complet, organisation, planEquilibre } from './dossiers-helpers';
import { pdfValide, piecesObligatoires, sha256, televerser, verdict } from './pieces-helpers';

let g: Guichet;
let api: ReturnType<typeof client>;
let aap: { id: string; reference: string };
const P1 = 'porteur@guichet.test';
const OI = 'oi@guichet.test';

beforeAll(async () => {
  g = await demarrerGuichet({ seed: true });
  api = client(g);
  aap = await aapOuvert(api);
});
afterAll(async () => g?.stop());

/** A saved, complete HP1 draft: 10 000 € of staff, 7 % forfait, FSE at exactly 80 %, contreparties at 20 %. */
async function brouillonHp1(fiche = 'HP1') {
  const org = await organisation(api, P1);
  const d = (await api.post('/dossiers', { as: P1, body: { aapId: aap.id, ficheCode: fiche, organisationId: org.id } })).body;
  const r = await api.put(`/dossiers/${d.id}`, { as: P1, headers: { 'if-match': '1' }, body: complet(d, planEquilibre(1_000_000, 856_000)) });
  expect(r.status).toBe(200);
  await piecesObligatoires(api, P1, d.id);
  return { id: d.id as string, org };
}

describe('dépôt', () => {
  it('deposits a complete dossier whose HP1 plan sits exactly on the limits, then locks it', async () => {
    const { id } = await brouillonHp1();
    const c = await api.get(`/dossiers/${id}/plan-financement/controles`, { as: P1 });
    expect(c.body.violations).toEqual([]);
    const r = await api.post(`/dossiers/${id}/depot`, { as: P1, headers: { 'idempotency-key': cle() } });
    expect(r.status).toBe(200);
    expect(r.body.statut).toBe('depose');
    expect(r.body.depot.empreinte).toMatch(/^[0-9a-f]{64}$/);
    const ecriture = await api.put(`/dossiers/${id}`, { as: P1, headers: { 'if-match': String(r.body.version) }, body: r.body.contenu });
    expect([ecriture.status, ecriture.body.code]).toEqual([409, 'DOSSIER_VERROUILLE']);
    const journal = await api.get(`/dossiers/${id}/evenements`, { as: P1 });
    expect(journal.body.items.map((e: { type: string }) => e.type)).toEqual(['creation', 'depot']);
    expect(journal.body.integre).toBe(true);
  });

  it('gives one dépôt and byte-identical receipts to 50 concurrent requests with one Idempotency-Key', async () => {
    const { id } = await brouillonHp1('HP2');
    const k = cle();
    const r = await Promise.all(Array.from({ length: 50 }, () => api.post(`/dossiers/${id}/depot`, { as: P1, headers: { 'idempotency-key': k } })));
    expect(new Set(r.map((x) => x.status))).toEqual(new Set([200]));
    expect(new Set(r.map((x) => JSON.stringify(x.body))).size).toBe(1);
    const journal = await api.get(`/dossiers/${id}/evenements`, { as: P1 });
    expect(journal.body.items.filter((e: { type: string }) => e.type === 'depot')).toHaveLength(1);
    const recus = await Promise.all([1, 2, 3].map(() => api.get(`/dossiers/${id}/accuse-depot.pdf`, { as: P1 })));
    expect(recus.every((x) => x.status === 200 && x.headers.get('content-type') === 'application/pdf')).toBe(true);
    const [a, b, c] = recus.map((x) => Buffer.from(x.body));
    expect(a!.equals(b!) && a!.equals(c!)).toBe(true);
    const rejoue = await api.post(`/dossiers/${id}/depot`, { as: P1, headers: { 'idempotency-key': k } });
    expect(rejoue.body).toEqual(r[0]!.body);
  });

  it('prints reference, server timestamp, plan summary and content hash on the receipt', async () => {
    const { id } = await brouillonHp1('PS1');
    const d = (await api.post(`/dossiers/${id}/depot`, { as: P1, headers: { 'idempotency-key': cle() } })).body;
    const pdf = await api.get(`/dossiers/${id}/accuse-depot.pdf`, { as: P1 });
    const texte = (await extractPages(pdf.body)).map((p) => p.text).join(' ');
    expect(texte).toContain(d.reference);
    expect(texte).toContain(d.depot.deposeLe);
    expect(texte).toContain('Europe/Paris');
    expect(texte.replace(/\s/g, '')).toContain(d.depot.empreinte);
    expect(texte).toContain('10 000,00 €');
    expect(texte).toContain('8 560,00 €');
    const { pieces } = (await api.get(`/dossiers/${id}/pieces`, { as: P1 })).body;
    expect(pieces.length).toBeGreaterThanOrEqual(5);
    for (const p of pieces) {
      const octets = await pdfValide(p.typePiece);
      expect(p.sha256).toBe(sha256(octets));
      expect(texte.replace(/\s/g, '')).toContain(sha256(octets));
    }
  });

  it('refuses the dépôt while a required pièce is missing, being verified or rejected', async () => {
    const org = await organisation(api, P1);
    const d = (await api.post('/dossiers', { as: P1, body: { aapId: aap.id, ficheCode: 'GP3', organisationId: org.id } })).body;
    await api.put(`/dossiers/${d.id}`, { as: P1, headers: { 'if-match': '1' }, body: complet(d, planEquilibre(1_000_000, 856_000)) });
    const deposer = () => api.post(`/dossiers/${d.id}/depot`, { as: P1, headers: { 'idempotency-key': cle() } });
    const manquante = await deposer();
    expect([manquante.status, manquante.body.code]).toEqual([422, 'PIECES_NON_VALIDES']);
    expect(manquante.body.details.map((x: { chemin: string }) => x.chemin)).toContain('pieces.RIB');
    await piecesObligatoires(api, P1, d.id);
    // A RIB announced but never sent stays en_verification and replaces the valid one.
    const annonce = await api.post(`/dossiers/${d.id}/pieces`, { as: P1, body: { typePiece: 'RIB', nomFichier: 'rib.pdf', taille: 1000, typeContenu: 'application/pdf', sha256: 'a'.repeat(64) } });
    expect(annonce.status).toBe(201);
    const enCours = await deposer();
    expect(enCours.body.details).toEqual([{ chemin: 'pieces.RIB', message: expect.stringContaining('en cours de vérification') }]);
    const { annonce: rejet } = await televerser(api, P1, d.id, 'RIB', await pdfValide('RIB'), { sha256: 'b'.repeat(64) });
    expect((await verdict(api, P1, d.id, rejet.body.pieceId)).etat).toBe('rejetee');
    const rejetee = await deposer();
    expect(rejetee.body.details).toEqual([{ chemin: 'pieces.RIB', message: expect.stringContaining('rejetée') }]);
    const { annonce: bon } = await televerser(api, P1, d.id, 'RIB', await pdfValide('RIB corrigé'));
    expect((await verdict(api, P1, d.id, bon.body.pieceId)).etat).toBe('valide');
    expect((await deposer()).status).toBe(200);
  });

  it('refuses a dépôt without Idempotency-Key, an incomplete dossier and a plan breaking a rule', async () => {
    const org = await organisation(api, P1);
    const d = (await api.post('/dossiers', { as: P1, body: { aapId: aap.id, ficheCode: 'S1', organisationId: org.id } })).body;
    expect((await api.post(`/dossiers/${d.id}/depot`, { as: P1 })).body.code).toBe('IDEMPOTENCY_KEY_REQUISE');
    const incomplet = await api.post(`/dossiers/${d.id}/depot`, { as: P1, headers: { 'idempotency-key': cle() } });
    expect([incomplet.status, incomplet.body.code]).toEqual([422, 'DOSSIER_INCOMPLET']);
    expect(incomplet.body.details.map((x: { chemin: string }) => x.chemin)).toContain('description.objectifs');
    // All the blockers at once, not one category at a time: rubriques, pièces and plan.
    expect(incomplet.body.details.map((x: { chemin: string }) => x.chemin)).toContain('pieces.RIB');
    expect(incomplet.body.details.some((x: { chemin: string }) => x.chemin.startsWith('planFinancement.'))).toBe(true);
    await piecesObligatoires(api, P1, d.id);
    // S1: cofinancements of at least 10 % of the total cost (autofinancement left out); here 5 %.
    const plan = planEquilibre(1_000_000, 1_016_500);
    await api.put(`/dossiers/${d.id}`, { as: P1, headers: { 'if-match': '1' }, body: complet(d, plan) });
    const regle = await api.post(`/dossiers/${d.id}/depot`, { as: P1, headers: { 'idempotency-key': cle() } });
    expect([regle.status, regle.body.code]).toEqual([422, 'PLAN_FINANCEMENT_NON_CONFORME']);
    expect(regle.body.details.map((x: { chemin: string }) => x.chemin)).toContain('planFinancement.COFINANCEMENTS_INSUFFISANTS');
    expect((await api.get(`/dossiers/${d.id}`, { as: P1 })).body.statut).toBe('brouillon');
  });

  it('refuses a dossier on an AAP whose dépôt is closed', async () => {
    const org = await organisation(api, P1);
    const clos = (await api.get('/aaps?statut=clos')).body.items.find((a: { reference: string }) => a.reference === 'AAP-AGAPE-2021');
    const r = await api.post('/dossiers', { as: P1, body: { aapId: clos.id, ficheCode: 'HP1', organisationId: org.id } });
    expect([r.status, r.body.code]).toEqual([422, 'DEPOT_HORS_DELAI']);
    expect(r.body.message).toBe('Le dépôt est clos depuis le 31/12/2021 à 23:59 (Europe/Paris).');
  });
});

describe('OI dossier list and exports', () => {
  it('lists deposited dossiers with filters and exports them to CSV and XLSX', async () => {
    const { id } = await brouillonHp1('GP1');
    const d = (await api.post(`/dossiers/${id}/depot`, { as: P1, headers: { 'idempotency-key': cle() } })).body;
    const liste = await api.get(`/gestion/dossiers?aapId=${aap.id}&ficheCode=GP1`, { as: OI });
    expect(liste.status).toBe(200);
    expect(liste.body.items.map((x: { id: string }) => x.id)).toEqual([id]);
    expect(liste.body.items[0].fseCentimes).toBe(856_000);
    expect((await api.get(`/gestion/dossiers?aapId=${aap.id}&statut=instruit`, { as: OI })).body.items).toEqual([]);
    const parPlie = (await api.get(`/gestion/dossiers?aapId=${aap.id}&plie=${encodeURIComponent('PLIE du Grand Périgueux')}`, { as: OI })).body.items;
    expect(parPlie.map((x: { id: string }) => x.id)).toContain(id);
    expect(parPlie.every((x: { plie: string }) => x.plie === 'PLIE du Grand Périgueux')).toBe(true);
    expect((await api.get(`/dossiers/${id}`, { as: OI })).status).toBe(200);

    const csv = await exporter(api, OI, { aapId: aap.id, format: 'csv' });
    const texte = csv.fichier.toString('utf8');
    expect(texte.startsWith('\uFEFFRéférence;Fiche;PLIE')).toBe(true);
    expect(texte).toContain(`${d.reference};GP1;PLIE du Grand Périgueux`);
    expect(texte).toContain(';10700,00;8560,00');

    const xlsx = await exporter(api, OI, { aapId: aap.id, format: 'xlsx' });
    const classeur = await new ExcelJS.Workbook().xlsx.load(xlsx.fichier as unknown as ArrayBuffer);
    const references = classeur.worksheets[0]!.getColumn(1).values;
    expect(references).toContain(d.reference);
    expect((await api.post('/gestion/dossiers/exports', { as: P1, body: { aapId: aap.id, format: 'csv' } })).status).toBe(403);
  });
});

