/** The manifest's dossiers routes (shared/http/routes.ts lists every area). */
import * as zod from 'zod';
import { Page } from '#shared/schemas/common';
import { ContenuDossier, DemandeDossier, Dossier, FiltresDossiersOi, JournalDossier, ParamsDossier, ResumeDossier } from '#shared/schemas/dossier';
import { ControlePlanReponse } from '#shared/schemas/plan-financement';
import type { RouteDefinition } from './definition';
import { LienDocument } from '#shared/schemas/document';

// Dossiers
export const routeListDossiers = {
  method: 'GET', path: '/dossiers', handler: 'functions/dossiers/list-dossiers.ts', auth: 'jwt', action: 'dossier.lister',
  access: { table: 'read' }, summary: 'Les dossiers de mes organisations', tag: 'Dossiers',
  output: zod.object({ items: zod.array(ResumeDossier) }),
} as const satisfies RouteDefinition;

export const routeCreateDossier = {
  method: 'POST', path: '/dossiers', handler: 'functions/dossiers/create-dossier.ts', auth: 'jwt', action: 'dossier.creer',
  access: { table: 'readwrite' }, summary: 'Créer le dossier d’une organisation pour une fiche', tag: 'Dossiers',
  input: { body: DemandeDossier }, output: Dossier, successStatus: 201,
} as const satisfies RouteDefinition;

export const routeGetDossier = {
  method: 'GET', path: '/dossiers/{id}', handler: 'functions/dossiers/get-dossier.ts', auth: 'jwt', action: 'dossier.lire', access: { table: 'read' }, summary: 'Un dossier', tag: 'Dossiers',
  input: { params: ParamsDossier }, output: Dossier,
} as const satisfies RouteDefinition;

export const routeUpdateDossier = {
  method: 'PUT', path: '/dossiers/{id}', handler: 'functions/dossiers/update-dossier.ts', auth: 'jwt', action: 'dossier.ecrire', access: { table: 'readwrite' }, summary: 'Enregistrer le brouillon (If-Match: version lue)',
  tag: 'Dossiers', input: { params: ParamsDossier, body: ContenuDossier, headers: ['if-match'] }, output: Dossier,
} as const satisfies RouteDefinition;

export const routeGetControles = {
  method: 'GET', path: '/dossiers/{id}/plan-financement/controles', handler: 'functions/dossiers/get-controles.ts',
  auth: 'jwt', action: 'dossier.lire', access: { table: 'read' }, summary: 'Contrôles du plan de financement',
  tag: 'Dossiers', input: { params: ParamsDossier }, output: ControlePlanReponse,
} as const satisfies RouteDefinition;

export const routeDepositDossier = {
  method: 'POST', path: '/dossiers/{id}/depot', handler: 'functions/dossiers/deposit-dossier.ts', auth: 'jwt', action: 'dossier.deposer', access: { table: 'readwrite' }, summary: 'Déposer le dossier (Idempotency-Key)', tag: 'Dossiers',
  input: { params: ParamsDossier, headers: ['idempotency-key'] }, output: Dossier,
} as const satisfies RouteDefinition;

export const routeGetAccuseDepot = {
  method: 'GET', path: '/dossiers/{id}/accuse-depot.pdf', handler: 'functions/dossiers/get-accuse-depot.ts',
  auth: 'jwt', action: 'dossier.lire', access: { table: 'read', documents: 'cache' }, summary: 'L’accusé de dépôt (PDF)', tag: 'Dossiers',
  input: { params: ParamsDossier, query: LienDocument }, output: 'pdf',
} as const satisfies RouteDefinition;

export const routeGetAccuseComplements = {
  method: 'GET', path: '/dossiers/{id}/accuse-complements.pdf', handler: 'functions/dossiers/get-accuse-complements.ts',
  auth: 'jwt', action: 'dossier.lire', access: { table: 'read', documents: 'cache' }, summary: 'L’accusé de réception des compléments (PDF)', tag: 'Dossiers',
  input: { params: ParamsDossier, query: LienDocument }, output: 'pdf',
} as const satisfies RouteDefinition;

export const routeListEvenements = {
  method: 'GET', path: '/dossiers/{id}/evenements', handler: 'functions/dossiers/list-evenements.ts', auth: 'jwt', action: 'dossier.lire', access: { table: 'read' }, summary: 'Journal d’audit chaîné du dossier', tag: 'Dossiers',
  input: { params: ParamsDossier }, output: JournalDossier,
} as const satisfies RouteDefinition;

export const routeListDossiersGestion = {
  method: 'GET', path: '/gestion/dossiers', handler: 'functions/dossiers/list-dossiers-gestion.ts', auth: 'jwt', action: 'dossier.lister_gestion', access: { table: 'read' }, summary: 'Dossiers déposés sur un AAP de mon OI', tag: 'Dossiers',
  input: { query: FiltresDossiersOi },
  output: Page(ResumeDossier).extend({ aap: zod.object({ id: zod.string(), reference: zod.string(), statut: zod.string() }) }),
} as const satisfies RouteDefinition;

export const routesDossiers = [
  routeListDossiers,
  routeCreateDossier,
  routeGetDossier,
  routeUpdateDossier,
  routeGetControles,
  routeDepositDossier,
  routeGetAccuseDepot,
  routeGetAccuseComplements,
  routeListEvenements,
  routeListDossiersGestion,
] as const satisfies readonly RouteDefinition[];
