/** Files in the browser: authenticated downloads as blobs, SHA-256 of a file, uploads with progress. */
import { ApiError, lireErreur } from './api';
import { sessionCourante } from './auth';

/** `attachment; filename="a.pdf"` → `a.pdf` (also RFC 5987 `filename*=UTF-8''…`). */
export function nomDepuisDisposition(entete: string | null): string | null {
  if (!entete) return null;
  const etoile = /filename\*=UTF-8''([^;]+)/i.exec(entete);
  if (etoile) return decodeURIComponent(etoile[1]!);
  return /filename="?([^";]+)"?/i.exec(entete)?.[1] ?? null;
}

/** Saves a blob under `nom` through a temporary object URL. */
export function enregistrerBlob(blob: Blob, nom: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = nom;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * GET `/api<path>` with the bearer token (or POST `corps` as JSON, for a file computed from a form: the SEPA transfers)
 * and saves the answer as a file (PDF receipt, CSV and XLSX exports): a plain link cannot carry the Authorization header.
 */
export async function telechargerAvecJeton(path: string, nomParDefaut: string, corps?: unknown): Promise<string> {
  const session = sessionCourante();
  let reponse: Response;
  try {
    const auth: Record<string, string> = session ? { Authorization: `Bearer ${session.token}` } : {};
    reponse = await fetch(`/api${path}`, corps === undefined
      ? { headers: auth }
      : { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify(corps) });
  } catch {
    throw new ApiError(0, 'RESEAU', 'Le serveur est injoignable. Vérifiez votre connexion puis réessayez.');
  }
  if (!reponse.ok) {
    let corps: unknown = null;
    try {
      corps = await reponse.json();
    } catch {
      corps = null;
    }
    throw lireErreur(reponse.status, corps);
  }
  const nom = nomDepuisDisposition(reponse.headers.get('content-disposition')) ?? nomParDefaut;
  enregistrerBlob(await reponse.blob(), nom);
  return nom;
}

/** Follows a URL by a navigation (a download when it is signed as an attachment): no header, no CORS. */
export function ouvrirLien(url: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.rel = 'noopener';
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
}

/**
 * A generated document (PDF), rendered once and kept by the server: asks with the token for its short-lived link
 * (`?lien=json`, issued after the authorisation check: the same 403/404 as the PDF), then opens that link. The browser
 * reaches S3 by a navigation, which carries no Authorization header and needs no CORS, and S3 answers as an attachment
 * under the document's name (signed into the URL). Not a fetch of the PDF route following a redirect: the token would
 * be dropped or clash with the signature, and the bucket's CORS would have to answer the app after a cross-origin hop.
 * A route that answers the PDF itself (a document not cached) is saved as a blob, as telechargerAvecJeton does.
 */
export async function telechargerDocument(path: string, nomParDefaut: string): Promise<string> {
  const session = sessionCourante();
  let reponse: Response;
  try {
    reponse = await fetch(`/api${path}${path.includes('?') ? '&' : '?'}lien=json`, {
      headers: { Accept: 'application/json, application/pdf', ...(session ? { Authorization: `Bearer ${session.token}` } : {}) },
    });
  } catch {
    throw new ApiError(0, 'RESEAU', 'Le serveur est injoignable. Vérifiez votre connexion puis réessayez.');
  }
  const type = reponse.headers.get('content-type') ?? '';
  if (!reponse.ok) {
    throw lireErreur(reponse.status, type.includes('json') ? await reponse.json().catch(() => null) : null);
  }
  if (type.includes('json')) {
    const { url } = (await reponse.json()) as { url?: unknown };
    if (typeof url !== 'string' || !/^https?:\/\//.test(url)) throw new ApiError(0, 'LIEN_INVALIDE', 'Le lien du document est invalide : réessayez.');
    ouvrirLien(url);
    return nomParDefaut;
  }
  const nom = nomDepuisDisposition(reponse.headers.get('content-disposition')) ?? nomParDefaut;
  enregistrerBlob(await reponse.blob(), nom);
  return nom;
}

/** SHA-256 of a file, in lowercase hexadecimal, computed in the browser. */
export async function empreinteSha256(fichier: Blob): Promise<string> {
  const h = await crypto.subtle.digest('SHA-256', await fichier.arrayBuffer());
  return Array.from(new Uint8Array(h), (o) => o.toString(16).padStart(2, '0')).join('');
}

/**
 * Posts `fichier` to a presigned POST: every field first, the file last (S3 ignores fields after it). XMLHttpRequest
 * rather than fetch, because only XHR reports upload progress.
 */
export function envoyerPresigne(
  url: string,
  fields: Record<string, string>,
  fichier: File,
  progression: (envoye: number, total: number) => void,
): Promise<void> {
  return new Promise((resoudre, rejeter) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', fichier, fichier.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.upload.onprogress = (e) => progression(e.loaded, e.lengthComputable ? e.total : fichier.size);
    xhr.onload = () =>
      xhr.status >= 200 && xhr.status < 300
        ? resoudre()
        : rejeter(new ApiError(xhr.status, `STOCKAGE_${xhr.status}`, `Le stockage a refusé le fichier (HTTP ${xhr.status}).`));
    xhr.onerror = () => rejeter(new ApiError(0, 'RESEAU', 'L’envoi du fichier a échoué : vérifiez votre connexion puis réessayez.'));
    xhr.send(form);
  });
}

/** « 1,2 Mo », « 350 ko », « 820 octets ». */
export function formatTaille(octets: number): string {
  const f = (n: number) => new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format(n);
  if (octets >= 1024 * 1024) return `${f(octets / 1024 / 1024)}\u00a0Mo`;
  if (octets >= 1024) return `${f(octets / 1024)}\u00a0ko`;
  return `${octets}\u00a0octet${octets > 1 ? 's' : ''}`;
}
