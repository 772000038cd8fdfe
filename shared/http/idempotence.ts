import { canonique, sha256 } from '../domain/dossier/dossier';
import { RequeteInvalide } from '../domain/errors';
import type { DemandeIdempotente } from '../domain/idempotence';
import type { RouteKey } from './routes';

/** The client's Idempotency-Key: a retry with the same key gets the first answer. */
export function cleIdempotence(headers: Record<string, string>): string {
  const cle = headers['idempotency-key']?.trim();
  if (!cle) throw new RequeteInvalide('IDEMPOTENCY_KEY_REQUISE', 'Ajoutez un en-tête Idempotency-Key (par exemple un UUID) pour que le dépôt ne soit jamais fait deux fois.');
  if (!/^[A-Za-z0-9_.:-]{8,128}$/.test(cle)) {
    throw new RequeteInvalide('IDEMPOTENCY_KEY_INVALIDE', 'L’en-tête Idempotency-Key doit compter de 8 à 128 caractères parmi lettres, chiffres, « - », « _ », « . » et « : ».');
  }
  return cle;
}

/**
 * The key as `route` received it, with the hash of the parsed request (path parameters, query, body): Powertools'
 * payload validation, so that the same key sent with another request is refused instead of replayed.
 */
export function demandeIdempotente(req: { headers: Record<string, string>; params?: unknown; query?: unknown; body?: unknown }, route: RouteKey): DemandeIdempotente {
  const requete = { params: req.params ?? null, query: req.query ?? null, body: req.body ?? null };
  return { cle: cleIdempotence(req.headers), route, empreinte: sha256(canonique(requete)) };
}
