/** The manifest's routes of the PLIE exit rule sets (shared/http/routes.ts lists every area). */
import { ParamsPlie } from '#shared/schemas/plie';
import { DemandeApercu, DemandeVersionRegles } from '#shared/schemas/regles-sorties';
import type { RouteDefinition } from './definition';

export const routeListReglesSorties = {
  method: 'GET', path: '/plies/{id}/regles-sorties', handler: 'functions/regles-sorties/list-regles-sorties.ts', auth: 'jwt', action: 'regles.lire',
  access: { table: 'read' }, summary: 'Les versions des règles de sortie du PLIE (critères, sources) et celle en vigueur', tag: 'PLIE',
  input: { params: ParamsPlie },
} as const satisfies RouteDefinition;

export const routePostReglesSorties = {
  method: 'POST', path: '/plies/{id}/regles-sorties', handler: 'functions/regles-sorties/post-regles-sorties.ts', auth: 'jwt', action: 'regles.ecrire',
  access: { table: 'readwrite' }, summary: 'Enregistrer une nouvelle version des règles de sortie du PLIE (date d’effet, décision du COPIL, seuils modifiés, règles retirées ou ajoutées)', tag: 'PLIE',
  input: { params: ParamsPlie, body: DemandeVersionRegles },
} as const satisfies RouteDefinition;

export const routePostApercu = {
  method: 'POST', path: '/plies/{id}/regles-sorties/apercu', handler: 'functions/regles-sorties/post-apercu.ts', auth: 'jwt', action: 'regles.lire',
  access: { table: 'read' }, summary: 'Qualifier des sorties exemples par les règles du PLIE (rien n’est enregistré)', tag: 'PLIE',
  input: { params: ParamsPlie, body: DemandeApercu },
} as const satisfies RouteDefinition;

export const routesReglesSorties = [
  routeListReglesSorties,
  routePostReglesSorties,
  routePostApercu,
] as const satisfies readonly RouteDefinition[];
