/** The manifest's aaps routes (shared/http/routes.ts lists every area). */
import * as zod from 'zod';
import { Aap, ContenuAap, DemandePublication, DemandeRectificatif, FicheOperation, FiltresAap, ImportAap, ParamsAap, ParamsFiche, Rectificatif, ResumeAap } from '#shared/schemas/aap';
import { Page } from '#shared/schemas/common';
import { LienDocument } from '#shared/schemas/document';
import type { RouteDefinition } from './definition';

// Appels à projets — public reading
export const routeListAaps = {
  method: 'GET', path: '/aaps', handler: 'functions/aaps/list-aaps.ts', auth: 'public',
  access: { table: 'read' }, summary: 'Catalogue des appels à projets publiés', tag: 'Appels à projets',
  input: { query: FiltresAap }, output: Page(ResumeAap),
} as const satisfies RouteDefinition;

export const routeGetAap = {
  method: 'GET', path: '/aaps/{id}', handler: 'functions/aaps/get-aap.ts', auth: 'public',
  access: { table: 'read' }, summary: 'Un appel à projets publié, avec ses fiches', tag: 'Appels à projets',
  input: { params: ParamsAap }, output: Aap,
} as const satisfies RouteDefinition;

export const routeGetFiche = {
  method: 'GET', path: '/aaps/{id}/fiches/{code}', handler: 'functions/aaps/get-fiche.ts', auth: 'public',
  access: { table: 'read' }, summary: 'Une fiche opération', tag: 'Appels à projets',
  input: { params: ParamsFiche }, output: FicheOperation,
} as const satisfies RouteDefinition;

export const routeListRectificatifs = {
  method: 'GET', path: '/aaps/{id}/rectificatifs', handler: 'functions/aaps/list-rectificatifs.ts',
  auth: 'public', access: { table: 'read' }, summary: 'Historique public des rectificatifs',
  tag: 'Appels à projets', input: { params: ParamsAap }, output: zod.object({ items: zod.array(Rectificatif) }),
} as const satisfies RouteDefinition;

export const routeGetAapDocument = {
  method: 'GET', path: '/aaps/{id}/document.pdf', handler: 'functions/aaps/get-aap-document.ts',
  auth: 'public', access: { table: 'read', documents: 'cache' }, summary: 'L’appel à projets en PDF (ou, avec `lien`, un lien de 5 minutes vers lui)',
  tag: 'Appels à projets', input: { params: ParamsAap, query: LienDocument }, output: 'pdf',
} as const satisfies RouteDefinition;

// Appels à projets — OI
export const routeListAapsGestion = {
  method: 'GET', path: '/gestion/aaps', handler: 'functions/aaps/list-aaps-gestion.ts', auth: 'jwt', action: 'aap.lister_gestion',
  access: { table: 'read' }, summary: 'Appels à projets de mon OI, brouillons compris', tag: 'Appels à projets',
  input: { query: FiltresAap }, output: Page(ResumeAap),
} as const satisfies RouteDefinition;

export const routeGetAapGestion = {
  method: 'GET', path: '/gestion/aaps/{id}', handler: 'functions/aaps/get-aap-gestion.ts', auth: 'jwt', action: 'aap.lire_gestion', access: { table: 'read' }, summary: 'Un appel à projets de mon OI, brouillon compris',
  tag: 'Appels à projets', input: { params: ParamsAap }, output: Aap,
} as const satisfies RouteDefinition;

export const routeCreateAap = {
  method: 'POST', path: '/aaps', handler: 'functions/aaps/create-aap.ts', auth: 'jwt', action: 'aap.ecrire',
  access: { table: 'readwrite' }, summary: 'Créer un appel à projets (brouillon)', tag: 'Appels à projets',
  input: { body: ContenuAap }, output: Aap, successStatus: 201,
} as const satisfies RouteDefinition;

export const routeImportAap = {
  method: 'POST', path: '/aaps/import', handler: 'functions/aaps/import-aap.ts', auth: 'jwt', action: 'aap.ecrire',
  access: { table: 'readwrite' }, summary: 'Importer un appel à projets (format JSON d’échange)',
  tag: 'Appels à projets', input: { body: ImportAap }, output: Aap, successStatus: 201,
} as const satisfies RouteDefinition;

export const routeUpdateAap = {
  method: 'PUT', path: '/aaps/{id}', handler: 'functions/aaps/update-aap.ts', auth: 'jwt', action: 'aap.ecrire',
  access: { table: 'readwrite' }, summary: 'Modifier un brouillon (If-Match: version lue)',
  tag: 'Appels à projets', input: { params: ParamsAap, body: ContenuAap, headers: ['if-match'] }, output: Aap,
} as const satisfies RouteDefinition;

export const routePublishAap = {
  method: 'POST', path: '/aaps/{id}/publication', handler: 'functions/aaps/publish-aap.ts', auth: 'jwt', action: 'aap.publier', access: { table: 'readwrite' }, summary: 'Publier un appel à projets',
  tag: 'Appels à projets', input: { params: ParamsAap, body: DemandePublication }, output: Aap,
} as const satisfies RouteDefinition;

export const routeRectifyAap = {
  method: 'POST', path: '/aaps/{id}/rectificatifs', handler: 'functions/aaps/rectify-aap.ts', auth: 'jwt', action: 'aap.rectifier', access: { table: 'readwrite' }, summary: 'Publier un rectificatif (nouvelle version)',
  tag: 'Appels à projets', input: { params: ParamsAap, body: DemandeRectificatif, headers: ['if-match'] },
  output: Aap, successStatus: 201,
} as const satisfies RouteDefinition;

export const routesAaps = [
  routeListAaps,
  routeGetAap,
  routeGetFiche,
  routeListRectificatifs,
  routeGetAapDocument,
  routeListAapsGestion,
  routeGetAapGestion,
  routeCreateAap,
  routeImportAap,
  routeUpdateAap,
  routePublishAap,
  routeRectifyAap,
] as const satisfies readonly RouteDefinition[];
