import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Guichet } from '#local/server';
import { cleVerifiee, lireObjet, urlUpload } from '#shared/storage/s3';
import { client, demarrerGuichet } from './helpers';
import { exporter } from './exports-helpers';
import { aapOuvert, cle, complet, organisation, planEquilibre } from './dossiers-helpers';
import { pdfValide, piecesObligatoires, sha256, televerser, verdict } from './pieces-helpers';
import { concat, docxReel, HTML, jpegReel, pdfOpenActionJs, SIGNATURE_PNG, zip } from '../fixtures/fichiers';

let g: Guichet;
let api: ReturnType<typeof client>;
let aap: { id: string };
const P1 = 'porteur@guichet.test';
const P2 = 'porteur2@guichet.test';
const OI = 'oi@guichet.test';

const JPEG = jpegReel();
const PNG = concat(SIGNATURE_PNG, 'image png de test');
const DOCX = docxReel();
const EICAR = Buffer.from('X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*');
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

async function brouillon(fiche = 'A1') {
  const org = await organisation(api, P1);
  return (await api.post('/dossiers', { as: P1, body: { aapId: aap.id, ficheCode: fiche, organisationId: org.id } })).body as { id: string; contenu: any };
}

/** Uploads, waits for the verdict, and returns it with the pièce id. */
async function envoyer(dossierId: string, type: string, octets: Uint8Array, options: Parameters<typeof televerser>[5] = {}) {
  const { annonce, envoi } = await televerser(api, P1, dossierId, type, octets, options);
  expect(annonce.status).toBe(201);
  expect(envoi).toBe(204);
  return { pieceId: annonce.body.pieceId, ...(await verdict(api, P1, dossierId, annonce.body.pieceId)) };
}

async function pdfChiffre(): Promise<Uint8Array> {
  const octets = Buffer.from(await pdfValide('secret'));
  // A trailer naming an /Encrypt dictionary is what readers (and pdf-lib) treat as an encrypted document.
  return new Uint8Array(Buffer.from(octets.toString('latin1').replace('trailer\n<<', 'trailer\n<<\n/Encrypt 1 0 R'), 'latin1'));
}

beforeAll(async () => {
  g = await demarrerGuichet({ seed: true });
  api = client(g);
  aap = await aapOuvert(api);
});
afterAll(async () => g?.stop());

