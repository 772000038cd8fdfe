/**
 * Render once: the generated documents (pdf-lib, templates/) are cached in the private bucket under
 * `documents/<kind>/<entity id>/<identity>.pdf` (the `documents/` prefix: its own lifecycle rule and grant, see
 * infra/definitions.ts `BUCKET.documentsPrefix`).
 *
 * The identity is the SHA-256 of what fully determines the bytes: the running code (templates, fonts, domain rules)
 * and the canonical serialisation of the render's inputs, i.e. the very object the template function receives. It is
 * chosen over « id + version » because most documents print more than one entity (the AAP PDF prints the PLIE; an
 * accusé prints the AAP and its fiche; an ordre prints payments and the convention): a version of one item would miss
 * a change of another. A new AAP version, a new recovery on an ordre, a corrected programmation… change the inputs,
 * hence the key: a cached document is never stale, it is simply not found and rendered again. Templates read no clock
 * and no environment (their dates come from the inputs, pdf-lib's metadata is set from them), which is what makes the
 * bytes a function of the inputs; an input that held « now » would only make every request miss, never serve stale
 * bytes. The entity id in the key names what the document belongs to (hygiene, investigation), not its identity.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { bucketName, config } from '../config';
import { s3 } from './s3';

/** Where cached renders live (infra/definitions.ts `BUCKET.documentsPrefix`, not imported: no infra code at runtime). */
export const PREFIXE_DOCUMENTS = 'documents/';

export const TYPES_DOCUMENT = [
  'aap', 'accuse-depot', 'accuse-complements', 'rapport-instruction', 'lettre-decision', 'proces-verbal', 'rapport-csf',
  'ordre-reversement', 'convention-projet',
] as const;
export type TypeDocument = (typeof TYPES_DOCUMENT)[number];

const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

let empreinte: string | undefined;

/**
 * The SHA-256 of a function's bundle, from the path of one of its files: the directory holding `index.mjs` (this file's,
 * or its parent's for a file of `chunks/`), every `.mjs` under it in name order, each name and length hashed before its
 * bytes so that no two bundles hash alike by moving bytes between files.
 */
export function empreinteBundle(fichier: string): string {
  let racine = dirname(fichier);
  if (basename(racine) === 'chunks') racine = dirname(racine);
  const fichiers = [
    ...readdirSync(racine).filter((f) => f.endsWith('.mjs')),
    ...(existsSync(join(racine, 'chunks')) ? readdirSync(join(racine, 'chunks')).filter((f) => f.endsWith('.mjs')).map((f) => join('chunks', f)) : []),
  ].sort();
  const h = createHash('sha256');
  for (const f of fichiers) {
    const octets = readFileSync(join(racine, f));
    h.update(`${f}\0${octets.length}\0`).update(octets);
  }
  return h.digest('hex');
}

/**
 * What identifies the code that renders. On Lambda it is the hash of every JS file of the function's bundle
 * (`index.mjs` and its chunks, infra/bundling.ts), whose bytes hold every line a render runs (templates, embedded
 * fonts, domain rules): a deployment that changes any of them changes every key, so a template fix is never hidden
 * behind a cached render. This module's own chunk would not do: the templates live in chunks of their own. Elsewhere
 * (local runtime, tests) sources can change between two runs on the same bucket: a value of its own per process,
 * never a render of older code.
 */
export function empreinteCode(): string {
  if (empreinte) return empreinte;
  if (config().AWS_LAMBDA_FUNCTION_NAME) {
    try {
      empreinte = empreinteBundle(fileURLToPath(import.meta.url));
    } catch {
      // No readable bundle: the per-process value below is as exact, it only shares less.
    }
  }
  empreinte ??= `processus-${randomUUID()}`;
  return empreinte;
}

/**
 * A serialisation that tells apart every two inputs a template could render differently: keys in their order (a
 * template iterating an object prints them in that order), dates, bytes, -0, non-finite numbers and `undefined`
 * members kept distinct. Anything else (a Map, a class instance, a function) has no exact serialisation here: it
 * throws, and the caller renders without caching rather than guess.
 */
export function canonique(v: unknown): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return JSON.stringify(v);
    case 'number':
      return Number.isFinite(v) && !Object.is(v, -0) ? JSON.stringify(v) : `{"$nombre":"${Object.is(v, -0) ? '-0' : String(v)}"}`;
    case 'undefined':
      return '{"$indefini":true}';
    case 'object': {
      if (v instanceof Date) return `{"$date":${JSON.stringify(Number.isNaN(v.getTime()) ? 'invalide' : v.toISOString())}}`;
      if (v instanceof Uint8Array) return `{"$octets":"${Buffer.from(v).toString('base64')}"}`;
      if (Array.isArray(v)) return `[${v.map(canonique).join(',')}]`;
      const proto = Object.getPrototypeOf(v) as unknown;
      if (proto !== Object.prototype && proto !== null) throw new Error(`Entrée de document sans forme canonique : ${(v as object).constructor?.name ?? 'objet'}`);
      return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}:${canonique(x)}`).join(',')}}`;
    }
    default:
      throw new Error(`Entrée de document sans forme canonique : ${typeof v}`);
  }
}

