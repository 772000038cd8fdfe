/** The manifest's convention routes (shared/http/routes.ts lists every area). */
import { ParamsDossier } from '#shared/schemas/dossier';
import { DemandeAvenant, DemandeConvention, DemandeRevision, DemandeSignature, ParamsVersionConvention, ReponseConvention } from '#shared/schemas/convention';
import { type RouteDefinition, jwt } from './definition';
import { LienDocument } from '#shared/schemas/document';

export const routesConventions = [
  {
    method: 'GET', path: '/dossiers/{id}/convention', handler: 'functions/conventions/get-convention.ts', ...jwt('convention.lire'),
    access: { table: 'read' }, summary: 'La convention du dossier : ses versions, leurs signatures et leurs avenants', tag: 'Conventions',
    input: { params: ParamsDossier }, output: ReponseConvention,
  },
  {
    method: 'POST', path: '/dossiers/{id}/convention', handler: 'functions/conventions/create-convention.ts', ...jwt('convention.preparer'),
    access: { table: 'readwrite' }, summary: 'Préparer la convention d’un dossier programmé (If-Match du dossier)', tag: 'Conventions',
    input: { params: ParamsDossier, body: DemandeConvention, headers: ['if-match'] }, output: ReponseConvention, successStatus: 201,
  },
  {
    method: 'PUT', path: '/dossiers/{id}/convention', handler: 'functions/conventions/update-convention.ts', ...jwt('convention.preparer'),
    access: { table: 'readwrite' }, summary: 'Modifier la version en préparation (convention ou avenant, If-Match)', tag: 'Conventions',
    input: { params: ParamsDossier, body: DemandeRevision, headers: ['if-match'] }, output: ReponseConvention,
  },
  {
    method: 'POST', path: '/dossiers/{id}/convention/avenants', handler: 'functions/conventions/create-avenant.ts', ...jwt('convention.preparer'),
    access: { table: 'readwrite' }, summary: 'Préparer un avenant à la convention en vigueur (If-Match)', tag: 'Conventions',
    input: { params: ParamsDossier, body: DemandeAvenant, headers: ['if-match'] }, output: ReponseConvention, successStatus: 201,
  },
  {
    method: 'POST', path: '/dossiers/{id}/convention/envoi', handler: 'functions/conventions/send-convention.ts', ...jwt('convention.preparer'),
    access: { table: 'readwrite', bucket: 'readwrite' }, summary: 'Envoyer la version en préparation pour signature (PDF figé, If-Match)', tag: 'Conventions',
    input: { params: ParamsDossier, headers: ['if-match'] }, output: ReponseConvention,
  },
  {
    method: 'POST', path: '/dossiers/{id}/convention/signatures', handler: 'functions/conventions/sign-convention.ts', ...jwt('convention.signer'),
    access: { table: 'readwrite', bucket: 'readwrite', certificat: 'read' }, summary: 'Signer (signataire de l’organisation, puis administrateur de l’OI) le document présenté', tag: 'Conventions',
    input: { params: ParamsDossier, body: DemandeSignature }, output: ReponseConvention,
  },
  {
    method: 'GET', path: '/dossiers/{id}/convention/{numero}/document.pdf', handler: 'functions/conventions/get-document.ts', ...jwt('convention.lire'),
    access: { table: 'read', bucket: 'read', documents: 'cache' }, summary: 'Le PDF d’une version (scellé une fois en vigueur, projet en préparation)', tag: 'Conventions',
    input: { params: ParamsVersionConvention, query: LienDocument }, output: 'pdf',
  },
] as const satisfies readonly RouteDefinition[];
