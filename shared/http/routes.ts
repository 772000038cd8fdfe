/**
 * The route manifest: the single source of truth for the HTTP API. The CDK api stack builds one function, one route
 * and least-privilege grants per entry; the local server mounts the same handler modules from it; the OpenAPI
 * document is generated from the schemas named here. Each area declares its routes in shared/http/contrats/, one
 * constant per route (a handler imports its own: see ./contrats/definition.ts); this list joins them, in this order.
 */
import { contrat, type CleDe, type RouteDans, type RouteDefinition } from './contrats/definition';
import { routesSysteme } from './contrats/systeme';
import { routesAaps } from './contrats/aaps';
import { routesPlies } from './contrats/plies';
import { routesOrganisations } from './contrats/organisations';
import { routesNotifications } from './contrats/notifications';
import { routesDossiers } from './contrats/dossiers';
import { routesExports } from './contrats/exports';
import { routesGestion } from './contrats/gestion';
import { routesPieces } from './contrats/pieces';
import { routesMessagerie } from './contrats/messagerie';
import { routesInstruction } from './contrats/instruction';
import { routesComites } from './contrats/comites';
import { routesConventions } from './contrats/conventions';
import { routesParticipants } from './contrats/participants';
import { routesReglesSorties } from './contrats/regles-sorties';
import { routesBilans } from './contrats/bilans';
import { routesConsolidation } from './contrats/consolidation';

export type { Access, Method, RouteDefinition } from './contrats/definition';

export const routes = [
  ...routesSysteme,
  ...routesAaps,
  ...routesPlies,
  ...routesOrganisations,
  ...routesNotifications,
  ...routesDossiers,
  ...routesExports,
  ...routesGestion,
  ...routesPieces,
  ...routesMessagerie,
  ...routesInstruction,
  ...routesComites,
  ...routesConventions,
  ...routesParticipants,
  ...routesReglesSorties,
  ...routesBilans,
  ...routesConsolidation,
] as const satisfies readonly RouteDefinition[];

/** Handlers triggered by S3 ObjectCreated events (AWS: bucket notification; locally: s3rver's events). */
export const evenementsS3 = [
  { handler: 'functions/pieces/verify-piece.ts', prefixe: 'dossiers/', access: { table: 'readwrite', bucket: 'read', verifie: 'write' } },
] as const;

export type Routes = (typeof routes)[number];
export type RouteKey = CleDe<Routes>;
export type RouteOf<K extends RouteKey> = RouteDans<typeof routes, K>;

/** The manifest entry of a route key such as `GET /aaps/{id}`; throws at load if absent. */
export function routeOf<K extends RouteKey>(key: K): RouteOf<K> {
  return contrat(routes, key);
}
