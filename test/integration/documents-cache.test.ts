/**
 * Render once (issue 17): generated documents are written to the bucket the first time, under a key that is the hash of
 * the code and the render's inputs, then read from it; a short-lived link is issued only after the authorisation check.
 * Real s3rver and DynamoDB Local; fresh renders go through the template functions themselves.
 */
import { HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Guichet } from '#local/server';
import { aapDemo } from '#local/seed';
import { lireAvecPlies } from '#shared/domain/aap/use-cases';
import { accuse } from '#shared/domain/dossier/use-cases';
import { contexteAap, contexteDossier } from '#shared/http/contexte';
import { s3 } from '#shared/storage/s3';
import { nombreRendus } from '#shared/storage/documents';
import { ecouterAppels } from '#shared/repositories/clients';
import { renderAapDocument } from '#templates/aap-document';
import { renderAccuseDepot } from '#templates/accuse-depot';
import { client, demarrerGuichet } from './helpers';
import { aapOuvert } from './dossiers-helpers';
import { dossierDepose } from './comite-helpers';
import { sha256 } from './pieces-helpers';

let g: Guichet;
let api: ReturnType<typeof client>;
const OI = 'oi@guichet.test';
const P1 = 'porteur@guichet.test';
const P2 = 'porteur2@guichet.test';

beforeAll(async () => {
  g = await demarrerGuichet({ seed: true });
  api = client(g);
});
afterAll(async () => g?.stop());

const contenu = (reference: string) => JSON.parse(JSON.stringify({ ...aapDemo(new Date()), reference }));
const octets = (r: { body: unknown }) => Buffer.from(r.body as Uint8Array);

/** The objects cached for one entity: key and LastModified. */
async function caches(type: string, id: string) {
  const r = await s3().send(new ListObjectsV2Command({ Bucket: g.bucketName, Prefix: `documents/${type}/${id}/` }));
  return (r.Contents ?? []).map((o) => ({ cle: o.Key!, modifie: o.LastModified!.getTime() }));
}

/** The AAP PDF as a fresh render would make it now, through the template function. */
async function rendreAap(id: string) {
  const { aap, plies, dateDocument } = await lireAvecPlies(contexteAap({ maintenant: new Date() }), id);
  return Buffer.from(await renderAapDocument(aap, { genereLe: dateDocument, plies }));
}

