import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Guichet } from '#local/server';
import { routes, type RouteDefinition } from '#shared/http/routes';
import { messagerieRepository } from '#shared/repositories/messagerie-repository';
import { client, demarrerGuichet } from './helpers';
import { aapOuvert, organisation } from './dossiers-helpers';
import { pdfValide, sha256 } from './pieces-helpers';
import { dossierDepose, GESTIONNAIRE, OI, P1 } from './comite-helpers';
import { attendreCourriel, courriels } from './boite-mail-helpers';

let g: Guichet;
let api: ReturnType<typeof client>;
let aapId: string;
let autreOi: string;
const EICAR = Buffer.from('X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*');

type Qui = { as: string } | { jeton: string };
const base = (d: string) => `/dossiers/${d}/messagerie`;

/** Announces an attachment and posts its bytes to the presigned POST, as the browser does. */
async function joindre(qui: Qui, dossierId: string, octets: Uint8Array, nomFichier = 'note.pdf', typeContenu = 'application/pdf') {
  const r = await api.post(`${base(dossierId)}/pieces-jointes`, { ...qui, body: { nomFichier, taille: octets.length, typeContenu, sha256: sha256(octets) } });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  const form = new FormData();
  for (const [k, v] of Object.entries(r.body.upload.fields as Record<string, string>)) form.append(k, v);
  form.append('file', new Blob([Buffer.from(octets)]), nomFichier);
  const envoi = await fetch(r.body.upload.url, { method: 'POST', body: form });
  await envoi.arrayBuffer();
  expect(envoi.status).toBe(204);
  return r.body.pieceJointe.id as string;
}

/** Waits for the verification of an unsent attachment of the caller. */
async function verdict(qui: Qui, dossierId: string, id: string) {
  for (let i = 0; i < 100; i++) {
    const m = (await api.get(base(dossierId), qui)).body;
    const pj = m.brouillonsPiecesJointes.find((x: { id: string }) => x.id === id);
    if (pj && pj.etat !== 'en_verification') return pj as { etat: string; motifRejet: string | null };
    await new Promise((ok) => setTimeout(ok, 50));
  }
  throw new Error(`La pièce jointe ${id} est restée en vérification`);
}

beforeAll(async () => {
  g = await demarrerGuichet({ seed: true });
  api = client(g);
  aapId = (await aapOuvert(api)).id;
  autreOi = await api.jetonPour({ sub: 'messagerie-autre-oi', email: 'agent@autre-oi.test', groupes: ['oi-gestionnaire'], oi: 'AUTRE' });
}, 120_000);
afterAll(async () => g?.stop());