describe('verification of uploads', () => {
  it('accepts a real PDF, JPEG and DOCX through presigned POSTs', async () => {
    const d = await brouillon();
    expect((await envoyer(d.id, 'STATUTS', await pdfValide())).etat).toBe('valide');
    expect((await envoyer(d.id, 'RIB', JPEG, { typeContenu: 'image/jpeg', nomFichier: 'rib.jpg' })).etat).toBe('valide');
    const docx = await envoyer(d.id, 'MANDAT_SIGNATAIRE', DOCX, { typeContenu: DOCX_TYPE, nomFichier: 'mandat.docx' });
    expect(docx.etat).toBe('valide');
    expect(docx.sha256).toBe(sha256(DOCX));
  });

  it.each([
    ['a PNG declared as a PDF', () => PNG, { nomFichier: 'statuts.pdf' }, /PNG.*PDF/],
    ['a declared SHA-256 that does not match', () => pdfValide(), { sha256: 'f'.repeat(64) }, /empreinte SHA-256/],
    ['the EICAR test file', () => EICAR, { typeContenu: 'application/pdf' }, /malveillant/],
    ['a corrupt PDF', () => Buffer.from('%PDF-1.7\ngarbage without objects\n%%EOF\n'), {}, /corrompu|aucune page/],
    ['a real PDF with a ZIP appended (polyglot)', async () => concat(await pdfValide(), zip({ 'a.html': HTML })), {}, /données après sa fin \(%%EOF\)/],
    ['a PDF whose /OpenAction runs JavaScript', () => pdfOpenActionJs(), {}, /JavaScript/],
    ['a real PDF named with a right-to-left override hiding .exe', () => pdfValide(), { nomFichier: 'rib\u202Efdp.exe' }, /extension « \.exe »/],
    ['a real PDF with a double extension', () => pdfValide(), { nomFichier: 'releve.pdf.exe' }, /double extension/],
    ['an encrypted PDF', () => pdfChiffre(), {}, /chiffré/],
  ] as const)('rejects %s with a French reason, never downloadable', async (_nom, octets, options, motif) => {
    const d = await brouillon();
    const v = await envoyer(d.id, 'STATUTS', await octets(), options);
    expect(v.etat).toBe('rejetee');
    expect(v.motifRejet).toMatch(motif);
    const dl = await api.get(`/dossiers/${d.id}/pieces/${v.pieceId}/telechargement`, { as: P1 });
    expect([dl.status, dl.body.code]).toEqual([409, 'PIECE_NON_VALIDE']);
  });

  it('keeps the bank details a RIB declares (electronic IBAN), refuses them on any other pièce and refuses a wrong IBAN key, storing nothing', async () => {
    const d = await brouillon();
    const octets = await pdfValide('RIB');
    const coordonnees = { titulaire: 'Structure test', iban: 'fr76 3000 6000 0112 3456 7890 189', bic: 'AGRIFRPP' };
    const rib = await televerser(api, P1, d.id, 'RIB', octets, { coordonnees });
    expect(rib.annonce.status).toBe(201);
    expect((await verdict(api, P1, d.id, rib.annonce.body.pieceId)).etat).toBe('valide');
    const lu = (await api.get(`/dossiers/${d.id}/pieces`, { as: P1 })).body.pieces.find((p: { id: string }) => p.id === rib.annonce.body.pieceId);
    expect(lu.coordonnees).toEqual({ titulaire: 'Structure test', iban: 'FR7630006000011234567890189', bic: 'AGRIFRPP' });
    const horsRib = await televerser(api, P1, d.id, 'STATUTS', octets, { coordonnees });
    expect([horsRib.annonce.status, horsRib.annonce.body.code]).toEqual([400, 'COORDONNEES_HORS_RIB']);
    const cle = await televerser(api, P1, d.id, 'RIB', octets, { coordonnees: { ...coordonnees, iban: 'FR7630006000011234567890188' } });
    expect(cle.annonce.status).toBe(400);
    expect(JSON.stringify(cle.annonce.body)).toMatch(/IBAN invalide/);
    expect((await api.get(`/dossiers/${d.id}/pieces`, { as: P1 })).body.pieces).toHaveLength(1);
  });

  it('keeps the normalised name and the refusal code: a bidi override is stripped, then the extension judged', async () => {
    const d = await brouillon();
    const rib = await envoyer(d.id, 'RIB', await pdfValide(), { nomFichier: 'rib\u202Efdp.exe' });
    const statuts = await envoyer(d.id, 'STATUTS', await pdfValide(), { nomFichier: 'Statuts\u2066 signés\u2069\u200F.pdf' });
    const polyglotte = await envoyer(d.id, 'KBIS_RNA', concat(await pdfValide(), HTML, '\n%%EOF\n'), { nomFichier: 'kbis.pdf' });
    const { pieces } = (await api.get(`/dossiers/${d.id}/pieces`, { as: P1 })).body;
    const lue = (id: string) => pieces.find((p: { id: string }) => p.id === id);
    expect(lue(rib.pieceId)).toMatchObject({ etat: 'rejetee', codeRejet: 'EXTENSION_INCOHERENTE', nomFichier: 'ribfdp.exe' });
    expect(lue(polyglotte.pieceId)).toMatchObject({ etat: 'rejetee', codeRejet: 'PDF_CONTENU_ETRANGER', motifRejet: expect.stringMatching(/ZIP ou page HTML/) });
    expect(lue(statuts.pieceId)).toMatchObject({ etat: 'valide', codeRejet: null, nomFichier: 'Statuts signés.pdf' });
    const dl = await api.get(`/dossiers/${d.id}/pieces/${statuts.pieceId}/telechargement`, { as: P1 });
    const fichier = await fetch(dl.body.url);
    await fichier.arrayBuffer();
    expect(fichier.headers.get('content-disposition')).toBe(`attachment; filename="Statuts signes.pdf"; filename*=UTF-8''Statuts%20sign%C3%A9s.pdf`);
  });

  it('rejects a file whose real size differs from the announced one (the storage enforces no policy locally)', async () => {
    const d = await brouillon();
    const octets = await pdfValide();
    const v = await envoyer(d.id, 'STATUTS', octets, { taille: octets.length + 10 });
    expect(v.etat).toBe('rejetee');
    expect(v.motifRejet).toMatch(/taille reçue/);
  });

  it.each([
    ['an oversize file', { taille: 11 * 1024 * 1024 }, 413, 'REQUETE_TROP_VOLUMINEUSE'],
    ['a zero-byte file', { taille: 0 }, 400, 'REQUETE_INVALIDE'],
    ['a type not accepted', { typeContenu: 'application/zip' }, 400, 'REQUETE_INVALIDE'],
    ['a DOCX where only PDF and images are accepted', { typeContenu: DOCX_TYPE }, 400, 'TYPE_FICHIER_NON_ACCEPTE'],
    ['a path separator in the name', { nomFichier: '../../etc/passwd' }, 400, 'REQUETE_INVALIDE'],
    ['a backslash in the name', { nomFichier: 'C:\\statuts.pdf' }, 400, 'REQUETE_INVALIDE'],
    ['a control character in the name', { nomFichier: 'statuts\u0007.pdf' }, 400, 'REQUETE_INVALIDE'],
    ['an unknown pièce type', { typePiece: 'PHOTO_VACANCES' }, 400, 'TYPE_PIECE_INCONNU'],
  ] as const)('refuses to announce %s, and creates nothing', async (_nom, alteration, status, code) => {
    const d = await brouillon();
    const corps = { typePiece: 'STATUTS', nomFichier: 'statuts.pdf', taille: 1000, typeContenu: 'application/pdf', sha256: 'a'.repeat(64), ...alteration };
    const r = await api.post(`/dossiers/${d.id}/pieces`, { as: P1, body: corps });
    expect([r.status, r.body.code]).toEqual([status, code]);
    expect((await api.get(`/dossiers/${d.id}/pieces`, { as: P1 })).body.pieces).toEqual([]);
  });
});

