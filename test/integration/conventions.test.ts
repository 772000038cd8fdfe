import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Guichet } from '#local/server';
import { client, demarrerGuichet } from './helpers';
import { aapOuvert } from './dossiers-helpers';
import { conventionEnvoyee, conventionSignee, DEMANDE_CONVENTION as DEMANDE, dossierProgramme, dossierInstruit, GESTIONNAIRE, OI, P1 } from './comite-helpers';
import { attendreCourriel } from './boite-mail-helpers';

let g: Guichet;
let api: ReturnType<typeof client>;
let aap: { id: string };
const REDACTEUR = 'redacteur@convention.test';
let jetonRedacteur: string;
const dossierDe = async (id: string) => (await api.get(`/dossiers/${id}`, { as: OI })).body;
const convention = async (id: string, as = OI) => (await api.get(`/dossiers/${id}/convention`, { as })).body;
const sha256 = (o: Uint8Array) => createHash('sha256').update(o).digest('hex');
const dir = mkdtempSync(join(tmpdir(), 'guichet-convention-'));

function pdfsig(octets: Uint8Array): string {
  const chemin = join(dir, `${sha256(octets)}.pdf`);
  writeFileSync(chemin, octets);
  const r = spawnSync('pdfsig', [chemin], { encoding: 'utf8' });
  return `${r.stdout}${r.stderr}`;
}
function pdftotext(octets: Uint8Array): string {
  const chemin = join(dir, `${sha256(octets)}.pdf`);
  writeFileSync(chemin, octets);
  return spawnSync('pdftotext', ['-layout', chemin, '-'], { encoding: 'utf8' }).stdout.replace(/[\u00a0\u202f]/g, ' ');
}

beforeAll(async () => {
  g = await demarrerGuichet({ seed: true });
  api = client(g);
  aap = await aapOuvert(api);
  jetonRedacteur = await api.jetonPour({ sub: 'convention-redacteur', email: REDACTEUR, groupes: ['porteur'] });
}, 120_000);
afterAll(async () => g?.stop());

/** A programmed dossier with a rédacteur invited to its organisation (who may not sign). */
async function programme(fse = 856_000) {
  const d = await dossierProgramme(api, aap.id, fse, fse);
  const orgId = (await dossierDe(d.id)).organisationId as string;
  expect((await api.post(`/organisations/${orgId}/membres`, { as: P1, body: { email: REDACTEUR, role: 'redacteur' } })).status).toBe(201);
  expect((await api.get(`/organisations/${orgId}`, { jeton: jetonRedacteur })).body.monRole).toBe('redacteur');
  return d;
}

const preparer = (id: string, version: number, body: unknown = DEMANDE, as = GESTIONNAIRE) =>
  api.post(`/dossiers/${id}/convention`, { as, headers: { 'if-match': String(version) }, body });
const envoyer = (id: string, version: number) => api.post(`/dossiers/${id}/convention/envoi`, { as: GESTIONNAIRE, headers: { 'if-match': String(version) } });
const signer = (id: string, body: { numero: number; sha256: string; qualite: string }, qui: { as?: string; jeton?: string }) =>
  api.post(`/dossiers/${id}/convention/signatures`, { ...qui, body });

/** Prepared, sent and signed by both parties: the version 1 in force. */
async function enVigueur() {
  const d = await programme();
  const sha = await conventionEnvoyee(api, d);
  return { ...d, version: await conventionSignee(api, d.id, sha), sha };
}

