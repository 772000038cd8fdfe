/** The manifest's systeme routes (shared/http/routes.ts lists every area). */
import { DemandeJeton, Jeton } from '#shared/schemas/systeme';
import { type RouteDefinition } from './definition';
import { routesSante } from './sante';

export const routeGetOpenapi = {
  method: 'GET', path: '/openapi.json', handler: 'functions/systeme/get-openapi.ts', auth: 'public',
  access: {}, summary: 'Document OpenAPI 3.1 de l’API', tag: 'Système',
} as const satisfies RouteDefinition;

export const routePostDevToken = {
  method: 'POST', path: '/auth/dev/token', handler: 'functions/systeme/post-dev-token.ts', auth: 'public',
  access: {}, summary: 'Jeton de développement (local uniquement)', tag: 'Système', localOnly: true,
  input: { body: DemandeJeton }, output: Jeton,
} as const satisfies RouteDefinition;

export const routesSysteme = [
  ...routesSante,
  routeGetOpenapi,
  routePostDevToken,
] as const satisfies readonly RouteDefinition[];