describe('life of a pièce', () => {
  it('keeps the previous upload when a pièce is replaced, and deletes only in brouillon', async () => {
    const d = await brouillon();
    const premier = await envoyer(d.id, 'RIB', await pdfValide('RIB 1'));
    const second = await envoyer(d.id, 'RIB', await pdfValide('RIB 2'));
    const { lignes, pieces } = (await api.get(`/dossiers/${d.id}/pieces`, { as: P1 })).body;
    expect(lignes.find((l: { code: string }) => l.code === 'RIB').piece.id).toBe(second.pieceId);
    expect(pieces.find((p: { id: string }) => p.id === premier.pieceId).remplaceeLe).not.toBeNull();
    const r = await fetch(`${g.url}/api/dossiers/${d.id}/pieces/${second.pieceId}`, { method: 'DELETE', headers: { authorization: `Bearer ${await api.jeton(P1)}` } });
    expect(r.status).toBe(204);
    expect((await api.get(`/dossiers/${d.id}/pieces`, { as: P1 })).body.pieces.map((p: { id: string }) => p.id)).toEqual([premier.pieceId]);
  });

  it('downloads a valid pièce byte-identical through a 5-minute presigned GET, for the organisation only', async () => {
    const d = await brouillon();
    const octets = await pdfValide('Statuts signés');
    const v = await envoyer(d.id, 'STATUTS', octets, { nomFichier: 'Statuts "2024" été.pdf' });
    const dl = await api.get(`/dossiers/${d.id}/pieces/${v.pieceId}/telechargement`, { as: P1 });
    expect(dl.status).toBe(200);
    expect(dl.body.expireDans).toBe(300);
    expect(dl.body.url).toMatch(/X-Amz-Expires=300/);
    const fichier = await fetch(dl.body.url);
    expect(fichier.status).toBe(200);
    expect(sha256(new Uint8Array(await fichier.arrayBuffer()))).toBe(sha256(octets));
    expect(fichier.headers.get('content-disposition')).toBe(
      `attachment; filename="Statuts _2024_ ete.pdf"; filename*=UTF-8''Statuts%20%222024%22%20%C3%A9t%C3%A9.pdf`,
    );
    expect(fichier.headers.get('content-type')).toBe('application/pdf');
    // The signed URL carries the disposition and type S3 must answer with (the same parameters on AWS).
    const params = new URL(dl.body.url).searchParams;
    expect(params.get('response-content-disposition')).toMatch(/^attachment; filename="Statuts _2024_ ete\.pdf"; filename\*=UTF-8''/);
    expect(params.get('response-content-type')).toBe('application/pdf');
    const autre = await api.get(`/dossiers/${d.id}/pieces/${v.pieceId}/telechargement`, { as: P2 });
    expect(autre.status).toBe(404);
  });
});

