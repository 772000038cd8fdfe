/**
 * `GET /health`, apart from the other systeme routes (./systeme.ts lists it first): its entry names no schema, so its
 * handler starts without loading zod at all. Its answer (`Sante`, shared/schemas/systeme.ts) is documented by the
 * OpenAPI document (shared/http/openapi.ts), the only reader of a route's output schema.
 */
import { type RouteDefinition } from './definition';

export const routeGetHealth = {
  method: 'GET', path: '/health', handler: 'functions/systeme/get-health.ts', auth: 'public',
  access: {}, summary: 'État du service', tag: 'Système',
} as const satisfies RouteDefinition;

export const routesSante = [
  routeGetHealth,
] as const satisfies readonly RouteDefinition[];
