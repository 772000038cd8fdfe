/**
 * Serving a generated document from the cache (shared/storage/documents.ts), after the use case has authorised the
 * reader and loaded the render's inputs: nothing here runs before the authorisation check, so someone not allowed
 * gets the use case's 404/403 and no URL.
 *
 * Three ways to ask, chosen by the query's `lien` rather than by `Accept` (every client sends one, and a browser
 * navigating a link sends `text/html…`):
 * - no `lien`: the PDF bytes, as before (curl, tests, clients that just want the file); read from the cache, or
 *   rendered once and kept;
 * - `lien=json`: `{ url, expireDans, expireLe, octets, sha256 }`, a 5-minute presigned GET signed with the attachment
 *   name and `application/pdf`. The web app fetches this with its bearer token, then opens the URL: the browser goes to
 *   S3 by a navigation, without the Authorization header and without CORS. A fetch that followed a redirect to S3
 *   would carry neither reliably (the header is dropped or clashes with the signature; the bucket's CORS answers the
 *   app's origin only after a redirect that turned the request cross-origin);
 * - `lien=redirection`: 303 to that URL, for plain links (the public AAP PDF in the catalogue: no token to carry).
 */
import { urlTelechargement } from '../storage/s3';
import { cleDocument, ficheDocument, lireDocument, rendreEtConserver, type TypeDocument } from '../storage/documents';
import { dispositionTelechargement } from '../domain/piece/nom-fichier';
import type { LienDocumentGenere } from '../schemas/document';
import { logger } from './logger';
import { ok, pdf, type Reponse } from './response';

/** How long a document's link is valid (urlTelechargement's expiry): the time to follow it, as a pièce's. */
export const EXPIRATION_LIEN_S = 300;

export interface DocumentGenere<T> {
  type: TypeDocument;
  /** The entity the document belongs to (AAP, dossier, comité, ordre…): a key segment, not its identity. */
  id: string;
  /**
   * Exactly what `rendre` receives: its canonical form is hashed into the key. Or, where the inputs are large and a
   * few small attributes determine them (an AAP: its version), `identite` (hashed instead) with `charger`, called only
   * when the document has to be rendered.
   */
  entrees: T | EntreesDifferees<T>;
  rendre: (entrees: T) => Promise<Uint8Array>;
  nomFichier: string;
  inline?: boolean;
}

const DIFFEREES = Symbol('entrées différées');
export interface EntreesDifferees<T> {
  [DIFFEREES]: true;
  /** Everything the render depends on, small: whatever changes the bytes must change it (a version, a date). */
  identite: unknown;
  charger: () => Promise<T>;
}
export const entreesDifferees = <T>(identite: unknown, charger: () => Promise<T>): EntreesDifferees<T> => ({ [DIFFEREES]: true, identite, charger });
const estDifferee = <T>(e: T | EntreesDifferees<T>): e is EntreesDifferees<T> => typeof e === 'object' && e !== null && DIFFEREES in e;

const lienDe = (query: unknown): 'json' | 'redirection' | undefined => (query as { lien?: 'json' | 'redirection' } | undefined)?.lien;

/** The route's answer for a document whose reader has been authorised (see the module's comment). */
export async function servirDocument<T>(req: { query: unknown; maintenant: Date }, d: DocumentGenere<T>): Promise<Reponse> {
  const lien = lienDe(req.query);
  const source = d.entrees;
  const entrees = async (): Promise<T> => (estDifferee(source) ? source.charger() : source);
  let cle: string;
  try {
    cle = cleDocument(d.type, d.id, estDifferee(source) ? source.identite : source);
  } catch (e) {
    // Inputs without an exact identity are never cached: rendered as before.
    logger.warn('Document rendu sans cache', { type: d.type, erreur: (e as Error).message });
    // With `lien`, the PDF itself too: the web app's helper saves whichever it gets.
    return pdf(await d.rendre(await entrees()), d.nomFichier, d.inline);
  }
  if (!lien) {
    const lu = await lireDocument(cle);
    const octets = lu ?? (await rendreEtConserver(cle, await entrees(), d.rendre)).octets;
    const r = pdf(octets, d.nomFichier, d.inline);
    return { ...r, headers: { ...r.headers, 'x-guichet-document': lu ? 'cache' : 'rendu' } };
  }
  const lue = await ficheDocument(cle);
  const fiche = lue ?? (await rendreEtConserver(cle, await entrees(), d.rendre)).fiche;
  // Signed with the name and type S3 must answer with (as a pièce's download): an attachment for the app's link (saved),
  // inline for a plain link to a document shown in the browser (the AAP), as the route's own answer is.
  const disposition = dispositionTelechargement(d.nomFichier);
  const entetes = { 'x-guichet-document': lue ? 'cache' : 'rendu' };
  if (lien === 'redirection') {
    const url = await urlTelechargement(cle, d.inline === false ? disposition : disposition.replace(/^attachment;/, 'inline;'), 'application/pdf');
    return { status: 303, headers: { ...entetes, location: url } };
  }
  const url = await urlTelechargement(cle, disposition, 'application/pdf');
  const corps: LienDocumentGenere = {
    url, expireDans: EXPIRATION_LIEN_S, expireLe: new Date(req.maintenant.getTime() + EXPIRATION_LIEN_S * 1000).toISOString(),
    octets: fiche.octets, sha256: fiche.sha256,
  };
  return ok(corps, entetes);
}

/**
 * A document already kept in the bucket under a key named by its content (a convention as sent for signature, or
 * sealed): served the same three ways, never rendered; its size and SHA-256 are those recorded with it.
 */
export async function servirConserve(
  req: { query: unknown; maintenant: Date },
  d: { cle: string; octets: number; sha256: string; nomFichier: string; inline?: boolean; lire: () => Promise<Uint8Array> },
): Promise<Reponse> {
  const lien = lienDe(req.query);
  if (!lien) return pdf(await d.lire(), d.nomFichier, d.inline);
  const disposition = dispositionTelechargement(d.nomFichier);
  if (lien === 'redirection') {
    const url = await urlTelechargement(d.cle, d.inline === false ? disposition : disposition.replace(/^attachment;/, 'inline;'), 'application/pdf');
    return { status: 303, headers: { location: url } };
  }
  const corps: LienDocumentGenere = {
    url: await urlTelechargement(d.cle, disposition, 'application/pdf'), expireDans: EXPIRATION_LIEN_S,
    expireLe: new Date(req.maintenant.getTime() + EXPIRATION_LIEN_S * 1000).toISOString(), octets: d.octets, sha256: d.sha256,
  };
  return ok(corps);
}
