/** The manifest's participant routes (shared/http/routes.ts lists every area). */
import * as zod from 'zod';
import { ParamsDossier } from '#shared/schemas/dossier';
import { DemandeParticipant, DemandeSortie } from '#shared/schemas/participant';
import { DemandeDecisionCommission, DemandeImportParticipants, FiltresParticipants, ParamsParticipant } from '#shared/schemas/participant-http';
import { DemandeEnvoiImport, DemandeTacheImport, EnvoiImport, ParamsImport, SuiviImport } from '#shared/schemas/import-participants';
import type { RouteDefinition } from './definition';

export const routeListParticipants = {
  method: 'GET', path: '/dossiers/{id}/participants', handler: 'functions/participants/list-participants.ts', auth: 'jwt', action: 'participant.lire',
  access: { table: 'readwrite' }, summary: 'Participants de l’opération (recherche, pages ; chaque lecture est journalisée)', tag: 'Participants',
  input: { params: ParamsDossier, query: FiltresParticipants },
} as const satisfies RouteDefinition;

export const routeCreateParticipant = {
  method: 'POST', path: '/dossiers/{id}/participants', handler: 'functions/participants/create-participant.ts', auth: 'jwt', action: 'participant.ecrire',
  access: { table: 'readwrite' }, summary: 'Inscrire un participant (questionnaire du programme, notice remise)', tag: 'Participants',
  input: { params: ParamsDossier, body: DemandeParticipant }, successStatus: 201,
} as const satisfies RouteDefinition;

export const routeImportParticipants = {
  method: 'POST', path: '/dossiers/{id}/participants/imports', handler: 'functions/participants/import-participants.ts', auth: 'jwt', action: 'participant.ecrire',
  access: { table: 'readwrite' }, summary: 'Importer un petit CSV dans la requête (UTF-8 ou Windows-1252, ; ou ,) : rapport ligne par ligne, idempotent ; au-delà, l’import en tâche', tag: 'Participants',
  input: { params: ParamsDossier, body: DemandeImportParticipants },
  // 10 000 rows of the questionnaire are about 2.6 Mo of JSON (base64): the body may reach API Gateway's 10 Mo, and
  // the rows are written 16 at a time for up to API Gateway's 29 s, with the CPU of 1 769 Mo (one full vCPU).
  corpsMaxOctets: 10 * 1024 * 1024, execution: { delaiSecondes: 29, memoireMo: 1769 },
} as const satisfies RouteDefinition;

export const routePostEnvoiImport = {
  method: 'POST', path: '/dossiers/{id}/participants/imports/envoi', handler: 'functions/participants/post-envoi-import.ts', auth: 'jwt', action: 'participant.ecrire',
  access: { table: 'read', bucket: 'readwrite' }, summary: 'Obtenir l’adresse d’envoi (POST présigné, 10 minutes, 50 Mo) d’un CSV à importer', tag: 'Participants',
  input: { params: ParamsDossier, body: DemandeEnvoiImport }, output: EnvoiImport, successStatus: 201,
} as const satisfies RouteDefinition;

export const routePostImport = {
  method: 'POST', path: '/dossiers/{id}/participants/imports/taches', handler: 'functions/participants/post-import.ts', auth: 'jwt', action: 'participant.ecrire',
  access: { table: 'readwrite', bucket: 'read' }, summary: 'Lancer l’import du CSV envoyé : une tâche suivie ligne à ligne (202)', tag: 'Participants',
  input: { params: ParamsDossier, body: DemandeTacheImport }, output: SuiviImport, successStatus: 202,
} as const satisfies RouteDefinition;

export const routeGetImport = {
  method: 'GET', path: '/dossiers/{id}/participants/imports/{importId}', handler: 'functions/participants/get-import.ts', auth: 'jwt', action: 'participant.lire',
  access: { table: 'read', bucket: 'read' }, summary: 'Avancement d’un import, ses comptes et, une fois terminé, le lien du rapport d’erreurs', tag: 'Participants',
  input: { params: ParamsImport }, output: SuiviImport,
} as const satisfies RouteDefinition;