describe('the messagerie of a dossier', () => {
  it('carries a thread from the porteur to the OI and back, with unread counts per reader', async () => {
    const d = await dossierDepose(api, aapId, 'HP2');
    const ouvert = await api.post(`${base(d.id)}/fils`, { as: P1, body: { sujet: 'Date de démarrage', texte: 'Pouvons-nous démarrer au 1er mars ?' } });
    expect(ouvert.status).toBe(201);
    const fil = ouvert.body.fils[0];
    expect(fil).toMatchObject({ sujet: 'Date de démarrage', cote: 'porteur', nombreMessages: 1, nonLus: 0 });
    expect(fil.messages[0]).toMatchObject({ deMoi: true, nonLu: false, cote: 'porteur' });

    // Each OI agent has their own position: both see one unread message.
    for (const agent of [GESTIONNAIRE, OI]) expect((await api.get(base(d.id), { as: agent })).body.nonLus).toBe(1);
    const lu = await api.put(`${base(d.id)}/fils/${fil.id}/lecture`, { as: GESTIONNAIRE, body: { jusqua: fil.messages[0].id } });
    expect(lu.status).toBe(200);
    expect(lu.body.nonLus).toBe(0);
    expect((await api.get(base(d.id), { as: GESTIONNAIRE })).body.nonLus).toBe(0);
    expect((await api.get(base(d.id), { as: OI })).body.nonLus).toBe(1);

    const reponse = await api.post(`${base(d.id)}/fils/${fil.id}/messages`, { as: GESTIONNAIRE, body: { texte: 'Oui, si la convention est signée avant.' } });
    expect(reponse.status).toBe(201);
    const porteur = (await api.get(base(d.id), { as: P1 })).body;
    expect(porteur.nonLus).toBe(1);
    expect(porteur.fils[0].nombreMessages).toBe(2);
    expect(porteur.fils[0].messages[1]).toMatchObject({ cote: 'oi', nonLu: true, texte: 'Oui, si la convention est signée avant.' });
    // Authors are named, never given by address (the address is kept for the e-mails only).
    expect(JSON.stringify(porteur)).not.toContain(GESTIONNAIRE);
    // A reading position only moves forward: marking the first message read again keeps the second one read.
    const dernier = porteur.fils[0].messages[1].id;
    expect((await api.put(`${base(d.id)}/fils/${fil.id}/lecture`, { as: P1, body: { jusqua: dernier } })).body.nonLus).toBe(0);
    expect((await api.put(`${base(d.id)}/fils/${fil.id}/lecture`, { as: P1, body: { jusqua: fil.messages[0].id } })).body.nonLus).toBe(0);
    expect((await api.get(base(d.id), { as: P1 })).body.nonLus).toBe(0);
  });

  it('verifies attachments like pièces: a valid PDF is downloadable, a hostile file is rejected and cannot be sent', async () => {
    const d = await dossierDepose(api, aapId, 'HP2');
    const bon = await joindre({ as: P1 }, d.id, await pdfValide('Devis signé'), 'devis.pdf');
    const mauvais = await joindre({ as: P1 }, d.id, EICAR, 'facture.pdf');
    expect((await verdict({ as: P1 }, d.id, bon)).etat).toBe('valide');
    const rejet = await verdict({ as: P1 }, d.id, mauvais);
    expect(rejet).toMatchObject({ etat: 'rejetee', motifRejet: expect.stringMatching(/malveillant/) });
    expect((await api.get(`${base(d.id)}/pieces-jointes/${mauvais}/telechargement`, { as: P1 })).status).toBe(409);
    // An unsent attachment is its author's alone.
    expect((await api.get(`${base(d.id)}/pieces-jointes/${bon}/telechargement`, { as: GESTIONNAIRE })).status).toBe(404);

    const refuse = await api.post(`${base(d.id)}/fils`, { as: P1, body: { sujet: 'Devis', texte: 'Voici le devis.', piecesJointes: [bon, mauvais] } });
    expect(refuse.status).toBe(409);
    expect(refuse.body).toMatchObject({ code: 'PIECE_JOINTE_INDISPONIBLE', message: expect.any(String) });
    expect((await api.get(base(d.id), { as: P1 })).body.fils).toEqual([]);

    const envoye = await api.post(`${base(d.id)}/fils`, { as: P1, body: { sujet: 'Devis', texte: 'Voici le devis.', piecesJointes: [bon] } });
    expect(envoye.status).toBe(201);
    const oi = (await api.get(base(d.id), { as: GESTIONNAIRE })).body;
    expect(oi.fils[0].messages[0].piecesJointes).toEqual([expect.objectContaining({ id: bon, nomFichier: 'devis.pdf', etat: 'valide' })]);
    expect(JSON.stringify(oi)).not.toContain('dossiers/');
    const lien = await api.get(`${base(d.id)}/pieces-jointes/${bon}/telechargement`, { as: GESTIONNAIRE });
    expect(lien.status).toBe(200);
    const telecharge = await fetch(lien.body.url);
    expect(Buffer.from(await telecharge.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    expect(telecharge.headers.get('content-disposition')).toBe(`attachment; filename="devis.pdf"; filename*=UTF-8''devis.pdf`);
    expect(telecharge.headers.get('content-type')).toBe('application/pdf');
    // Sent once: the same attachment cannot be claimed by another message, nor by another person.
    const encore = await api.post(`${base(d.id)}/fils/${oi.fils[0].id}/messages`, { as: P1, body: { texte: 'Encore.', piecesJointes: [bon] } });
    expect(encore.body.code).toBe('PIECE_JOINTE_INDISPONIBLE');
    const autre = await joindre({ as: P1 }, d.id, await pdfValide('Autre'), 'autre.pdf');
    const vol = await api.post(`${base(d.id)}/fils/${oi.fils[0].id}/messages`, { as: GESTIONNAIRE, body: { texte: 'À moi.', piecesJointes: [autre] } });
    expect(vol.body.code).toBe('PIECE_JOINTE_INDISPONIBLE');
    expect((await api.get(base(d.id), { as: P1 })).body.fils[0].nombreMessages).toBe(1);
  });

  it('refuses bad input with a French 4xx and writes nothing', async () => {
    const d = await dossierDepose(api, aapId, 'HP2');
    const long = await api.post(`${base(d.id)}/fils`, { as: P1, body: { sujet: 'Long', texte: 'x'.repeat(10_001) } });
    expect(long.status).toBe(400);
    expect(long.body.details).toEqual([expect.objectContaining({ chemin: 'corps.texte', message: expect.stringMatching(/10\s000 caractères/) })]);
    expect((await api.post(`${base(d.id)}/fils`, { as: P1, body: { sujet: '', texte: 'Bonjour' } })).status).toBe(400);
    const lourd = await api.post(`${base(d.id)}/pieces-jointes`, {
      as: P1, body: { nomFichier: 'gros.pdf', taille: 11 * 1024 * 1024, typeContenu: 'application/pdf', sha256: 'a'.repeat(64) },
    });
    expect(lourd.status).toBe(413);
    expect(lourd.body.message).toMatch(/10 Mo/);
    const exe = await api.post(`${base(d.id)}/pieces-jointes`, { as: P1, body: { nomFichier: 'a.exe', taille: 10, typeContenu: 'application/x-msdownload', sha256: 'a'.repeat(64) } });
    expect(exe.status).toBe(400);
    expect((await api.post(`${base(d.id)}/fils/INCONNU/messages`, { as: P1, body: { texte: 'Allô ?' } })).status).toBe(404);
    const m = (await api.get(base(d.id), { as: P1 })).body;
    expect(m.fils).toEqual([]);
    expect(m.brouillonsPiecesJointes).toEqual([]);
  });

  it('keeps agents of another OI and other porteurs out, without revealing anything', async () => {
    const d = await dossierDepose(api, aapId, 'HP2');
    await api.post(`${base(d.id)}/fils`, { as: P1, body: { sujet: 'Confidentiel', texte: 'Texte secret du porteur.' } });
    for (const qui of [{ jeton: autreOi }, { as: 'porteur2@guichet.test' }] as Qui[]) {
      const lire = await api.get(base(d.id), qui);
      const ouvrir = await api.post(`${base(d.id)}/fils`, { ...qui, body: { sujet: 'Intrusion', texte: 'Bonjour' } });
      const annoter = await api.post(`/dossiers/${d.id}/annotations`, { ...qui, body: { texte: 'Intrusion' } });
      for (const r of [lire, ouvrir]) expect(r.body).toMatchObject({ code: 'DOSSIER_INTROUVABLE', message: expect.any(String) });
      expect([lire.status, ouvrir.status]).toEqual([404, 404]);
      expect([403, 404]).toContain(annoter.status);
      expect(JSON.stringify([lire.body, ouvrir.body, annoter.body])).not.toContain('secret');
    }
    expect((await api.get(base(d.id), { as: P1 })).body.fils).toHaveLength(1);
  });

  it('closes the messagerie of an irrecevable dossier (read-only archive) and of a draft', async () => {
    const d = await dossierDepose(api, aapId, 'HP2');
    const ouvert = (await api.post(`${base(d.id)}/fils`, { as: P1, body: { sujet: 'Question', texte: 'Bonjour' } })).body;
    const filId = ouvert.fils[0].id;
    const dec = await api.post(`/dossiers/${d.id}/recevabilite`, { as: GESTIONNAIRE, headers: { 'if-match': String(d.version) }, body: { decision: 'irrecevable', motif: 'Hors du périmètre de la fiche.' } });
    expect(dec.status).toBe(200);
    for (const [qui, r] of [
      [P1, await api.post(`${base(d.id)}/fils/${filId}/messages`, { as: P1, body: { texte: 'Pourquoi ?' } })],
      [GESTIONNAIRE, await api.post(`${base(d.id)}/fils`, { as: GESTIONNAIRE, body: { sujet: 'Suite', texte: 'Bonjour' } })],
      [P1, await api.post(`${base(d.id)}/pieces-jointes`, { as: P1, body: { nomFichier: 'a.pdf', taille: 10, typeContenu: 'application/pdf', sha256: 'a'.repeat(64) } })],
    ] as const) {
      expect(r.status, qui).toBe(409);
      expect(r.body).toMatchObject({ code: 'MESSAGERIE_FERMEE', message: expect.stringMatching(/irrecevable/) });
    }
    const archive = (await api.get(base(d.id), { as: P1 })).body;
    expect(archive).toMatchObject({ ouverte: false, fermeture: expect.stringMatching(/close/) });
    expect(archive.fils[0].messages).toHaveLength(1);

    const org = await organisation(api, P1, 'Structure brouillon');
    const b = (await api.post('/dossiers', { as: P1, body: { aapId, ficheCode: 'S2', organisationId: org.id } })).body;
    const brouillon = await api.post(`${base(b.id)}/fils`, { as: P1, body: { sujet: 'Question', texte: 'Bonjour' } });
    expect(brouillon.status).toBe(409);
    expect(brouillon.body.message).toMatch(/s’ouvre au dépôt/);
    expect((await api.get(base(b.id), { as: GESTIONNAIRE })).status).toBe(404);
  });
});

describe('immutability of a verified attachment', () => {
  it('serves the sealed bytes and records the write when its presigned POST is replayed with other bytes of the same size', async () => {
    const d = await dossierDepose(api, aapId, 'HP2');
    const octets = await pdfValide('Devis original');
    const annonce = await api.post(`${base(d.id)}/pieces-jointes`, {
      as: P1, body: { nomFichier: 'devis.pdf', taille: octets.length, typeContenu: 'application/pdf', sha256: sha256(octets) },
    });
    expect(annonce.status).toBe(201);
    const poster = async (b: Uint8Array) => {
      const form = new FormData();
      for (const [k, v] of Object.entries(annonce.body.upload.fields as Record<string, string>)) form.append(k, v);
      form.append('file', new Blob([Buffer.from(b)]), 'devis.pdf');
      const r = await fetch(annonce.body.upload.url, { method: 'POST', body: form });
      await r.arrayBuffer();
      return r.status;
    };
    const id = annonce.body.pieceJointe.id as string;
    expect(await poster(octets)).toBe(204);
    expect((await verdict({ as: P1 }, d.id, id)).etat).toBe('valide');

    const piege = Buffer.alloc(octets.length, 0x20);
    EICAR.copy(piege);
    expect(await poster(piege)).toBe(204);
    let pj = await messagerieRepository.lirePieceJointe(d.id, id);
    for (let i = 0; i < 100 && !pj?.ecrituresRefusees; i++) {
      await new Promise((ok) => setTimeout(ok, 50));
      pj = await messagerieRepository.lirePieceJointe(d.id, id);
    }
    expect(pj).toMatchObject({ etat: 'valide', sha256: sha256(octets), ecrituresRefusees: 1, derniereEcritureRefusee: { sha256: sha256(piege) } });
    const lien = await api.get(`${base(d.id)}/pieces-jointes/${id}/telechargement`, { as: P1 });
    expect(lien.status).toBe(200);
    expect(sha256(new Uint8Array(await (await fetch(lien.body.url)).arrayBuffer()))).toBe(sha256(octets));
  });
});

describe('private annotations', () => {
  it('are written and read by OI staff, and never appear in any answer to a porteur', async () => {
    const d = await dossierDepose(api, aapId, 'HP2');
    const marque = `ANNOTATION-PRIVEE-${Date.now()}`;
    const a = await api.post(`/dossiers/${d.id}/annotations`, { as: GESTIONNAIRE, body: { texte: `${marque} : budget à vérifier.` } });
    expect(a.status).toBe(201);
    expect((await api.get(`/dossiers/${d.id}/annotations`, { as: OI })).body.items).toEqual([expect.objectContaining({ texte: `${marque} : budget à vérifier.` })]);
    const refus = await api.get(`/dossiers/${d.id}/annotations`, { as: P1 });
    expect(refus.status).toBe(403);
    expect(JSON.stringify(refus.body)).not.toContain(marque);
    expect((await api.post(`/dossiers/${d.id}/annotations`, { as: P1, body: { texte: 'Note' } })).status).toBe(403);

    // A message so that the messagerie routes have something to return.
    const fil = (await api.post(`${base(d.id)}/fils`, { as: GESTIONNAIRE, body: { sujet: 'Question', texte: 'Précisez le budget.' } })).body.fils[0];
    const reponses: Array<[string, unknown]> = [
      ['POST fil', (await api.post(`${base(d.id)}/fils`, { as: P1, body: { sujet: 'Autre', texte: 'Bonjour' } })).body],
      ['POST message', (await api.post(`${base(d.id)}/fils/${fil.id}/messages`, { as: P1, body: { texte: 'Voici.' } })).body],
      ['PUT lecture', (await api.put(`${base(d.id)}/fils/${fil.id}/lecture`, { as: P1, body: { jusqua: fil.messages[0].id } })).body],
      ['GET /dossiers', (await api.get('/dossiers', { as: P1 })).body],
    ];
    // Every porteur-facing GET of the manifest on this dossier.
    const lectures = (routes as readonly RouteDefinition[]).filter(
      (r) => r.method === 'GET' && r.path.startsWith('/dossiers/{id}') && !/\{(?!id\})/.test(r.path) && ['dossier.lire', 'message.lire'].includes(r.action ?? ''),
    );
    expect(lectures.map((r) => r.path)).toEqual(expect.arrayContaining(['/dossiers/{id}', '/dossiers/{id}/messagerie', '/dossiers/{id}/evenements']));
    for (const r of lectures) reponses.push([r.path, (await api.get(r.path.replace('{id}', d.id), { as: P1 })).body]);
    for (const [route, corps] of reponses) {
      const texte = corps instanceof Uint8Array ? Buffer.from(corps).toString('latin1') : JSON.stringify(corps);
      expect(texte, route).not.toContain(marque);
    }
  });
});

describe('« message reçu » e-mails', () => {
  it('reach the porteur’s organisation for a message of the OI, and the agents of the thread for the porteur’s answer', async () => {
    const d = await dossierDepose(api, aapId, 'HP2');
    const sujet = new RegExp(`Nouveau message sur le dossier ${d.reference.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
    const fil = (await api.post(`${base(d.id)}/fils`, { as: GESTIONNAIRE, body: { sujet: 'RIB', texte: 'Le RIB est-il à jour ?' } })).body.fils[0];
    const auPorteur = await attendreCourriel(g, P1, sujet);
    expect(auPorteur.texte).toContain(`${g.url}/dossiers/${d.id}`);
    expect(auPorteur.texte).toContain('RIB');
    expect((await courriels(g, GESTIONNAIRE)).filter((c) => sujet.test(c.sujet))).toEqual([]);

    await api.post(`${base(d.id)}/fils/${fil.id}/messages`, { as: P1, body: { texte: 'Oui, depuis janvier.' } });
    const aLAgent = await attendreCourriel(g, GESTIONNAIRE, sujet);
    expect(aLAgent.texte).toContain(`${g.url}/gestion/dossiers/${d.id}`);
    expect((await courriels(g, OI)).filter((c) => sujet.test(c.sujet))).toEqual([]);
  });

  it('reach the dossier’s instructeur and followers when the porteur opens a thread no agent has written in', async () => {
    const d = await dossierDepose(api, aapId, 'HP2');
    const sujet = new RegExp(`Nouveau message sur le dossier ${d.reference.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
    expect((await api.put(`/dossiers/${d.id}/instructeur`, { as: GESTIONNAIRE, body: { instructeur: 'moi' } })).status).toBe(200);
    expect((await api.put(`/dossiers/${d.id}/suivi`, { as: OI, body: { suivre: true } })).status).toBe(200);
    await api.post(`${base(d.id)}/fils`, { as: P1, body: { sujet: 'Question sur le plan', texte: 'Peut-on ajouter un cofinancement ?' } });
    for (const agent of [GESTIONNAIRE, OI]) expect((await attendreCourriel(g, agent, sujet)).texte).toContain(`${g.url}/gestion/dossiers/${d.id}`);
    // The porteur, author of the message, is not told about it.
    expect((await courriels(g, P1)).filter((c) => sujet.test(c.sujet))).toEqual([]);
  });
});