/** EICAR then spaces, to `taille` bytes: other bytes of the same size, which any scanner flags. */
const eicarDeTaille = (taille: number) => {
  const b = Buffer.alloc(taille, 0x20);
  EICAR.copy(b);
  return new Uint8Array(b);
};

/** Posts `octets` to a presigned POST already used: the replay of the browser's form. */
async function rejouer(upload: { url: string; fields: Record<string, string> }, octets: Uint8Array) {
  const form = new FormData();
  for (const [k, v] of Object.entries(upload.fields)) form.append(k, v);
  form.append('file', new Blob([Buffer.from(octets)]), 'fichier');
  const r = await fetch(upload.url, { method: 'POST', body: form });
  await r.arrayBuffer();
  return r.status;
}

async function pieceDe(dossierId: string, pieceId: string) {
  return ((await api.get(`/dossiers/${dossierId}/pieces`, { as: P1 })).body.pieces as Array<Record<string, any>>).find((p) => p.id === pieceId)!;
}

describe('immutability of a verified pièce', () => {
  it('serves the sealed bytes and reports the write when the presigned POST is replayed with other bytes of the same size', async () => {
    const d = await brouillon();
    const octets = await pdfValide('RIB original');
    const { annonce, envoi } = await televerser(api, P1, d.id, 'RIB', octets, { nomFichier: 'rib.pdf' });
    expect(envoi).toBe(204);
    const pieceId = annonce.body.pieceId;
    expect((await verdict(api, P1, d.id, pieceId)).etat).toBe('valide');
    expect(annonce.body.upload.url).not.toMatch(/verifie/);
    expect(new Date((annonce.body.upload as unknown as { expireLe: string }).expireLe).getTime() - Date.now()).toBeLessThanOrEqual(10 * 60_000);

    const piege = eicarDeTaille(octets.length);
    expect(await rejouer(annonce.body.upload, piege)).toBe(204);
    let piece = await pieceDe(d.id, pieceId);
    for (let i = 0; i < 100 && !piece.ecrituresRefusees; i++) {
      await new Promise((ok) => setTimeout(ok, 50));
      piece = await pieceDe(d.id, pieceId);
    }
    // s3rver took the replay (it enforces no policy): the upload key now holds the EICAR bytes…
    expect(sha256(await lireObjet(g.bucketName, piece.cle, 1 << 20) as Uint8Array)).toBe(sha256(piege));
    // …reported on the pièce, which stays valid with the sealed SHA-256…
    expect(piece).toMatchObject({
      etat: 'valide', sha256: sha256(octets), ecrituresRefusees: 1,
      derniereEcritureRefusee: { sha256: sha256(piege), taille: octets.length },
    });
    // …and the OI downloads the verified bytes, not the replayed ones.
    const dl = await api.get(`/dossiers/${d.id}/pieces/${pieceId}/telechargement`, { as: P1 });
    expect(dl.status).toBe(200);
    const fichier = await fetch(dl.body.url);
    expect(fichier.status).toBe(200);
    expect(sha256(new Uint8Array(await fichier.arrayBuffer()))).toBe(sha256(octets));
  });

  it('refuses to presign an upload to any key but an upload key', async () => {
    await expect(urlUpload(cleVerifiee('dossiers/D/pieces/P/1'), 10, 'application/pdf', new Date())).rejects.toThrow(/Clé d’envoi refusée/);
  });
});

