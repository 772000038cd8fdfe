/** The manifest's convention routes (shared/http/routes.ts lists every area). */
import { ParamsDossier } from '#shared/schemas/dossier';
import { DemandeAvenant, DemandeConvention, DemandeRevision, DemandeSignature, ParamsVersionConvention, ReponseConvention } from '#shared/schemas/convention';
import type { RouteDefinition } from './definition';
import { LienDocument } from '#shared/schemas/document';

export const routeGetConvention = {
  method: 'GET', path: '/dossiers/{id}/convention', handler: 'functions/conventions/get-convention.ts', auth: 'jwt', action: 'convention.lire',
  access: { table: 'read' }, summary: 'La convention du dossier : ses versions, leurs signatures et leurs avenants', tag: 'Conventions',
  input: { params: ParamsDossier }, output: ReponseConvention,
} as const satisfies RouteDefinition;

export const routeCreateConvention = {
  method: 'POST', path: '/dossiers/{id}/convention', handler: 'functions/conventions/create-convention.ts', auth: 'jwt', action: 'convention.preparer',
  access: { table: 'readwrite' }, summary: 'Préparer la convention d’un dossier programmé (If-Match du dossier)', tag: 'Conventions',
  input: { params: ParamsDossier, body: DemandeConvention, headers: ['if-match'] }, output: ReponseConvention, successStatus: 201,
} as const satisfies RouteDefinition;

export const routeUpdateConvention = {
  method: 'PUT', path: '/dossiers/{id}/convention', handler: 'functions/conventions/update-convention.ts', auth: 'jwt', action: 'convention.preparer',
  access: { table: 'readwrite' }, summary: 'Modifier la version en préparation (convention ou avenant, If-Match)', tag: 'Conventions',
  input: { params: ParamsDossier, body: DemandeRevision, headers: ['if-match'] }, output: ReponseConvention,
} as const satisfies RouteDefinition;

export const routeCreateAvenant = {
  method: 'POST', path: '/dossiers/{id}/convention/avenants', handler: 'functions/conventions/create-avenant.ts', auth: 'jwt', action: 'convention.preparer',
  access: { table: 'readwrite' }, summary: 'Préparer un avenant à la convention en vigueur (If-Match)', tag: 'Conventions',
  input: { params: ParamsDossier, body: DemandeAvenant, headers: ['if-match'] }, output: ReponseConvention, successStatus: 201,
} as const satisfies RouteDefinition;

export const routeSendConvention = {
  method: 'POST', path: '/dossiers/{id}/convention/envoi', handler: 'functions/conventions/send-convention.ts', auth: 'jwt', action: 'convention.preparer',
  access: { table: 'readwrite', bucket: 'readwrite' }, summary: 'Envoyer la version en préparation pour signature (PDF figé, If-Match)', tag: 'Conventions',
  input: { params: ParamsDossier, headers: ['if-match'] }, output: ReponseConvention,
} as const satisfies RouteDefinition;

export const routeSignConvention = {
  method: 'POST', path: '/dossiers/{id}/convention/signatures', handler: 'functions/conventions/sign-convention.ts', auth: 'jwt', action: 'convention.signer',
  access: { table: 'readwrite', bucket: 'readwrite', certificat: 'read' }, summary: 'Signer (signataire de l’organisation, puis administrateur de l’OI) le document présenté', tag: 'Conventions',
  input: { params: ParamsDossier, body: DemandeSignature }, output: ReponseConvention,
} as const satisfies RouteDefinition;

export const routeGetDocument = {
  method: 'GET', path: '/dossiers/{id}/convention/{numero}/document.pdf', handler: 'functions/conventions/get-document.ts', auth: 'jwt', action: 'convention.lire',
  access: { table: 'read', bucket: 'read', documents: 'cache' }, summary: 'Le PDF d’une version (scellé une fois en vigueur, projet en préparation)', tag: 'Conventions',
  input: { params: ParamsVersionConvention, query: LienDocument }, output: 'pdf',
} as const satisfies RouteDefinition;

export const routesConventions = [
  routeGetConvention,
  routeCreateConvention,
  routeUpdateConvention,
  routeCreateAvenant,
  routeSendConvention,
  routeSignConvention,
  routeGetDocument,
] as const satisfies readonly RouteDefinition[];
