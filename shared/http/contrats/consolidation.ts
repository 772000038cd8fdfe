/** The manifest's reporting and consolidation routes (shared/http/routes.ts lists every area). */
import { DemandeImportConsolidation, FiltresConsolidation } from '#shared/schemas/consolidation';
import type { RouteDefinition } from './definition';

export const routeGetConsolidation = {
  method: 'GET', path: '/gestion/consolidation', handler: 'functions/consolidation/get-consolidation.ts', auth: 'jwt', action: 'consolidation.lire',
  access: { table: 'read' }, summary: 'Rapport et consolidation des PLIE de mon OI pour une année : flux, financements, ratios, avertissements', tag: 'Consolidation',
  input: { query: FiltresConsolidation },
} as const satisfies RouteDefinition;

export const routeGetRapportPdf = {
  method: 'GET', path: '/gestion/consolidation/rapport.pdf', handler: 'functions/consolidation/get-rapport-pdf.ts', auth: 'jwt', action: 'consolidation.lire',
  access: { table: 'read' }, summary: 'Le rapport de consolidation de l’année (PDF)', tag: 'Consolidation',
  input: { query: FiltresConsolidation }, output: 'pdf',
} as const satisfies RouteDefinition;

export const routeGetRapportXlsx = {
  method: 'GET', path: '/gestion/consolidation/rapport.xlsx', handler: 'functions/consolidation/get-rapport-xlsx.ts', auth: 'jwt', action: 'consolidation.lire',
  access: { table: 'read' }, summary: 'Le rapport de consolidation de l’année (classeur XLSX, une feuille par tableau)', tag: 'Consolidation',
  input: { query: FiltresConsolidation },
} as const satisfies RouteDefinition;

export const routePostImport = {
  method: 'POST', path: '/gestion/consolidation/imports', handler: 'functions/consolidation/post-import.ts', auth: 'jwt', action: 'consolidation.importer',
  access: { table: 'readwrite' }, summary: 'Importer les chiffres d’années passées par PLIE (CSV des colonnes des tableaux)', tag: 'Consolidation',
  input: { body: DemandeImportConsolidation }, successStatus: 201,
} as const satisfies RouteDefinition;

export const routesConsolidation = [
  routeGetConsolidation,
  routeGetRapportPdf,
  routeGetRapportXlsx,
  routePostImport,
] as const satisfies readonly RouteDefinition[];
