/** The manifest's instruction routes (shared/http/routes.ts lists every area). */
import * as zod from 'zod';
import { Dossier, ParamsDossier } from '#shared/schemas/dossier';
import { Critere, DemandeCorrectionProgrammation, DemandeInstruction, DemandeProgrammation, DemandeRecevabilite, Instruction } from '#shared/schemas/comite';
import type { RouteDefinition } from './definition';
import { LienDocument } from '#shared/schemas/document';

// Instruction, comités, programmation
export const routeDecideRecevabilite = {
  method: 'POST', path: '/dossiers/{id}/recevabilite', handler: 'functions/instruction/decide-recevabilite.ts',
  auth: 'jwt', action: 'dossier.instruire', access: { table: 'readwrite' }, summary: 'Recevable ou irrecevable (If-Match)',
  tag: 'Instruction', input: { params: ParamsDossier, body: DemandeRecevabilite, headers: ['if-match'] }, output: Dossier,
} as const satisfies RouteDefinition;

export const routePutInstruction = {
  method: 'PUT', path: '/dossiers/{id}/instruction', handler: 'functions/instruction/put-instruction.ts', auth: 'jwt', action: 'dossier.instruire', access: { table: 'readwrite' }, summary: 'Noter la grille et rendre l’avis (If-Match)', tag: 'Instruction',
  input: { params: ParamsDossier, body: DemandeInstruction, headers: ['if-match'] },
  output: zod.object({ dossier: Dossier, instruction: Instruction }),
} as const satisfies RouteDefinition;

export const routeGetInstruction = {
  method: 'GET', path: '/dossiers/{id}/instruction', handler: 'functions/instruction/get-instruction.ts', auth: 'jwt', action: 'instruction.lire', access: { table: 'read' }, summary: 'Grille, instruction et historique (OI, comité sans conflit)',
  tag: 'Instruction', input: { params: ParamsDossier },
  output: zod.object({ grille: zod.array(Critere), instruction: Instruction.nullable(), historique: zod.array(Instruction) }),
} as const satisfies RouteDefinition;

export const routeGetRapport = {
  method: 'GET', path: '/dossiers/{id}/rapport-instruction.pdf', handler: 'functions/instruction/get-rapport.ts',
  auth: 'jwt', action: 'instruction.lire', access: { table: 'read', documents: 'cache' }, summary: 'Rapport d’instruction (PDF)',
  tag: 'Instruction', input: { params: ParamsDossier, query: LienDocument }, output: 'pdf',
} as const satisfies RouteDefinition;

export const routeProgramDossier = {
  method: 'POST', path: '/dossiers/{id}/programmation', handler: 'functions/instruction/program-dossier.ts',
  auth: 'jwt', action: 'dossier.programmer', access: { table: 'readwrite' }, summary: 'Enregistrer la décision de programmation',
  tag: 'Instruction', input: { params: ParamsDossier, body: DemandeProgrammation, headers: ['if-match'] }, output: Dossier,
} as const satisfies RouteDefinition;

export const routeCorrectProgrammation = {
  method: 'PUT', path: '/dossiers/{id}/programmation', handler: 'functions/instruction/correct-programmation.ts',
  auth: 'jwt', action: 'dossier.corriger_programmation', access: { table: 'readwrite' }, summary: 'Corriger la programmation (motif, historique, If-Match)',
  tag: 'Instruction', input: { params: ParamsDossier, body: DemandeCorrectionProgrammation, headers: ['if-match'] }, output: Dossier,
} as const satisfies RouteDefinition;

export const routeGetLettreDecision = {
  method: 'GET', path: '/dossiers/{id}/lettre-decision.pdf', handler: 'functions/instruction/get-lettre-decision.ts',
  auth: 'jwt', action: 'dossier.lire', access: { table: 'read', documents: 'cache' }, summary: 'Lettre de décision (PDF)',
  tag: 'Instruction', input: { params: ParamsDossier, query: LienDocument }, output: 'pdf',
} as const satisfies RouteDefinition;

export const routesInstruction = [
  routeDecideRecevabilite,
  routePutInstruction,
  routeGetInstruction,
  routeGetRapport,
  routeProgramDossier,
  routeCorrectProgrammation,
  routeGetLettreDecision,
] as const satisfies readonly RouteDefinition[];