/** The key of a document: kind, the entity it belongs to, the SHA-256 of code + kind + inputs. */
export function cleDocument(type: TypeDocument, id: string, entrees: unknown): string {
  // A key segment for hygiene only (the hash is the identity): any other character is replaced.
  const segment = id.normalize('NFD').replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64) || '_';
  return `${PREFIXE_DOCUMENTS}${type}/${segment}/${sha256(`${empreinteCode()}\n${type}\n${canonique(entrees)}`)}.pdf`;
}

export function lireCleDocument(cle: string): { type: TypeDocument; id: string } | null {
  const m = /^documents\/([a-z-]+)\/([A-Za-z0-9_-]{1,64})\/[0-9a-f]{64}\.pdf$/.exec(cle);
  return m && (TYPES_DOCUMENT as readonly string[]).includes(m[1]!) ? { type: m[1] as TypeDocument, id: m[2]! } : null;
}

/** Renders performed by this process (the integration tests check that a cached document is not rendered again). */
let rendus = 0;
export const nombreRendus = () => rendus;

const introuvable = (e: unknown) =>
  ['NotFound', 'NoSuchKey'].includes((e as { name?: string }).name ?? '') || (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404;

export interface Fiche {
  cle: string;
  octets: number;
  sha256: string;
}

/** Days after which the bucket's lifecycle removes a cached document (infra/definitions.ts `documentsExpirationDays`). */
export const EXPIRATION_DOCUMENTS_JOURS = 30;
const JOUR_MS = 86_400_000;
const CONNUS_MAX = 512;

/**
 * Documents this process knows to be in the bucket, with the time until which that stays true: a key names its
 * content, so an object found stays the same until the lifecycle removes it, `EXPIRATION_DOCUMENTS_JOURS` after it was
 * written; a day's margin is kept. A warm function serves a document asked again without asking S3 (no HEAD), and a
 * process never serves a link to an object that may have expired. Bounded: the oldest entry goes first.
 */
const connus = new Map<string, { fiche: Fiche; jusqua: number }>();
function retenir(fiche: Fiche, ecritLe: number): void {
  const jusqua = ecritLe + (EXPIRATION_DOCUMENTS_JOURS - 1) * JOUR_MS;
  if (jusqua <= Date.now()) return;
  connus.delete(fiche.cle);
  connus.set(fiche.cle, { fiche, jusqua });
  if (connus.size > CONNUS_MAX) connus.delete(connus.keys().next().value!);
}

/** Size and SHA-256 of a cached document, or null when it is not (yet) in the bucket. */
export async function ficheDocument(cle: string): Promise<Fiche | null> {
  const connu = connus.get(cle);
  if (connu && connu.jusqua > Date.now()) return connu.fiche;
  try {
    const r = await s3().send(new HeadObjectCommand({ Bucket: bucketName(), Key: cle }));
    const fiche = { cle, octets: r.ContentLength ?? 0, sha256: r.Metadata?.sha256 ?? '' };
    if (fiche.sha256) retenir(fiche, r.LastModified?.getTime() ?? 0);
    return fiche;
  } catch (e) {
    if (introuvable(e)) return null;
    throw e;
  }
}

/** The bytes of a cached document, or null when it is not in the bucket. */
export async function lireDocument(cle: string): Promise<Uint8Array | null> {
  try {
    const r = await s3().send(new GetObjectCommand({ Bucket: bucketName(), Key: cle }));
    return r.Body ? await r.Body.transformToByteArray() : null;
  } catch (e) {
    if (introuvable(e)) return null;
    throw e;
  }
}

/**
 * Renders and writes a document under its key. `If-None-Match: *`: two first requests at once render the same bytes,
 * the second write is refused (412) instead of piling an identical noncurrent version on the versioned bucket.
 */
export async function rendreEtConserver<T>(cle: string, entrees: T, rendre: (e: T) => Promise<Uint8Array>): Promise<{ octets: Uint8Array; fiche: Fiche }> {
  if (!lireCleDocument(cle)) throw new Error(`Clé de document refusée : ${cle}`);
  rendus++;
  const octets = await rendre(entrees);
  const fiche = { cle, octets: octets.length, sha256: sha256(octets) };
  try {
    await s3().send(new PutObjectCommand({
      Bucket: bucketName(), Key: cle, Body: octets, ContentLength: octets.length, ContentType: 'application/pdf',
      Metadata: { sha256: fiche.sha256 }, IfNoneMatch: '*',
    }));
    retenir(fiche, Date.now());
  } catch (e) {
    const statut = (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (statut !== 412 && statut !== 409) throw e;
  }
  return { octets, fiche };
}
