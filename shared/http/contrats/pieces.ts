/** The manifest's pieces routes (shared/http/routes.ts lists every area). */
import * as zod from 'zod';
import { Dossier, ParamsDossier } from '#shared/schemas/dossier';
import { DemandeComplements, DemandeUpload, LigneChecklist, ParamsPiece, Piece, ReponseUpload } from '#shared/schemas/piece';
import type { RouteDefinition } from './definition';

// Pièces justificatives
export const routeListPieces = {
  method: 'GET', path: '/dossiers/{id}/pieces', handler: 'functions/pieces/list-pieces.ts', auth: 'jwt', action: 'dossier.lire', access: { table: 'read' }, summary: 'Checklist des pièces du dossier et pièces envoyées',
  tag: 'Pièces', input: { params: ParamsDossier },
  output: zod.object({ lignes: zod.array(LigneChecklist), pieces: zod.array(Piece) }),
} as const satisfies RouteDefinition;

export const routeCreateUpload = {
  method: 'POST', path: '/dossiers/{id}/pieces', handler: 'functions/pieces/create-upload.ts', auth: 'jwt', action: 'dossier.ecrire', access: { table: 'readwrite', bucket: 'readwrite' },
  summary: 'Annoncer une pièce et obtenir son URL d’envoi (POST présigné)', tag: 'Pièces',
  input: { params: ParamsDossier, body: DemandeUpload }, output: ReponseUpload, successStatus: 201,
} as const satisfies RouteDefinition;

export const routeDeletePiece = {
  method: 'DELETE', path: '/dossiers/{id}/pieces/{pieceId}', handler: 'functions/pieces/delete-piece.ts',
  auth: 'jwt', action: 'dossier.ecrire', access: { table: 'readwrite' }, summary: 'Retirer une pièce (brouillon seulement)',
  tag: 'Pièces', input: { params: ParamsPiece }, successStatus: 204,
} as const satisfies RouteDefinition;

export const routeGetDownload = {
  method: 'GET', path: '/dossiers/{id}/pieces/{pieceId}/telechargement', handler: 'functions/pieces/get-download.ts',
  auth: 'jwt', action: 'dossier.lire', access: { table: 'read', bucket: 'read' },
  summary: 'URL de téléchargement (5 minutes) d’une pièce validée', tag: 'Pièces', input: { params: ParamsPiece },
  output: zod.object({ url: zod.string(), expireDans: zod.number() }),
} as const satisfies RouteDefinition;

export const routeRequestComplements = {
  method: 'POST', path: '/dossiers/{id}/complements', handler: 'functions/pieces/request-complements.ts',
  auth: 'jwt', action: 'dossier.instruire', access: { table: 'readwrite' }, summary: 'Demander des compléments (If-Match)',
  tag: 'Pièces', input: { params: ParamsDossier, body: DemandeComplements, headers: ['if-match'] }, output: Dossier,
} as const satisfies RouteDefinition;

export const routesPieces = [
  routeListPieces,
  routeCreateUpload,
  routeDeletePiece,
  routeGetDownload,
  routeRequestComplements,
] as const satisfies readonly RouteDefinition[];