describe('the AAP PDF, rendered once per content', () => {
  let id: string;
  let version: number;

  beforeAll(async () => {
    const cree = await api.post('/aaps', { as: OI, body: contenu('AAP-CACHE-1') });
    id = cree.body.id;
    version = (await api.post(`/aaps/${id}/publication`, { as: OI, body: {} })).body.version;
  });

  it('writes the first render to the bucket, byte-identical to a fresh render, and never renders it again', async () => {
    const avant = nombreRendus();
    const premier = await api.get(`/aaps/${id}/document.pdf`);
    expect(premier.status).toBe(200);
    expect(premier.headers.get('content-type')).toBe('application/pdf');
    expect(premier.headers.get('x-guichet-document')).toBe('rendu');
    expect(nombreRendus()).toBe(avant + 1);
    expect(octets(premier).equals(await rendreAap(id))).toBe(true);
    const [objet] = await caches('aap', id);
    expect(objet?.cle).toMatch(new RegExp(`^documents/aap/${id}/[0-9a-f]{64}\\.pdf$`));

    const second = await api.get(`/aaps/${id}/document.pdf`);
    expect(second.headers.get('x-guichet-document')).toBe('cache');
    expect(octets(second).equals(octets(premier))).toBe(true);
    expect(nombreRendus()).toBe(avant + 1);
    expect(await caches('aap', id)).toEqual([objet]);
    const tete = await s3().send(new HeadObjectCommand({ Bucket: g.bucketName, Key: objet!.cle }));
    expect(tete.Metadata?.sha256).toBe(sha256(octets(premier)));
  });

  it('gives a 5-minute presigned link to the same bytes, or a 303 to it for a plain link', async () => {
    const avant = nombreRendus();
    const lien = await api.get(`/aaps/${id}/document.pdf?lien=json`);
    expect(lien.status).toBe(200);
    expect(lien.headers.get('x-guichet-document')).toBe('cache');
    expect(lien.body).toEqual({ url: expect.stringMatching(/X-Amz-Expires=300/), expireDans: 300, expireLe: expect.any(String), octets: expect.any(Number), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const fichier = await fetch(lien.body.url);
    expect(fichier.status).toBe(200);
    const lus = Buffer.from(await fichier.arrayBuffer());
    expect(lus.equals(await rendreAap(id))).toBe(true);
    expect([lus.length, sha256(lus)]).toEqual([lien.body.octets, lien.body.sha256]);
    expect(fichier.headers.get('content-type')).toBe('application/pdf');
    expect(fichier.headers.get('content-disposition')).toMatch(/^attachment; filename="AAP-CACHE-1-v\d+\.pdf"; filename\*=UTF-8''AAP-CACHE-1-v\d+\.pdf$/);

    const redirection = await fetch(`${g.url}/api/aaps/${id}/document.pdf?lien=redirection`, { redirect: 'manual' });
    expect(redirection.status).toBe(303);
    const suivie = await fetch(redirection.headers.get('location')!);
    expect(Buffer.from(await suivie.arrayBuffer()).equals(lus)).toBe(true);
    // A plain link shows the AAP in the browser, as the route's own answer does; the app's link saves it.
    expect(suivie.headers.get('content-disposition')).toMatch(/^inline; filename="AAP-CACHE-1-v\d+\.pdf"/);
    expect(nombreRendus()).toBe(avant);
  });

  it('asks S3 once whether a document is there: a warm process then issues its links without a HEAD', async () => {
    const heads: string[] = [];
    const nom = `compteHeads-${Date.now()}`;
    s3().middlewareStack.add((next, context) => async (args) => {
      if (context.commandName === 'HeadObjectCommand') heads.push(String((args.input as { Key?: string }).Key));
      return next(args);
    }, { step: 'initialize', name: nom });
    try {
      const nouveau = (await api.post('/aaps', { as: OI, body: contenu('AAP-CACHE-HEAD') })).body.id as string;
      await api.post(`/aaps/${nouveau}/publication`, { as: OI, body: {} });
      const liens = [];
      for (let i = 0; i < 3; i++) liens.push(await api.get(`/aaps/${nouveau}/document.pdf?lien=json`));
      expect(liens.map((l) => [l.status, l.headers.get('x-guichet-document')])).toEqual([[200, 'rendu'], [200, 'cache'], [200, 'cache']]);
      expect(new Set(liens.map((l) => l.body.sha256)).size).toBe(1);
      // One HEAD (absent, then rendered and written): the two later links come from what the write recorded.
      expect(heads.filter((k) => k.startsWith(`documents/aap/${nouveau}/`))).toHaveLength(1);
      const suivi = await fetch(liens[2]!.body.url);
      expect(sha256(Buffer.from(await suivi.arrayBuffer()))).toBe(liens[0]!.body.sha256);
    } finally {
      s3().middlewareStack.remove(nom);
    }
  });

  it('finds a cached AAP PDF from its header’s small attributes and the PLIE: the whole AAP is not read', async () => {
    const ecoute = ecouterAppels();
    try {
      const r = await fetch(`${g.url}/api/aaps/${id}/document.pdf?lien=redirection`, { redirect: 'manual' });
      expect(r.status).toBe(303);
    } finally {
      ecoute.arreter();
    }
    const lectures = ecoute.appels.filter((a) => a.cles.some((c) => c.startsWith(`AAP#${id}`)));
    expect(lectures.map((a) => [a.operation, a.cles])).toEqual([['GetItem', [`AAP#${id}/META`]]]);
    expect(lectures[0]!.projection).toBeTruthy();
    // The AAP's OI already seen by this process: its PLIE are asked for before the header has answered, not after,
    // without their texts (tens of kilobytes each, neither read nor hashed).
    expect(ecoute.appels.map((a) => a.operation).slice(0, 2)).toEqual(['Query', 'GetItem']);
    expect(ecoute.appels[0]).toMatchObject({ index: 'gsi1', projection: '#id, #oi, #nom, #site, #v' });
  });

  it('renders a rectificatif’s new version under a new key, the old one left as it was', async () => {
    const ancien = octets(await api.get(`/aaps/${id}/document.pdf`));
    const [objet] = await caches('aap', id);
    const c = contenu('AAP-CACHE-1');
    c.titre = 'Titre rectifié de l’appel à projets';
    const r = await api.post(`/aaps/${id}/rectificatifs`, { as: OI, body: { motif: 'Titre corrigé', contenu: c }, headers: { 'if-match': String(version) } });
    expect(r.status).toBe(201);

    const lien = await api.get(`/aaps/${id}/document.pdf?lien=json`);
    expect(lien.headers.get('x-guichet-document')).toBe('rendu');
    const nouveau = Buffer.from(await (await fetch(lien.body.url)).arrayBuffer());
    expect(nouveau.equals(ancien)).toBe(false);
    expect(nouveau.equals(await rendreAap(id))).toBe(true);
    const apres = await caches('aap', id);
    expect(apres).toHaveLength(2);
    expect(apres).toContainEqual(objet);
    expect(octets(await api.get(`/aaps/${id}/document.pdf`)).equals(nouveau)).toBe(true);
  });

  it('renders again when a PLIE the AAP names changes (a new PLIE version), as a fresh render would', async () => {
    const avant = await caches('aap', id);
    const premier = await api.get(`/aaps/${id}/document.pdf?lien=json`);
    expect(premier.headers.get('x-guichet-document')).toBe('cache');
    const { body: aap } = await api.get(`/aaps/${id}`);
    const { body: plie } = await api.get(`/plies/${aap.plies[0]}`);
    const { id: _i, oi: _o, version: v, modifieLe: _m, ...corps } = plie;
    const r = await api.put(`/plies/${plie.id}`, { as: OI, body: { ...corps, gouvernance: `${corps.gouvernance}\n\nComité de pilotage renouvelé.` }, headers: { 'if-match': `"${v}"` } });
    expect(r.status).toBe(200);

    const lien = await api.get(`/aaps/${id}/document.pdf?lien=json`);
    expect(lien.headers.get('x-guichet-document')).toBe('rendu');
    expect(lien.body.sha256).not.toBe(premier.body.sha256);
    expect(Buffer.from(await (await fetch(lien.body.url)).arrayBuffer()).equals(await rendreAap(id))).toBe(true);
    expect(await caches('aap', id)).toHaveLength(avant.length + 1);
    expect((await api.get(`/aaps/${id}/document.pdf?lien=json`)).headers.get('x-guichet-document')).toBe('cache');
  });

  it('issues no link for a draft: the same 404 as before, nothing rendered', async () => {
    const brouillon = (await api.post('/aaps', { as: OI, body: contenu('AAP-CACHE-BROUILLON') })).body.id;
    const avant = nombreRendus();
    for (const lien of ['', '?lien=json', '?lien=redirection']) {
      const r = await api.get(`/aaps/${brouillon}/document.pdf${lien}`);
      expect([r.status, r.body.code, r.body.url]).toEqual([404, 'AAP_INTROUVABLE', undefined]);
      expect(r.headers.get('location')).toBeNull();
    }
    expect(nombreRendus()).toBe(avant);
    expect(await caches('aap', brouillon)).toEqual([]);
    expect((await api.get(`/aaps/${id}/document.pdf?lien=autre`)).status).toBe(400);
  });
});

describe('a dossier’s accusé de dépôt', () => {
  it('serves the cached receipt to its organisation only: another porteur gets 404 and no URL', async () => {
    const aap = await aapOuvert(api);
    const d = await dossierDepose(api, aap.id, 'HP1');
    const avant = nombreRendus();
    const refus = await api.get(`/dossiers/${d.id}/accuse-depot.pdf?lien=json`, { as: P2 });
    expect([refus.status, refus.body.url]).toEqual([404, undefined]);
    expect(await caches('accuse-depot', d.id)).toEqual([]);

    const lien = await api.get(`/dossiers/${d.id}/accuse-depot.pdf?lien=json`, { as: P1 });
    expect(lien.status).toBe(200);
    expect(nombreRendus()).toBe(avant + 1);
    const lus = Buffer.from(await (await fetch(lien.body.url)).arrayBuffer());
    const actor = { userId: 'demo-porteur', email: P1, roles: ['porteur' as const], oi: null, prenom: 'Sophie', nom: 'Lefèvre' };
    const entrees = await accuse(contexteDossier({ maintenant: new Date(), nouvelId: () => 'x' }), actor, d.id);
    expect(lus.equals(Buffer.from(await renderAccuseDepot(entrees)))).toBe(true);
    const pdf = await api.get(`/dossiers/${d.id}/accuse-depot.pdf`, { as: P1 });
    expect(pdf.headers.get('x-guichet-document')).toBe('cache');
    expect(octets(pdf).equals(lus)).toBe(true);
    expect(nombreRendus()).toBe(avant + 1);
    // Once the receipt is cached, still nothing for another porteur: no bytes, no link, no redirection.
    for (const lien of ['', '?lien=json', '?lien=redirection']) {
      const r = await api.get(`/dossiers/${d.id}/accuse-depot.pdf${lien}`, { as: P2 });
      expect([r.status, r.body.code, r.body.url, r.headers.get('location')]).toEqual([404, 'DOSSIER_INTROUVABLE', undefined, null]);
    }
    expect((await api.get(`/dossiers/${d.id}/accuse-depot.pdf?lien=json`)).status).toBe(401);
  });
});
