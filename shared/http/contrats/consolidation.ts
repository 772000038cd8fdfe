/** The manifest's reporting and consolidation routes (shared/http/routes.ts lists every area). */
import { DemandeImportConsolidation, FiltresConsolidation } from '#shared/schemas/consolidation';
import { type RouteDefinition, jwt } from './definition';

export const routesConsolidation = [
  {
    method: 'GET', path: '/gestion/consolidation', handler: 'functions/consolidation/get-consolidation.ts', ...jwt('consolidation.lire'),
    access: { table: 'read' }, summary: 'Rapport et consolidation des PLIE de mon OI pour une année : flux, financements, ratios, avertissements', tag: 'Consolidation',
    input: { query: FiltresConsolidation },
  },
  {
    method: 'GET', path: '/gestion/consolidation/rapport.pdf', handler: 'functions/consolidation/get-rapport-pdf.ts', ...jwt('consolidation.lire'),
    access: { table: 'read' }, summary: 'Le rapport de consolidation de l’année (PDF)', tag: 'Consolidation',
    input: { query: FiltresConsolidation }, output: 'pdf',
  },
  {
    method: 'GET', path: '/gestion/consolidation/rapport.xlsx', handler: 'functions/consolidation/get-rapport-xlsx.ts', ...jwt('consolidation.lire'),
    access: { table: 'read' }, summary: 'Le rapport de consolidation de l’année (classeur XLSX, une feuille par tableau)', tag: 'Consolidation',
    input: { query: FiltresConsolidation },
  },
  {
    method: 'POST', path: '/gestion/consolidation/imports', handler: 'functions/consolidation/post-import.ts', ...jwt('consolidation.importer'),
    access: { table: 'readwrite' }, summary: 'Importer les chiffres d’années passées par PLIE (CSV des colonnes des tableaux)', tag: 'Consolidation',
    input: { body: DemandeImportConsolidation }, successStatus: 201,
  },
] as const satisfies readonly RouteDefinition[];
