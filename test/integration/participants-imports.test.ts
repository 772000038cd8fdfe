import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Guichet } from '#local/server';
import { client, demarrerGuichet } from './helpers';
import { aapOuvert } from './dossiers-helpers';
import { dossierInstruit, OI, P1 } from './comite-helpers';
import { csvFsePlus, envoyerImport, importerEnTache, suivreJusquAuBout } from './imports-helpers';

let g: Guichet;
let api: ReturnType<typeof client>;
let operation: { id: string };

beforeAll(async () => {
  g = await demarrerGuichet({ seed: true });
  api = client(g);
  operation = await dossierInstruit(api, (await aapOuvert(api)).id, 'HP1');
}, 120_000);
afterAll(async () => g?.stop());

describe('participants: CSV import as a job', () => {
  it('imports a file sent by presigned POST batch after batch, reports its errors in a CSV on S3, and a re-import changes nothing', async () => {
    const csv = csvFsePlus(600, [3, 450]);
    const { lancement, suivi, etapes, rapport } = await importerEnTache(api, P1, operation.id, Buffer.from(csv, 'utf8'));
    expect(lancement).toMatchObject({ statut: 'en_attente', lignesTraitees: 0, lignesTotal: null, urlRapport: null });
    expect(lancement).not.toHaveProperty('cle');
    expect(suivi).toMatchObject({
      statut: 'terminee', lignesTotal: 600, lignesTraitees: 600, crees: 598, modifies: 0, inchanges: 0, erreurs: 2, encodage: 'UTF-8', separateur: ';', motif: null,
    });
    expect(suivi.apercuErreurs).toEqual([{ ligne: 4, message: 'Q2 — réponse obligatoire' }, { ligne: 451, message: 'Q2 — réponse obligatoire' }]);
    expect(rapport).toBe('\uFEFFligne;erreur\r\n4;"ligne 4 : Q2 — réponse obligatoire"\r\n451;"ligne 451 : Q2 — réponse obligatoire"\r\n');
    // Progress only moves forward, and every step's counts add up to the rows processed.
    const traitees = etapes.map((e) => e.lignesTraitees as number);
    expect(traitees).toEqual([...traitees].sort((a, b) => a - b));
    for (const e of etapes) expect(e.crees + e.modifies + e.inchanges + e.erreurs).toBeLessThanOrEqual(e.lignesTraitees);
    expect((await api.get(`/dossiers/${operation.id}/participants?limit=1`, { as: P1 })).body.items).toHaveLength(1);

    const encore = await importerEnTache(api, P1, operation.id, Buffer.from(csv, 'utf8'));
    expect(encore.suivi).toMatchObject({ statut: 'terminee', lignesTraitees: 600, crees: 0, modifies: 0, inchanges: 598, erreurs: 2 });
    // Journaled as the synchronous import is: one entry per import, by its requester, with the rows written.
    const journal = (await api.get(`/dossiers/${operation.id}/participants/acces`, { as: OI })).body.items as Array<{ action: string; utilisateurId: string; nombre: number }>;
    expect(journal.filter((a) => a.action === 'import').map((a) => `${a.utilisateurId}:${a.nombre}`).sort()).toEqual(['demo-porteur:0', 'demo-porteur:598']);
  }, 180_000);

  it('records the job failed with a French reason when the file lacks the questionnaire’s columns, or is over 50 Mo whatever its policy said', async () => {
    const sans = await importerEnTache(api, P1, operation.id, Buffer.from('nom;prenom\r\nA;B\r\n', 'utf8'));
    expect(sans.suivi).toMatchObject({ statut: 'echouee', lignesTraitees: 0, urlRapport: null });
    expect(sans.suivi.motif).toMatch(/^Colonnes absentes de l’en-tête : date_naissance, /);
    // s3rver enforces no POST policy: a file past the limit reaches the bucket, and the job refuses it.
    const gros = Buffer.alloc(50 * 1024 * 1024 + 1, 0x41);
    const { envoi, statutS3 } = await envoyerImport(api, P1, operation.id, gros, 'gros.csv', 1000);
    expect(statutS3).toBeLessThan(300);
    const r = await api.post(`/dossiers/${operation.id}/participants/imports/taches`, { as: P1, body: { cle: envoi.body.cle, nomFichier: 'gros.csv' } });
    expect(r.status).toBe(202);
    const { suivi } = await suivreJusquAuBout(api, P1, operation.id, r.body.id);
    expect(suivi).toMatchObject({ statut: 'echouee', motif: expect.stringMatching(/^Fichier trop volumineux : 50 Mo au plus/) });
  }, 180_000);

  it('refuses another organisation (404), comité members (403), unknown or foreign keys, a second start and a declared size over 50 Mo (4xx)', async () => {
    const csv = Buffer.from(csvFsePlus(1), 'utf8');
    const { envoi } = await envoyerImport(api, P1, operation.id, csv);
    expect(envoi.status).toBe(201);
    expect(envoi.body.cle).toBe(`dossiers/${operation.id}/imports/${envoi.body.importId}/fichier.csv`);
    const base = `/dossiers/${operation.id}/participants/imports`;
    const corps = { cle: envoi.body.cle, nomFichier: 'p.csv' };
    expect((await api.post(`${base}/envoi`, { as: 'porteur2@guichet.test', body: { nomFichier: 'p.csv', taille: 10 } })).status).toBe(404);
    expect((await api.post(`${base}/taches`, { as: 'porteur2@guichet.test', body: corps })).status).toBe(404);
    expect((await api.post(`${base}/envoi`, { as: 'comite1@guichet.test', body: { nomFichier: 'p.csv', taille: 10 } })).status).toBe(403);
    const trop = await api.post(`${base}/envoi`, { as: P1, body: { nomFichier: 'p.csv', taille: 50 * 1024 * 1024 + 1 } });
    expect(trop.status).toBe(400);
    expect(JSON.stringify(trop.body.details)).toMatch(/50 Mo au plus/);

    const inconnue = await api.post(`${base}/taches`, { as: P1, body: { ...corps, cle: `dossiers/${operation.id}/imports/01JAAAAAAAAAAAAAAAAAAAAAAA/fichier.csv` } });
    expect([inconnue.status, inconnue.body.code]).toEqual([422, 'FICHIER_IMPORT_ABSENT']);
    const etrangere = await api.post(`${base}/taches`, { as: P1, body: { ...corps, cle: `dossiers/AUTRE/imports/${envoi.body.importId}/fichier.csv` } });
    expect([etrangere.status, etrangere.body.code]).toEqual([400, 'CLE_IMPORT_INVALIDE']);
    expect((await api.post(`${base}/taches`, { as: P1, body: { ...corps, cle: 'verifie/x' } })).body.code).toBe('CLE_IMPORT_INVALIDE');

    const lance = await api.post(`${base}/taches`, { as: P1, body: corps });
    expect(lance.status).toBe(202);
    expect(lance.body.id).toBe(envoi.body.importId);
    const encore = await api.post(`${base}/taches`, { as: P1, body: corps });
    expect([encore.status, encore.body.code]).toEqual([409, 'IMPORT_DEJA_LANCE']);
    await suivreJusquAuBout(api, P1, operation.id, lance.body.id);

    // Reading the job: the participants' readers (the OI's agents too), nobody else.
    expect((await api.get(`${base}/${lance.body.id}`, { as: OI })).status).toBe(200);
    const autre = await api.get(`${base}/${lance.body.id}`, { as: 'porteur2@guichet.test' });
    expect([autre.status, autre.body.code]).toEqual([404, 'DOSSIER_INTROUVABLE']);
    expect((await api.get(`${base}/${lance.body.id}`, { as: 'comite1@guichet.test' })).status).toBe(403);
    const absent = await api.get(`${base}/01JAAAAAAAAAAAAAAAAAAAAAAA`, { as: P1 });
    expect([absent.status, absent.body.code]).toEqual([404, 'IMPORT_INTROUVABLE']);
    expect((await api.get(`${base}/pas-un-ulid`, { as: P1 })).status).toBe(400);
  }, 180_000);
});
