/** The manifest's pieces routes (shared/http/routes.ts lists every area). */
import * as zod from 'zod';
import { Dossier, ParamsDossier } from '#shared/schemas/dossier';
import { DemandeComplements, DemandeUpload, LigneChecklist, ParamsPiece, Piece, ReponseUpload } from '#shared/schemas/piece';
import { type RouteDefinition, jwt } from './definition';

export const routesPieces = [
  // Pièces justificatives
  {
    method: 'GET', path: '/dossiers/{id}/pieces', handler: 'functions/pieces/list-pieces.ts', ...jwt('dossier.lire'), access: { table: 'read' }, summary: 'Checklist des pièces du dossier et pièces envoyées',
    tag: 'Pièces', input: { params: ParamsDossier },
    output: zod.object({ lignes: zod.array(LigneChecklist), pieces: zod.array(Piece) }),
  },
  {
    method: 'POST', path: '/dossiers/{id}/pieces', handler: 'functions/pieces/create-upload.ts', ...jwt('dossier.ecrire'), access: { table: 'readwrite', bucket: 'readwrite' },
    summary: 'Annoncer une pièce et obtenir son URL d’envoi (POST présigné)', tag: 'Pièces',
    input: { params: ParamsDossier, body: DemandeUpload }, output: ReponseUpload, successStatus: 201,
  },
  {
    method: 'DELETE', path: '/dossiers/{id}/pieces/{pieceId}', handler: 'functions/pieces/delete-piece.ts',
    ...jwt('dossier.ecrire'), access: { table: 'readwrite' }, summary: 'Retirer une pièce (brouillon seulement)',
    tag: 'Pièces', input: { params: ParamsPiece }, successStatus: 204,
  },
  {
    method: 'GET', path: '/dossiers/{id}/pieces/{pieceId}/telechargement', handler: 'functions/pieces/get-download.ts',
    ...jwt('dossier.lire'), access: { table: 'read', bucket: 'read' },
    summary: 'URL de téléchargement (5 minutes) d’une pièce validée', tag: 'Pièces', input: { params: ParamsPiece },
    output: zod.object({ url: zod.string(), expireDans: zod.number() }),
  },
  {
    method: 'POST', path: '/dossiers/{id}/complements', handler: 'functions/pieces/request-complements.ts',
    ...jwt('dossier.instruire'), access: { table: 'readwrite' }, summary: 'Demander des compléments (If-Match)',
    tag: 'Pièces', input: { params: ParamsDossier, body: DemandeComplements, headers: ['if-match'] }, output: Dossier,
  },
] as const satisfies readonly RouteDefinition[];
