/**
 * The route manifest: the single source of truth for the HTTP API. The CDK api stack builds one function, one route
 * and least-privilege grants per entry; the local server mounts the same handler modules from it; the OpenAPI
 * document is generated from the schemas named here.
 */
import type { z } from 'zod';
import type { Role } from '#shared/auth/roles';
import { ROLES_OI } from '#shared/auth/roles';
import {
  Aap,
  ContenuAap,
  DemandePublication,
  DemandeRectificatif,
  FicheOperation,
  FiltresAap,
  ImportAap,
  ParamsAap,
  ParamsFiche,
  Rectificatif,
  ResumeAap,
} from '#shared/schemas/aap';
import { Page } from '#shared/schemas/common';
import { DemandeJeton, Jeton, Sante } from '#shared/schemas/systeme';
import { z as zod } from 'zod';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
export type Access = 'read' | 'readwrite';

export interface RouteDefinition {
  method: Method;
  /** API Gateway syntax: `/aaps/{id}`. */
  path: string;
  /** Handler module, relative to the project root; it exports `handler`. */
  handler: string;
  /** `public` routes have no authorizer; `jwt` routes require a valid token with one of `roles`. */
  auth: 'public' | 'jwt';
  roles: readonly Role[];
  access: { table?: Access; bucket?: Access };
  summary: string;
  tag: string;
  input?: { params?: z.ZodType; query?: z.ZodType; body?: z.ZodType; headers?: readonly string[] };
  /** Response schema, or `pdf` for a binary document. */
  output?: z.ZodType | 'pdf';
  successStatus?: number;
  /** Only served by the local runtime (the development identity provider). */
  localOnly?: boolean;
}

const OI = ROLES_OI;
const OI_ADMIN: readonly Role[] = ['oi-admin'];

export const routes = [
  {
    method: 'GET', path: '/health', handler: 'functions/systeme/get-health.ts', auth: 'public', roles: [],
    access: {}, summary: 'État du service', tag: 'Système', output: Sante,
  },
  {
    method: 'GET', path: '/openapi.json', handler: 'functions/systeme/get-openapi.ts', auth: 'public', roles: [],
    access: {}, summary: 'Document OpenAPI 3.1 de l’API', tag: 'Système',
  },
  {
    method: 'POST', path: '/auth/dev/token', handler: 'functions/systeme/post-dev-token.ts', auth: 'public',
    roles: [], access: {}, summary: 'Jeton de développement (local uniquement)', tag: 'Système', localOnly: true,
    input: { body: DemandeJeton }, output: Jeton,
  },
  // Appels à projets — public reading
  {
    method: 'GET', path: '/aaps', handler: 'functions/aaps/list-aaps.ts', auth: 'public', roles: [],
    access: { table: 'read' }, summary: 'Catalogue des appels à projets publiés', tag: 'Appels à projets',
    input: { query: FiltresAap }, output: Page(ResumeAap),
  },
  {
    method: 'GET', path: '/aaps/{id}', handler: 'functions/aaps/get-aap.ts', auth: 'public', roles: [],
    access: { table: 'read' }, summary: 'Un appel à projets publié, avec ses fiches', tag: 'Appels à projets',
    input: { params: ParamsAap }, output: Aap,
  },
  {
    method: 'GET', path: '/aaps/{id}/fiches/{code}', handler: 'functions/aaps/get-fiche.ts', auth: 'public',
    roles: [], access: { table: 'read' }, summary: 'Une fiche opération', tag: 'Appels à projets',
    input: { params: ParamsFiche }, output: FicheOperation,
  },
  {
    method: 'GET', path: '/aaps/{id}/rectificatifs', handler: 'functions/aaps/list-rectificatifs.ts',
    auth: 'public', roles: [], access: { table: 'read' }, summary: 'Historique public des rectificatifs',
    tag: 'Appels à projets', input: { params: ParamsAap }, output: zod.object({ items: zod.array(Rectificatif) }),
  },
  {
    method: 'GET', path: '/aaps/{id}/document.pdf', handler: 'functions/aaps/get-aap-document.ts',
    auth: 'public', roles: [], access: { table: 'read' }, summary: 'L’appel à projets en PDF',
    tag: 'Appels à projets', input: { params: ParamsAap }, output: 'pdf',
  },
  // Appels à projets — OI
  {
    method: 'GET', path: '/gestion/aaps', handler: 'functions/aaps/list-aaps-gestion.ts', auth: 'jwt', roles: OI,
    access: { table: 'read' }, summary: 'Appels à projets de mon OI, brouillons compris', tag: 'Appels à projets',
    input: { query: FiltresAap }, output: Page(ResumeAap),
  },
  {
    method: 'GET', path: '/gestion/aaps/{id}', handler: 'functions/aaps/get-aap-gestion.ts', auth: 'jwt',
    roles: OI, access: { table: 'read' }, summary: 'Un appel à projets de mon OI, brouillon compris',
    tag: 'Appels à projets', input: { params: ParamsAap }, output: Aap,
  },
  {
    method: 'POST', path: '/aaps', handler: 'functions/aaps/create-aap.ts', auth: 'jwt', roles: OI,
    access: { table: 'readwrite' }, summary: 'Créer un appel à projets (brouillon)', tag: 'Appels à projets',
    input: { body: ContenuAap }, output: Aap, successStatus: 201,
  },
  {
    method: 'POST', path: '/aaps/import', handler: 'functions/aaps/import-aap.ts', auth: 'jwt', roles: OI,
    access: { table: 'readwrite' }, summary: 'Importer un appel à projets (format JSON d’échange)',
    tag: 'Appels à projets', input: { body: ImportAap }, output: Aap, successStatus: 201,
  },
  {
    method: 'PUT', path: '/aaps/{id}', handler: 'functions/aaps/update-aap.ts', auth: 'jwt', roles: OI,
    access: { table: 'readwrite' }, summary: 'Modifier un brouillon (If-Match: version lue)',
    tag: 'Appels à projets', input: { params: ParamsAap, body: ContenuAap, headers: ['if-match'] }, output: Aap,
  },
  {
    method: 'POST', path: '/aaps/{id}/publication', handler: 'functions/aaps/publish-aap.ts', auth: 'jwt',
    roles: OI_ADMIN, access: { table: 'readwrite' }, summary: 'Publier un appel à projets',
    tag: 'Appels à projets', input: { params: ParamsAap, body: DemandePublication }, output: Aap,
  },
  {
    method: 'POST', path: '/aaps/{id}/rectificatifs', handler: 'functions/aaps/rectify-aap.ts', auth: 'jwt',
    roles: OI_ADMIN, access: { table: 'readwrite' }, summary: 'Publier un rectificatif (nouvelle version)',
    tag: 'Appels à projets', input: { params: ParamsAap, body: DemandeRectificatif, headers: ['if-match'] },
    output: Aap, successStatus: 201,
  },
] as const satisfies readonly RouteDefinition[];

export type Routes = (typeof routes)[number];
export type RouteKey = Routes extends infer R ? (R extends { method: infer M extends string; path: infer P extends string } ? `${M} ${P}` : never) : never;
export type RouteOf<K extends RouteKey> = K extends `${infer M} ${infer P}` ? Extract<Routes, { method: M; path: P }> : never;

/** The manifest entry of a route key such as `GET /aaps/{id}`; throws at load if absent. */
export function routeOf<K extends RouteKey>(key: K): RouteOf<K> {
  const r = routes.find((x) => `${x.method} ${x.path}` === key);
  if (!r) throw new Error(`Route absente du manifeste : ${key}`);
  return r as RouteOf<K>;
}