export const routeExportParticipants = {
  method: 'GET', path: '/dossiers/{id}/participants/export.csv', handler: 'functions/participants/export-participants.ts', auth: 'jwt', action: 'participant.lire',
  access: { table: 'readwrite' }, summary: 'Exporter les participants en CSV (journalisé)', tag: 'Participants',
  input: { params: ParamsDossier },
} as const satisfies RouteDefinition;

export const routeGetIndicateurs = {
  method: 'GET', path: '/dossiers/{id}/participants/indicateurs', handler: 'functions/participants/get-indicateurs.ts', auth: 'jwt', action: 'participant.lire',
  access: { table: 'readwrite' }, summary: 'Indicateurs réalisés : sexe, âge et situation à l’entrée, sorties par catégorie', tag: 'Participants',
  input: { params: ParamsDossier },
} as const satisfies RouteDefinition;

export const routeListAcces = {
  method: 'GET', path: '/dossiers/{id}/participants/acces', handler: 'functions/participants/list-acces.ts', auth: 'jwt', action: 'participant.lire',
  access: { table: 'read' }, summary: 'Journal des accès aux données des participants', tag: 'Participants',
  input: { params: ParamsDossier }, output: zod.object({ items: zod.array(zod.record(zod.string(), zod.unknown())) }),
} as const satisfies RouteDefinition;

export const routeGetParticipant = {
  method: 'GET', path: '/dossiers/{id}/participants/{participantId}', handler: 'functions/participants/get-participant.ts', auth: 'jwt', action: 'participant.lire',
  access: { table: 'readwrite' }, summary: 'Une fiche participant (lecture journalisée)', tag: 'Participants',
  input: { params: ParamsParticipant },
} as const satisfies RouteDefinition;

export const routeUpdateParticipant = {
  method: 'PUT', path: '/dossiers/{id}/participants/{participantId}', handler: 'functions/participants/update-participant.ts', auth: 'jwt', action: 'participant.ecrire',
  access: { table: 'readwrite' }, summary: 'Rectifier une fiche participant (If-Match)', tag: 'Participants',
  input: { params: ParamsParticipant, body: DemandeParticipant, headers: ['if-match'] },
} as const satisfies RouteDefinition;

export const routePostSortie = {
  method: 'POST', path: '/dossiers/{id}/participants/{participantId}/sortie', handler: 'functions/participants/post-sortie.ts', auth: 'jwt', action: 'participant.ecrire',
  access: { table: 'readwrite' }, summary: 'Enregistrer la sortie d’un participant (If-Match) ; qualifiée par les règles du PLIE', tag: 'Participants',
  input: { params: ParamsParticipant, body: DemandeSortie, headers: ['if-match'] },
} as const satisfies RouteDefinition;

export const routePostDecisionCommission = {
  method: 'POST', path: '/dossiers/{id}/participants/{participantId}/decision-commission', handler: 'functions/participants/post-decision-commission.ts', auth: 'jwt', action: 'participant.decider',
  access: { table: 'readwrite' }, summary: 'Décision de la commission sur une sortie à qualifier (If-Match)', tag: 'Participants',
  input: { params: ParamsParticipant, body: DemandeDecisionCommission, headers: ['if-match'] },
} as const satisfies RouteDefinition;

export const routesParticipants = [
  routeListParticipants,
  routeCreateParticipant,
  routeImportParticipants,
  routePostEnvoiImport,
  routePostImport,
  routeGetImport,
  routeExportParticipants,
  routeGetIndicateurs,
  routeListAcces,
  routeGetParticipant,
  routeUpdateParticipant,
  routePostSortie,
  routePostDecisionCommission,
] as const satisfies readonly RouteDefinition[];