describe('conventionnement', () => {
  it('prepares the convention of a programmed dossier once: FSE conventionné = programmé, annexe frozen, calendar, avance', async () => {
    const d = await programme();
    const r = await preparer(d.id, d.version);
    expect(r.status).toBe(201);
    expect(r.body.suivi).toMatchObject({ etat: 'en_preparation', numeroEnVigueur: null, numeroEnCours: 1 });
    const v = r.body.versions[0];
    expect(v).toMatchObject({ numero: 1, nature: 'initiale', statut: 'en_preparation', document: null, signatures: [] });
    expect(v.contenu.fseConventionneCentimes).toBe(856_000);
    expect(v.contenu.programme).toMatchObject({ code: 'FSE-PLUS-2021-2027', reglement: 'Règlement (UE) 2021/1060' });
    expect(v.contenu.annexe.totaux.coutTotal).toBe(1_070_000);
    expect(v.contenu.avance).toEqual({ pct: 30, montantCentimes: 256_800, exemption: null });
    expect(v.contenu.bilans.map((b: { nature: string }) => b.nature)).toEqual(['final']);
    expect(v.contenu.obligations).toContain('CONFLIT_INTERETS');

    const avant = await dossierDe(d.id);
    const second = await preparer(d.id, avant.version);
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('CONVENTION_EXISTANTE');
    expect((await dossierDe(d.id)).version).toBe(avant.version);

    // The draft's PDF says it is a draft.
    const projet = await api.get(`/dossiers/${d.id}/convention/1/document.pdf`, { as: P1 });
    expect(projet.status).toBe(200);
    expect(pdftotext(projet.body)).toMatch(/PROJET/);
    // The draft is rendered once per content: the second download reads the bucket, byte for byte.
    expect(projet.headers.get('x-guichet-document')).toBe('rendu');
    const encore = await api.get(`/dossiers/${d.id}/convention/1/document.pdf`, { as: P1 });
    expect(encore.headers.get('x-guichet-document')).toBe('cache');
    expect(Buffer.from(encore.body).equals(Buffer.from(projet.body))).toBe(true);
  }, 120_000);

  it('refuses a dossier that is not programmed (409), bad input (400/422), and a porteur preparing (403): nothing stored', async () => {
    const instruit = await dossierInstruit(api, aap.id, 'HP1');
    const r = await preparer(instruit.id, instruit.version);
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('STATUT_INCOMPATIBLE');
    const d = await programme();
    const mauvais = await preparer(d.id, d.version, { ...DEMANDE, regimeAide: 'aide_illimitee' });
    expect(mauvais.status).toBe(400);
    expect(JSON.stringify(mauvais.body)).toMatch(/Régime d’aide attendu/);
    const bilans = await preparer(d.id, d.version, { ...DEMANDE, bilansIntermediaires: 2 });
    expect(bilans.status).toBe(422);
    expect(bilans.body.code).toBe('CALENDRIER_BILANS_INVALIDE');
    const porteur = await preparer(d.id, d.version, DEMANDE, P1);
    expect(porteur.status).toBe(403);
    expect((await convention(d.id)).suivi).toBeNull();
    expect((await dossierDe(d.id)).version).toBe(d.version);
  }, 120_000);

  it('signatures in order on the hash shown; the OI’s countersignature seals the PDF (pdfsig: valid, unmodified) and brings it into force', async () => {
    const d = await programme();
    const p = await preparer(d.id, d.version);
    const e = await envoyer(d.id, p.body.version);
    expect(e.status).toBe(200);
    const v = e.body.versions[0];
    expect(v.statut).toBe('a_signer_porteur');
    const sha = v.document.sha256 as string;
    // The porteur downloads exactly the document whose hash it is shown.
    const envoye = await api.get(`/dossiers/${d.id}/convention/1/document.pdf`, { as: P1 });
    expect(sha256(envoye.body)).toBe(sha);
    expect(pdftotext(envoye.body)).toMatch(/Règlement \(UE\) 2021\/1060/);
    await attendreCourriel(g, P1, /Convention du dossier .* à signer/);

    const demande = { numero: 1, sha256: sha, qualite: 'Présidente' };
    const refus: Array<[{ as?: string; jeton?: string }, number, string | null]> = [
      [{ as: GESTIONNAIRE }, 403, null],
      [{ jeton: jetonRedacteur }, 403, null],
      [{ as: 'porteur2@guichet.test' }, 404, 'DOSSIER_INTROUVABLE'],
      [{ as: 'comite1@guichet.test' }, 403, null],
      [{ as: OI }, 409, 'SIGNATURE_PORTEUR_ATTENDUE'],
    ];
    for (const [qui, statut, code] of refus) {
      const r = await signer(d.id, demande, qui);
      expect(r.status, JSON.stringify(qui)).toBe(statut);
      if (code) expect(r.body.code).toBe(code);
    }
    const autre = await signer(d.id, { ...demande, sha256: 'f'.repeat(64) }, { as: P1 });
    expect(autre.status).toBe(422);
    expect(autre.body.code).toBe('EMPREINTE_DIFFERENTE');
    expect((await convention(d.id)).versions[0].signatures).toEqual([]);

    const porteur = await signer(d.id, demande, { as: P1 });
    expect(porteur.status).toBe(200);
    expect(porteur.body.suivi.etat).toBe('a_contresigner');
    expect(porteur.body.versions[0].signatures[0]).toMatchObject({ partie: 'porteur', utilisateurId: 'demo-porteur', qualite: 'Présidente', fuseau: 'Europe/Paris', sha256: sha });
    await attendreCourriel(g, GESTIONNAIRE, /signée par le porteur — à contresigner/);

    // Two administrators countersign at once: exactly one wins.
    const [a, b] = await Promise.all([signer(d.id, { ...demande, qualite: 'Directrice' }, { as: OI }), signer(d.id, { ...demande, qualite: 'Directrice' }, { as: OI })]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const c = await convention(d.id, P1);
    expect(c.suivi).toMatchObject({ etat: 'en_vigueur', numeroEnVigueur: 1, numeroEnCours: null, fseConventionneCentimes: 856_000 });
    const vigueur = c.versions[0];
    expect(vigueur.signatures.map((s: { partie: string }) => s.partie)).toEqual(['porteur', 'oi']);
    expect(vigueur.enVigueurLe).toBe(vigueur.signatures[1].le);

    const scelle = await api.get(`/dossiers/${d.id}/convention/1/document.pdf`, { as: P1 });
    expect(scelle.status).toBe(200);
    expect(sha256(scelle.body)).toBe(vigueur.scelle.sha256);
    const rapport = pdfsig(scelle.body);
    expect(rapport).toMatch(/Signature Validation: Signature is Valid\./);
    expect(rapport).toMatch(/Total document signed/);
    expect(rapport).toMatch(/Guichet — cachet de la plateforme/);
    // The seal is an incremental update: the sealed file starts with the very bytes both parties signed.
    const signe = envoye.body.length as number;
    expect(scelle.body.length).toBeGreaterThan(signe);
    expect(sha256(scelle.body.subarray(0, signe))).toBe(vigueur.document.sha256);
    expect(vigueur.document.sha256).toBe(sha);
    expect(Buffer.from(scelle.body.subarray(0, signe)).equals(Buffer.from(envoye.body))).toBe(true);
    // The sealed file is served from where it is kept, by a 5-minute link issued to its readers only.
    const lien = await api.get(`/dossiers/${d.id}/convention/1/document.pdf?lien=json`, { as: P1 });
    expect([lien.status, lien.body.sha256, lien.body.octets]).toEqual([200, vigueur.scelle.sha256, scelle.body.length]);
    expect(sha256(new Uint8Array(await (await fetch(lien.body.url)).arrayBuffer()))).toBe(vigueur.scelle.sha256);
    const refusLien = await api.get(`/dossiers/${d.id}/convention/1/document.pdf?lien=json`, { as: 'porteur2@guichet.test' });
    expect([refusLien.status, refusLien.body.url]).toEqual([404, undefined]);
    await attendreCourriel(g, P1, /Convention du dossier .* en vigueur/);

    // The journal records each step.
    const types = (await api.get(`/dossiers/${d.id}/evenements`, { as: OI })).body.items.map((x: { type: string }) => x.type);
    expect(types.slice(-4)).toEqual(['convention_preparee', 'convention_envoyee', 'convention_signee_porteur', 'convention_en_vigueur']);
    expect((await api.get(`/dossiers/${d.id}/evenements`, { as: OI })).body.integre).toBe(true);
  }, 180_000);

  it('a conventioned dossier’s plan changes only by avenant; its programmation no longer corrects', async () => {
    const d = await enVigueur();
    const lu = await dossierDe(d.id);
    const plan = await api.put(`/dossiers/${d.id}`, { as: P1, headers: { 'if-match': String(lu.version) }, body: lu.contenu });
    expect(plan.status).toBe(409);
    const corr = await api.put(`/dossiers/${d.id}/programmation`, {
      as: OI, headers: { 'if-match': String(lu.version) }, body: { montantFseCentimes: 800_000, dateDecision: '2026-01-05', referenceDeliberation: 'CA-2027-04', motif: 'Réduction.', motifCorrection: 'Erreur.' },
    });
    expect(corr.status).toBe(409);
    expect(corr.body.code).toBe('CONVENTION_SIGNEE');
  }, 180_000);

  it('an avenant moving the end date shows exactly that diff, needs the re-examination, and leaves v1 in force until both sign', async () => {
    const d = await enVigueur();
    const v1 = (await convention(d.id)).versions[0];
    const fin = v1.contenu.periode.fin as string;
    const nouvelleFin = `${Number(fin.slice(0, 4)) + 1}-06-30`;
    const corps = { motif: 'Prolongation de six mois pour achever les parcours.', modifications: { periode: { debut: v1.contenu.periode.debut, fin: nouvelleFin } } };

    // Bad input first: nothing is stored.
    const hors = await api.post(`/dossiers/${d.id}/convention/avenants`, { as: GESTIONNAIRE, headers: { 'if-match': String(d.version) }, body: { ...corps, modifications: { periode: { debut: v1.contenu.periode.debut, fin: '2030-03-31' } } } });
    expect(hors.status).toBe(422);
    expect(hors.body.code).toBe('PERIODE_HORS_PROGRAMME');
    const plan = structuredClone(v1.contenu.annexe.plan);
    plan.ressources.fseCentimes += 100;
    plan.ressources.cofinancements[0].montantCentimes -= 100;
    const plus = await api.post(`/dossiers/${d.id}/convention/avenants`, { as: GESTIONNAIRE, headers: { 'if-match': String(d.version) }, body: { motif: 'Plus de FSE.', modifications: { plan } } });
    expect(plus.status).toBe(422);
    expect(plus.body.code).toBe('FSE_SUPERIEUR_PROGRAMME');
    expect((await dossierDe(d.id)).version).toBe(d.version);

    // Two agents prepare an avenant at once: exactly one is recorded.
    const [a, b] = await Promise.all([
      api.post(`/dossiers/${d.id}/convention/avenants`, { as: GESTIONNAIRE, headers: { 'if-match': String(d.version) }, body: corps }),
      api.post(`/dossiers/${d.id}/convention/avenants`, { as: OI, headers: { 'if-match': String(d.version) }, body: { ...corps, motif: 'Autre motif.' } }),
    ]).then((rs) => rs.sort((x, y) => x.status - y.status));
    expect([a!.status, b!.status]).toEqual([201, 409]);
    expect((await convention(d.id)).versions).toHaveLength(2);
    const v2 = a!.body.versions[1];
    expect(v2.avenant.modifications).toEqual([{ chemin: 'periode.fin', avant: fin, apres: nouvelleFin }]);
    expect(v2.avenant.objets).toEqual(['periode']);
    expect(a!.body.suivi).toMatchObject({ etat: 'en_preparation', numeroEnVigueur: 1, numeroEnCours: 2, periode: { fin } });
    const second = await api.post(`/dossiers/${d.id}/convention/avenants`, { as: GESTIONNAIRE, headers: { 'if-match': String(a!.body.version) }, body: corps });
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('AVENANT_EN_COURS');

    const sansDecision = await envoyer(d.id, a!.body.version);
    expect(sansDecision.status).toBe(422);
    expect(sansDecision.body.code).toBe('DECISION_REEXAMEN_REQUISE');
    const decision = await api.put(`/dossiers/${d.id}/convention`, {
      as: GESTIONNAIRE, headers: { 'if-match': String(a!.body.version) }, body: { decision: { reference: 'CP-2027-07', date: '2026-01-10' } },
    });
    expect(decision.status).toBe(200);
    expect(decision.body.versions[1].avenant.modifications).toEqual([{ chemin: 'periode.fin', avant: fin, apres: nouvelleFin }]);
    const e = await envoyer(d.id, decision.body.version);
    expect(e.status).toBe(200);
    const sha = e.body.versions[1].document.sha256;
    expect(pdftotext((await api.get(`/dossiers/${d.id}/convention/2/document.pdf`, { as: P1 })).body)).toMatch(/Avenant n° 1/);
    const porteur = await signer(d.id, { numero: 2, sha256: sha, qualite: 'Présidente' }, { as: P1 });
    expect(porteur.status).toBe(200);
    // Signed by the porteur only: v1 is still the convention in force.
    expect(porteur.body.suivi).toMatchObject({ etat: 'a_contresigner', numeroEnVigueur: 1, periode: { fin } });
    expect(porteur.body.versions.map((v: { statut: string }) => v.statut)).toEqual(['en_vigueur', 'a_contresigner']);
    const oi = await signer(d.id, { numero: 2, sha256: sha, qualite: 'Directrice' }, { as: OI });
    expect(oi.status).toBe(200);
    expect(oi.body.suivi).toMatchObject({ etat: 'en_vigueur', numeroEnVigueur: 2, periode: { fin: nouvelleFin } });
    expect(oi.body.versions.map((v: { statut: string }) => v.statut)).toEqual(['remplacee', 'en_vigueur']);
    expect(pdfsig((await api.get(`/dossiers/${d.id}/convention/2/document.pdf`, { as: P1 })).body)).toMatch(/Signature is Valid/);
  }, 240_000);
});
