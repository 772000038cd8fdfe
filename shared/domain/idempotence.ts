/**
 * Idempotency keys with Powertools' semantics, kept in the state change's own transaction rather than Powertools'
 * separate persistence layer (which would record the answer apart from the change it answers): a key counts for one
 * user (`sub`) on one route (method + path template), so two users or two routes never share an answer; it holds for
 * 24 hours, checked on read because DynamoDB's TTL deletes expired items late; the same key sent with another request
 * (its payload hash differs) is refused, never answered with the first request's result.
 */
import type { Actor } from '../auth/roles';
import { RegleMetier } from './errors';

export const DUREE_IDEMPOTENCE_MS = 24 * 3600 * 1000;

/** A client's Idempotency-Key as a route received it, with the hash of the request it came with. */
export interface DemandeIdempotente {
  cle: string;
  /** Method and path template, e.g. `POST /dossiers/{id}/depot`. */
  route: string;
  empreinte: string;
}

/** Where a key is recorded: the same key from another user or on another route is another record. */
export interface PorteeIdempotence {
  utilisateur: string;
  route: string;
  cle: string;
}

/** The first answer to a key, written with the change it answers. */
export interface EnregistrementIdempotence<T> extends PorteeIdempotence {
  empreinte: string;
  enregistreLe: string;
  expireLe: string;
  resultat: T;
}

export const porteeIdempotence = (actor: Actor, d: DemandeIdempotente): PorteeIdempotence => ({ utilisateur: actor.userId, route: d.route, cle: d.cle });

/** The record of `resultat` for `d`, valid 24 hours from `maintenant`. */
export function enregistrerIdempotence<T>(actor: Actor, d: DemandeIdempotente, resultat: T, maintenant: Date): EnregistrementIdempotence<T> {
  return {
    ...porteeIdempotence(actor, d),
    empreinte: d.empreinte,
    enregistreLe: maintenant.toISOString(),
    expireLe: new Date(maintenant.getTime() + DUREE_IDEMPOTENCE_MS).toISOString(),
    resultat,
  };
}

/** The record if it still holds at `maintenant`; an expired one counts as absent. */
export function enVigueur<T>(e: EnregistrementIdempotence<T> | null, maintenant: Date): EnregistrementIdempotence<T> | null {
  return e && Date.parse(e.expireLe) > maintenant.getTime() ? e : null;
}

/** The first answer, when the retry is the same request; 422 `IDEMPOTENCE_CONFLIT` when the key came with another. */
export function rejouer<T>(e: EnregistrementIdempotence<T>, d: DemandeIdempotente): T {
  if (e.empreinte !== d.empreinte) {
    throw new RegleMetier('IDEMPOTENCE_CONFLIT', 'Cette clé d’idempotence a déjà servi à une requête différente dans les dernières 24 heures : générez-en une nouvelle.');
  }
  return e.resultat;
}
