/** The manifest's plies routes (shared/http/routes.ts lists every area). */
import { DemandePlie, FiltresPlie, ListePlies, ParamsPlie, Plie } from '#shared/schemas/plie';
import { type RouteDefinition, jwt } from './definition';

export const routesPlies = [
  // PLIE of the OIs — public reading, written by the OI's administrators
  {
    method: 'GET', path: '/plies', handler: 'functions/plies/list-plies.ts', auth: 'public', roles: [],
    access: { table: 'read' }, summary: 'Les PLIE (filtre du catalogue)', tag: 'PLIE',
    input: { query: FiltresPlie }, output: ListePlies,
  },
  {
    method: 'GET', path: '/plies/{id}', handler: 'functions/plies/get-plie.ts', auth: 'public', roles: [],
    access: { table: 'read' }, summary: 'Un PLIE : territoire, public, conditions d’entrée, objectifs, gouvernance',
    tag: 'PLIE', input: { params: ParamsPlie }, output: Plie,
  },
  {
    method: 'PUT', path: '/plies/{id}', handler: 'functions/plies/put-plie.ts', ...jwt('plie.ecrire'),
    access: { table: 'readwrite' }, summary: 'Créer ou modifier un PLIE de mon OI (If-Match pour modifier)', tag: 'PLIE',
    input: { params: ParamsPlie, body: DemandePlie, headers: ['if-match'] }, output: Plie,
  },
] as const satisfies readonly RouteDefinition[];
