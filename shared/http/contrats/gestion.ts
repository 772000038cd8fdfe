/** The manifest's gestion routes (shared/http/routes.ts lists every area). */
import { ParamsDossier } from '#shared/schemas/dossier';
import { Affectation, DemandeInstructeur, DemandeSuivi, FiltresRecherche, ResultatRecherche, TableauDeBord } from '#shared/schemas/gestion';
import type { RouteDefinition } from './definition';

// The OI's daily work: tableau de bord, search, instructeur and « suivre »
export const routeGetTableauDeBord = {
  method: 'GET', path: '/gestion/tableau-de-bord', handler: 'functions/gestion/get-tableau-de-bord.ts', auth: 'jwt', action: 'dossier.lister_gestion',
  access: { table: 'read' }, summary: 'Tableau de bord de mon OI : files de travail, mes dossiers, échéances', tag: 'Gestion',
  output: TableauDeBord,
} as const satisfies RouteDefinition;

export const routeSearchDossiers = {
  method: 'GET', path: '/gestion/recherche', handler: 'functions/gestion/search-dossiers.ts', auth: 'jwt', action: 'dossier.lister_gestion',
  access: { table: 'read' }, summary: 'Rechercher parmi les dossiers de mon OI (file, statut, mes dossiers, texte)', tag: 'Gestion',
  input: { query: FiltresRecherche }, output: ResultatRecherche,
} as const satisfies RouteDefinition;

export const routeGetAffectation = {
  method: 'GET', path: '/dossiers/{id}/affectation', handler: 'functions/gestion/get-affectation.ts', auth: 'jwt', action: 'dossier.suivre',
  access: { table: 'read' }, summary: 'Instructeur et agents qui suivent le dossier', tag: 'Gestion',
  input: { params: ParamsDossier }, output: Affectation,
} as const satisfies RouteDefinition;

export const routePutInstructeur = {
  method: 'PUT', path: '/dossiers/{id}/instructeur', handler: 'functions/gestion/put-instructeur.ts', auth: 'jwt', action: 'dossier.affecter',
  access: { table: 'readwrite' }, summary: 'Prendre le dossier comme instructeur (moi) ou le laisser sans instructeur', tag: 'Gestion',
  input: { params: ParamsDossier, body: DemandeInstructeur }, output: Affectation,
} as const satisfies RouteDefinition;

export const routePutSuivi = {
  method: 'PUT', path: '/dossiers/{id}/suivi', handler: 'functions/gestion/put-suivi.ts', auth: 'jwt', action: 'dossier.suivre',
  access: { table: 'readwrite' }, summary: 'Suivre le dossier (ou ne plus le suivre)', tag: 'Gestion',
  input: { params: ParamsDossier, body: DemandeSuivi }, output: Affectation,
} as const satisfies RouteDefinition;

export const routesGestion = [
  routeGetTableauDeBord,
  routeSearchDossiers,
  routeGetAffectation,
  routePutInstructeur,
  routePutSuivi,
] as const satisfies readonly RouteDefinition[];
