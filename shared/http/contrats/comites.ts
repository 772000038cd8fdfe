/** The manifest's comites routes (shared/http/routes.ts lists every area). */
import * as zod from 'zod';
import { ParamsAap } from '#shared/schemas/aap';
import { Comite, DemandeCloture, DemandeComite, DemandeConflit, DemandeOrdreDuJour, DemandeVote, Conflit as DeclarationConflit, ParamsComite, ParamsComiteDossier, Vote } from '#shared/schemas/comite';
import type { RouteDefinition } from './definition';
import { LienDocument } from '#shared/schemas/document';

export const routeGetEnveloppe = {
  method: 'GET', path: '/aaps/{id}/enveloppe', handler: 'functions/comites/get-enveloppe.ts', auth: 'jwt', action: 'aap.lire_gestion',
  access: { table: 'read' }, summary: 'Enveloppe FSE : programmé, sélectionné, restant ; comités de l’AAP',
  tag: 'Comités', input: { params: ParamsAap },
} as const satisfies RouteDefinition;

export const routeListComites = {
  method: 'GET', path: '/comites', handler: 'functions/comites/list-comites.ts', auth: 'jwt', action: 'comite.lister',
  access: { table: 'read' }, summary: 'Mes comités', tag: 'Comités', output: zod.object({ items: zod.array(Comite) }),
} as const satisfies RouteDefinition;

export const routeCreateComite = {
  method: 'POST', path: '/comites', handler: 'functions/comites/create-comite.ts', auth: 'jwt', action: 'comite.creer',
  access: { table: 'readwrite', annuaire: 'read' }, summary: 'Créer une séance de comité de pilotage', tag: 'Comités',
  input: { body: DemandeComite }, output: Comite, successStatus: 201,
} as const satisfies RouteDefinition;

export const routeGetComite = {
  method: 'GET', path: '/comites/{id}', handler: 'functions/comites/get-comite.ts', auth: 'jwt', action: 'comite.lire',
  access: { table: 'read' }, summary: 'Une séance (décomptes : président et OI seulement)', tag: 'Comités',
  input: { params: ParamsComite },
} as const satisfies RouteDefinition;

export const routeGetComiteDossier = {
  method: 'GET', path: '/comites/{id}/dossiers/{dossierId}', handler: 'functions/comites/get-comite-dossier.ts',
  auth: 'jwt', action: 'comite.lire_dossier', access: { table: 'read' }, summary: 'Un dossier de l’ordre du jour (lecture seule)',
  tag: 'Comités', input: { params: ParamsComiteDossier },
} as const satisfies RouteDefinition;

export const routePostOrdreDuJour = {
  method: 'POST', path: '/comites/{id}/ordre-du-jour', handler: 'functions/comites/post-ordre-du-jour.ts', auth: 'jwt', action: 'comite.preparer', access: { table: 'readwrite' }, summary: 'Inscrire des dossiers instruits ; publier l’ordre du jour',
  tag: 'Comités', input: { params: ParamsComite, body: DemandeOrdreDuJour }, output: Comite,
} as const satisfies RouteDefinition;

export const routePostConflit = {
  method: 'POST', path: '/comites/{id}/conflits', handler: 'functions/comites/post-conflit.ts', auth: 'jwt', action: 'comite.declarer', access: { table: 'readwrite' }, summary: 'Déclarer un conflit d’intérêts (ou son absence)',
  tag: 'Comités', input: { params: ParamsComite, body: DemandeConflit }, output: DeclarationConflit, successStatus: 201,
} as const satisfies RouteDefinition;

export const routePostVote = {
  method: 'POST', path: '/comites/{id}/votes', handler: 'functions/comites/post-vote.ts', auth: 'jwt', action: 'comite.voter',
  access: { table: 'readwrite' }, summary: 'Voter (pour, contre, abstention), modifiable jusqu’à la clôture',
  tag: 'Comités', input: { params: ParamsComite, body: DemandeVote }, output: Vote,
} as const satisfies RouteDefinition;

export const routePostCloture = {
  method: 'POST', path: '/comites/{id}/cloture', handler: 'functions/comites/post-cloture.ts', auth: 'jwt', action: 'comite.cloturer', access: { table: 'readwrite' }, summary: 'Clôturer la séance (quorum, décisions, enveloppe)',
  tag: 'Comités', input: { params: ParamsComite, body: DemandeCloture }, output: Comite,
} as const satisfies RouteDefinition;

export const routeGetProcesVerbal = {
  method: 'GET', path: '/comites/{id}/proces-verbal.pdf', handler: 'functions/comites/get-proces-verbal.ts', auth: 'jwt', action: 'comite.lire', access: { table: 'read', documents: 'cache' }, summary: 'Procès-verbal de la séance (PDF)', tag: 'Comités',
  input: { params: ParamsComite, query: LienDocument }, output: 'pdf',
} as const satisfies RouteDefinition;

export const routesComites = [
  routeGetEnveloppe,
  routeListComites,
  routeCreateComite,
  routeGetComite,
  routeGetComiteDossier,
  routePostOrdreDuJour,
  routePostConflit,
  routePostVote,
  routePostCloture,
  routeGetProcesVerbal,
] as const satisfies readonly RouteDefinition[];
