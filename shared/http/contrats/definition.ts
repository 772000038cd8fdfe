/**
 * What a route of the manifest is made of, and how a handler finds its own route: each area of the API declares its
 * routes in a module of this folder, one exported constant per route (`routeUpdateDossier`, named after its handler)
 * and the area's list; a handler imports its own route's constant, so that its bundle builds that route's schemas
 * only (the contracts and schemas are tree-shaken: infra/purete.ts), not its area's nor the API's; shared/http/routes.ts
 * lists every area for the gateway, the OpenAPI document and the infra. A route's entry is a plain literal (no spread
 * nor call): the groups it lets through derive from its action (`rolesDe`).
 */
import type { z } from 'zod';
import type { Role } from '#shared/auth/roles';
import { groupesDe, type Action } from '#shared/auth/politique';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
export type Access = 'read' | 'readwrite';

export interface RouteDefinition {
  method: Method;
  /** API Gateway syntax: `/aaps/{id}`. */
  path: string;
  /** Handler module, relative to the project root; it exports `handler`. */
  handler: string;
  /** `public` routes need no token; `jwt` routes require a valid ID token with one of the groups of `rolesDe`. */
  auth: 'public' | 'jwt';
  /** The policy's action (shared/auth/politique.ts) a `jwt` route performs; the groups let through derive from it. */
  action?: Action;
  /**
   * Grants: the table, the bucket, `annuaire` (reading the user pool's directory: who holds an address) and `certificat`
   * (reading the platform's sealing certificate, to seal signed conventions), `documents` (reading and writing the
   * cached renders under `documents/` only, shared/storage/documents.ts: no pièce, no other object of the bucket).
   */
  access: { table?: Access; bucket?: Access; annuaire?: 'read'; certificat?: 'read'; documents?: 'cache' };
  summary: string;
  tag: string;
  input?: { params?: z.ZodType; query?: z.ZodType; body?: z.ZodType; headers?: readonly string[] };
  /** Response schema, or `pdf` for a binary document. */
  output?: z.ZodType | 'pdf';
  successStatus?: number;
  /** The largest JSON body this route reads (default 1 Mo; API Gateway carries 10 Mo at most). */
  corpsMaxOctets?: number;
  /** A route that works longer than the default (10 s, 512 Mo): its function's timeout and memory (more memory, more CPU). */
  execution?: { delaiSecondes: number; memoireMo: number };
  /** Only served by the local runtime (the development identity provider). */
  localOnly?: boolean;
}

/** The groups a route lets through (the first gate): none for a public route, else those of its action in the policy. */
export function rolesDe(route: Pick<RouteDefinition, 'auth' | 'action'>): readonly Role[] {
  return route.auth === 'jwt' && route.action ? groupesDe(route.action) : [];
}

/** `GET /aaps/{id}` for the route `{ method: 'GET', path: '/aaps/{id}' }`. */
export type CleDe<R> = R extends { method: infer M extends string; path: infer P extends string } ? `${M} ${P}` : never;
/** The route of `liste` whose key is `K`. */
export type RouteDans<L extends readonly RouteDefinition[], K extends string> = K extends `${infer M} ${infer P}`
  ? Extract<L[number], { method: M; path: P }>
  : never;

export const cleDe = (r: Pick<RouteDefinition, 'method' | 'path'>): string => `${r.method} ${r.path}`;

/** The route of `liste` whose key is `cle` (`GET /aaps/{id}`); throws at load if absent. */
export function contrat<const L extends readonly RouteDefinition[], K extends CleDe<L[number]>>(liste: L, cle: K): RouteDans<L, K> {
  const r = liste.find((x) => cleDe(x) === cle);
  if (!r) throw new Error(`Route absente du manifeste : ${cle}`);
  return r as RouteDans<L, K>;
}