describe('compléments', () => {
  it('locks pièces after dépôt, lets the OI ask for one, and seals the new upload in its own receipt without moving the dépôt instant', async () => {
    const d = await brouillon('B5');
    await api.put(`/dossiers/${d.id}`, { as: P1, headers: { 'if-match': '1' }, body: complet(d, planEquilibre(1_000_000, 856_000)) });
    await piecesObligatoires(api, P1, d.id);
    const depot = await api.post(`/dossiers/${d.id}/depot`, { as: P1, headers: { 'idempotency-key': cle() } });
    expect(depot.status).toBe(200);
    expect((await api.get(`/dossiers/${d.id}/accuse-complements.pdf`, { as: P1 })).status).toBe(409);
    const verrou = await televerser(api, P1, d.id, 'RIB', await pdfValide('RIB tardif'));
    expect([verrou.annonce.status, verrou.annonce.body.code]).toEqual([409, 'DOSSIER_VERROUILLE']);
    const rib = (await api.get(`/dossiers/${d.id}/pieces`, { as: P1 })).body.lignes.find((l: { code: string }) => l.code === 'RIB').piece;
    const suppression = await fetch(`${g.url}/api/dossiers/${d.id}/pieces/${rib.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${await api.jeton(P1)}` } });
    expect(suppression.status).toBe(409);
    const refus = await api.post(`/dossiers/${d.id}/complements`, { as: P1, headers: { 'if-match': String(depot.body.version) }, body: { pieces: ['RIB'], message: 'RIB illisible', dateLimite: '2099-01-31' } });
    expect(refus.status).toBe(403);
    for (const dateLimite of ['2020-01-31', '2099-02-30']) {
      const r = await api.post(`/dossiers/${d.id}/complements`, { as: OI, headers: { 'if-match': String(depot.body.version) }, body: { pieces: ['RIB'], message: 'RIB illisible', dateLimite } });
      expect([r.status, r.body.details[0].chemin]).toEqual([400, 'corps.dateLimite']);
    }
    const demande = await api.post(`/dossiers/${d.id}/complements`, { as: OI, headers: { 'if-match': String(depot.body.version) }, body: { pieces: ['RIB'], message: 'Le RIB est illisible : merci d’en fournir un nouveau.', dateLimite: '2099-01-31' } });
    expect(demande.status).toBe(200);
    expect(demande.body.statut).toBe('complement_demande');
    const autre = await televerser(api, P1, d.id, 'STATUTS', await pdfValide('autres statuts'));
    expect(autre.annonce.status).toBe(409);
    const nouveauRib = await pdfValide('RIB lisible');
    expect((await envoyer(d.id, 'RIB', nouveauRib)).etat).toBe('valide');
    const redepot = await api.post(`/dossiers/${d.id}/depot`, { as: P1, headers: { 'idempotency-key': cle() } });
    expect(redepot.status).toBe(200);
    expect(redepot.body.statut).toBe('depose');
    // The first dépôt is the proof of timeliness: instant, author and fingerprint never move.
    expect(redepot.body.depot).toEqual(depot.body.depot);
    expect(redepot.body.complementsRecus).toHaveLength(1);
    expect(redepot.body.complementsRecus[0].pieces.map((p: { typePiece: string; libelle: string }) => [p.typePiece, p.libelle])).toEqual([['RIB', 'Relevé d’identité bancaire']]);
    expect(redepot.body.complementsRecus[0].recuLe >= depot.body.depot.deposeLe).toBe(true);
    const journal = (await api.get(`/dossiers/${d.id}/evenements`, { as: OI })).body;
    expect(journal.items.map((e: { type: string }) => e.type)).toEqual(['creation', 'depot', 'complements_demandes', 'complements_recus']);
    expect(journal.integre).toBe(true);
    const { extractPages } = await import('../unit/templates/pdf-text');
    const texteDe = async (b: Uint8Array) => (await extractPages(b)).map((p) => p.text).join(' ').replace(/\s/g, '');
    const recu: Uint8Array = (await api.get(`/dossiers/${d.id}/accuse-depot.pdf`, { as: P1 })).body;
    expect((await PDFDocument.load(recu)).getPageCount()).toBeGreaterThan(0);
    const texte = await texteDe(recu);
    expect(texte).not.toContain(sha256(nouveauRib));
    expect(texte).toContain(depot.body.depot.empreinte);
    const complements = await api.get(`/dossiers/${d.id}/accuse-complements.pdf`, { as: P1 });
    expect(complements.status).toBe(200);
    const texteComplements = await texteDe(complements.body);
    expect(texteComplements).toContain('Accuséderéceptiondescompléments');
    expect(texteComplements).toContain(sha256(nouveauRib));
    expect(texteComplements).toContain('Relevéd’identitébancaire');
    const csv = await exporter(api, OI, { aapId: depot.body.aapId, format: 'csv' });
    expect(csv.fichier.toString('utf8')).toContain(depot.body.depot.deposeLe);
  });
});

