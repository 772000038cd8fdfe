/** The manifest's plies routes (shared/http/routes.ts lists every area). */
import { DemandePlie, FiltresPlie, ListePlies, ParamsPlie, Plie } from '#shared/schemas/plie';
import type { RouteDefinition } from './definition';

// PLIE of the OIs — public reading, written by the OI's administrators
export const routeListPlies = {
  method: 'GET', path: '/plies', handler: 'functions/plies/list-plies.ts', auth: 'public',
  access: { table: 'read' }, summary: 'Les PLIE (filtre du catalogue)', tag: 'PLIE',
  input: { query: FiltresPlie }, output: ListePlies,
} as const satisfies RouteDefinition;

export const routeGetPlie = {
  method: 'GET', path: '/plies/{id}', handler: 'functions/plies/get-plie.ts', auth: 'public',
  access: { table: 'read' }, summary: 'Un PLIE : territoire, public, conditions d’entrée, objectifs, gouvernance',
  tag: 'PLIE', input: { params: ParamsPlie }, output: Plie,
} as const satisfies RouteDefinition;

export const routePutPlie = {
  method: 'PUT', path: '/plies/{id}', handler: 'functions/plies/put-plie.ts', auth: 'jwt', action: 'plie.ecrire',
  access: { table: 'readwrite' }, summary: 'Créer ou modifier un PLIE de mon OI (If-Match pour modifier)', tag: 'PLIE',
  input: { params: ParamsPlie, body: DemandePlie, headers: ['if-match'] }, output: Plie,
} as const satisfies RouteDefinition;

export const routesPlies = [
  routeListPlies,
  routeGetPlie,
  routePutPlie,
] as const satisfies readonly RouteDefinition[];
