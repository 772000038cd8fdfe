/**
 * The manifest's export routes (shared/http/routes.ts lists every area): apart from the dossiers' module, whose other
 * routes would otherwise build the export schemas at import.
 */
import { DemandeExport, ParamsExport, SuiviExport, TacheExport } from '#shared/schemas/export';
import type { RouteDefinition } from './definition';

export const routePostExport = {
  method: 'POST', path: '/gestion/dossiers/exports', handler: 'functions/dossiers/post-export.ts',
  auth: 'jwt', action: 'dossier.lister_gestion', access: { table: 'readwrite' }, summary: 'Lancer l’export CSV ou XLSX des dossiers filtrés (tâche)', tag: 'Dossiers',
  input: { body: DemandeExport }, output: TacheExport.omit({ cle: true }), successStatus: 202,
} as const satisfies RouteDefinition;

export const routeGetExport = {
  method: 'GET', path: '/gestion/exports/{id}', handler: 'functions/dossiers/get-export.ts',
  auth: 'jwt', action: 'dossier.lister_gestion', access: { table: 'read', bucket: 'read' }, summary: 'Avancement d’un export et lien de téléchargement', tag: 'Dossiers',
  input: { params: ParamsExport }, output: SuiviExport,
} as const satisfies RouteDefinition;

export const routesExports = [routePostExport, routeGetExport] as const satisfies readonly RouteDefinition[];