describe('the sweep of pièces stuck in verification (every 15 minutes: EventBridge Scheduler on AWS, npm start locally)', () => {
  it('rejects a pièce announced more than 30 minutes ago whose file never arrived, so the checklist asks for it again; a recent one waits', async () => {
    const d = await brouillon();
    const octets = await pdfValide();
    const annonce = await api.post(`/dossiers/${d.id}/pieces`, {
      as: P1, body: { typePiece: 'STATUTS', nomFichier: 'statuts.pdf', taille: octets.length, typeContenu: 'application/pdf', sha256: sha256(octets) },
    });
    expect(annonce.status).toBe(201);
    const { handler } = await import('#functions/pieces/balayer-verifications');
    const etat = async () => (await api.get(`/dossiers/${d.id}/pieces`, { as: P1 })).body.pieces.find((x: { id: string }) => x.id === annonce.body.pieceId);

    // Ten minutes later: too early, the link is still valid.
    const tot = await handler({ time: new Date(Date.now() + 10 * 60_000).toISOString() });
    expect((await etat()).etat).toBe('en_verification');
    expect(tot.rejetees).toBe(0);
    // Thirty-one minutes later: nothing behind the key, the pièce is rejected with the reason the porteur reads.
    const tard = await handler({ time: new Date(Date.now() + 31 * 60_000).toISOString() });
    expect(tard.rejetees).toBeGreaterThanOrEqual(1);
    expect(await etat()).toMatchObject({ etat: 'rejetee', motifRejet: 'Le fichier n’a pas été reçu avant l’expiration du lien d’envoi : envoyez-le de nouveau.' });
    // Swept once: it left the index of pending pièces, a later run changes nothing.
    await handler({ time: new Date(Date.now() + 46 * 60_000).toISOString() });
    expect((await etat()).etat).toBe('rejetee');
  });
});
