import { useCallback, useEffect, useState } from 'react';
import type { z } from 'zod';
import { fermerSession, sessionCourante } from './auth';
import { avecNouvelsEssais } from './nouvel-essai';

export interface DetailErreur {
  chemin: string;
  message: string;
}

/** An error answered by the API (`{ code, message, details? }`) or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: DetailErreur[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Any failure as an ApiError: network errors and bugs read « Erreur inattendue. ». */
export const enErreur = (e: unknown): ApiError => (e instanceof ApiError ? e : new ApiError(0, 'INCONNUE', 'Erreur inattendue.'));

export interface Options {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  /** Send the bearer token of the current session. */
  auth?: boolean;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** Parse, don't cast: every answer goes through the shared zod schema of the route. */
export type Schema<T> = z.ZodType<T, unknown>;

export function lireErreur(status: number, corps: unknown): ApiError {
  if (typeof corps === 'object' && corps !== null) {
    const c = corps as Record<string, unknown>;
    if (typeof c.message === 'string') {
      const details = Array.isArray(c.details)
        ? c.details.filter(
            (d): d is DetailErreur =>
              typeof d === 'object' && d !== null && typeof d.chemin === 'string' && typeof d.message === 'string',
          )
        : [];
      return new ApiError(status, typeof c.code === 'string' ? c.code : `HTTP_${status}`, c.message, details);
    }
  }
  const message =
    status === 401
      ? 'Votre session a expiré : reconnectez-vous.'
      : status === 403
        ? 'Vous n’avez pas les droits nécessaires pour cette action.'
        : status === 404
          ? 'Page ou ressource introuvable.'
          : status === 503
            ? 'Service momentanément indisponible : réessayez dans quelques instants.'
            : `Erreur inattendue du serveur (HTTP ${status}).`;
  return new ApiError(status, `HTTP_${status}`, message);
}

/** Calls `/api<path>`, parses the JSON body with `schema` and returns it with the status; throws ApiError otherwise. */
export async function api<T>(
  path: string,
  schema: Schema<T>,
  options: Options = {},
): Promise<{ data: T; status: number; headers: Headers }> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const session = options.auth ? sessionCourante() : null;
  if (session) headers.Authorization = `Bearer ${session.token}`;
  let reponse: Response;
  try {
    const methode = options.method ?? 'GET';
    // A 503 (storage down) is retried after its Retry-After when the request can be replayed (see nouvel-essai.ts).
    reponse = await avecNouvelsEssais(
      () =>
        fetch(`/api${path}`, {
          method: methode,
          headers,
          body: options.body === undefined ? undefined : JSON.stringify(options.body),
          signal: options.signal,
        }),
      { methode, entetes: headers, ...(options.signal ? { signal: options.signal } : {}) },
    );
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'RESEAU', 'Le serveur est injoignable. Vérifiez votre connexion puis réessayez.');
  }
  const texte = await reponse.text();
  let corps: unknown = null;
  try {
    corps = texte ? JSON.parse(texte) : null;
  } catch {
    corps = null;
  }
  if (!reponse.ok) {
    if (reponse.status === 401 && options.auth) fermerSession();
    throw lireErreur(reponse.status, corps);
  }
  const lu = schema.safeParse(corps);
  if (!lu.success) {
    console.warn(`Réponse inattendue de ${path}`, lu.error.issues);
    throw new ApiError(reponse.status, 'REPONSE_INVALIDE', 'Le serveur a répondu dans un format inattendu.');
  }
  return { data: lu.data, status: reponse.status, headers: reponse.headers };
}

export interface Chargement<T> {
  data: T | null;
  erreur: ApiError | null;
  chargement: boolean;
  recharger: () => void;
}

/** Loads `/api<path>` whenever `path` changes; `null` path loads nothing. */
export function useApi<T>(path: string | null, schema: Schema<T>, auth = false): Chargement<T> {
  const [etat, setEtat] = useState<{ data: T | null; erreur: ApiError | null; chargement: boolean }>({
    data: null,
    erreur: null,
    chargement: path !== null,
  });
  const [tour, setTour] = useState(0);
  useEffect(() => {
    if (path === null) return;
    const ctrl = new AbortController();
    setEtat((e) => ({ ...e, chargement: true, erreur: null }));
    api(path, schema, { auth, signal: ctrl.signal })
      .then(({ data }) => setEtat({ data, erreur: null, chargement: false }))
      .catch((e: unknown) => {
        if (ctrl.signal.aborted) return;
        const erreur = enErreur(e);
        setEtat({ data: null, erreur, chargement: false });
      });
    return () => ctrl.abort();
    // The schema is a module constant at every call site.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [path, auth, tour]);
  const recharger = useCallback(() => setTour((t) => t + 1), []);
  return { ...etat, recharger };
}
