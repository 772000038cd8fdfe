/** The manifest's messagerie routes (shared/http/routes.ts lists every area). */
import * as zod from 'zod';
import { ParamsDossier } from '#shared/schemas/dossier';
import { Annotation, DemandeAnnotation, DemandeFil, DemandeLu, DemandeMessage, DemandePieceJointe, Messagerie, ParamsFil, ParamsPieceJointe, ReponsePieceJointe } from '#shared/schemas/messagerie';
import type { RouteDefinition } from './definition';

// Messagerie between the porteur's organisation and the OI; private annotations of the OI
export const routeGetMessagerie = {
  method: 'GET', path: '/dossiers/{id}/messagerie', handler: 'functions/messagerie/get-messagerie.ts', auth: 'jwt', action: 'message.lire',
  access: { table: 'read' }, summary: 'Conversations du dossier, avec mes messages non lus', tag: 'Messagerie',
  input: { params: ParamsDossier }, output: Messagerie,
} as const satisfies RouteDefinition;

export const routeCreateFil = {
  method: 'POST', path: '/dossiers/{id}/messagerie/fils', handler: 'functions/messagerie/create-fil.ts', auth: 'jwt', action: 'message.ecrire',
  access: { table: 'readwrite' }, summary: 'Ouvrir une conversation (sujet, premier message, pièces jointes)', tag: 'Messagerie',
  input: { params: ParamsDossier, body: DemandeFil }, output: Messagerie, successStatus: 201,
} as const satisfies RouteDefinition;

export const routeCreateMessage = {
  method: 'POST', path: '/dossiers/{id}/messagerie/fils/{filId}/messages', handler: 'functions/messagerie/create-message.ts',
  auth: 'jwt', action: 'message.ecrire', access: { table: 'readwrite' }, summary: 'Répondre dans une conversation', tag: 'Messagerie',
  input: { params: ParamsFil, body: DemandeMessage }, output: Messagerie, successStatus: 201,
} as const satisfies RouteDefinition;

export const routePutLecture = {
  method: 'PUT', path: '/dossiers/{id}/messagerie/fils/{filId}/lecture', handler: 'functions/messagerie/put-lecture.ts',
  auth: 'jwt', action: 'message.lire', access: { table: 'readwrite' }, summary: 'Marquer la conversation lue jusqu’à un message', tag: 'Messagerie',
  input: { params: ParamsFil, body: DemandeLu }, output: Messagerie,
} as const satisfies RouteDefinition;

export const routeCreatePieceJointe = {
  method: 'POST', path: '/dossiers/{id}/messagerie/pieces-jointes', handler: 'functions/messagerie/create-piece-jointe.ts',
  auth: 'jwt', action: 'message.ecrire', access: { table: 'readwrite', bucket: 'readwrite' },
  summary: 'Annoncer une pièce jointe et obtenir son URL d’envoi (POST présigné, vérifiée comme une pièce)', tag: 'Messagerie',
  input: { params: ParamsDossier, body: DemandePieceJointe }, output: ReponsePieceJointe, successStatus: 201,
} as const satisfies RouteDefinition;

export const routeGetPieceJointe = {
  method: 'GET', path: '/dossiers/{id}/messagerie/pieces-jointes/{pieceJointeId}/telechargement',
  handler: 'functions/messagerie/get-piece-jointe.ts', auth: 'jwt', action: 'message.lire', access: { table: 'read', bucket: 'read' },
  summary: 'URL de téléchargement (5 minutes) d’une pièce jointe validée', tag: 'Messagerie', input: { params: ParamsPieceJointe },
  output: zod.object({ url: zod.string(), expireDans: zod.number() }),
} as const satisfies RouteDefinition;

export const routeListAnnotations = {
  method: 'GET', path: '/dossiers/{id}/annotations', handler: 'functions/messagerie/list-annotations.ts', auth: 'jwt', action: 'annotation.lire',
  access: { table: 'read' }, summary: 'Annotations privées de l’OI (jamais visibles du porteur)', tag: 'Messagerie',
  input: { params: ParamsDossier }, output: zod.object({ items: zod.array(Annotation) }),
} as const satisfies RouteDefinition;

export const routeCreateAnnotation = {
  method: 'POST', path: '/dossiers/{id}/annotations', handler: 'functions/messagerie/create-annotation.ts', auth: 'jwt', action: 'annotation.ecrire',
  access: { table: 'readwrite' }, summary: 'Ajouter une annotation privée', tag: 'Messagerie',
  input: { params: ParamsDossier, body: DemandeAnnotation }, output: Annotation, successStatus: 201,
} as const satisfies RouteDefinition;

export const routesMessagerie = [
  routeGetMessagerie,
  routeCreateFil,
  routeCreateMessage,
  routePutLecture,
  routeCreatePieceJointe,
  routeGetPieceJointe,
  routeListAnnotations,
  routeCreateAnnotation,
] as const satisfies readonly RouteDefinition[];
