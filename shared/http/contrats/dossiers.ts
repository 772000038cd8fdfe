/** The manifest's dossiers routes (shared/http/routes.ts lists every area). */
import * as zod from 'zod';
import { Page } from '#shared/schemas/common';
import { ContenuDossier, DemandeDossier, Dossier, FiltresDossiersOi, JournalDossier, ParamsDossier, ResumeDossier } from '#shared/schemas/dossier';
import { ControlePlanReponse } from '#shared/schemas/plan-financement';
import { DemandeExport, ParamsExport, SuiviExport, TacheExport } from '#shared/schemas/export';
import { type RouteDefinition, jwt } from './definition';
import { LienDocument } from '#shared/schemas/document';

export const routesDossiers = [
  // Dossiers
  {
    method: 'GET', path: '/dossiers', handler: 'functions/dossiers/list-dossiers.ts', ...jwt('dossier.lister'),
    access: { table: 'read' }, summary: 'Les dossiers de mes organisations', tag: 'Dossiers',
    output: zod.object({ items: zod.array(ResumeDossier) }),
  },
  {
    method: 'POST', path: '/dossiers', handler: 'functions/dossiers/create-dossier.ts', ...jwt('dossier.creer'),
    access: { table: 'readwrite' }, summary: 'Créer le dossier d’une organisation pour une fiche', tag: 'Dossiers',
    input: { body: DemandeDossier }, output: Dossier, successStatus: 201,
  },
  {
    method: 'GET', path: '/dossiers/{id}', handler: 'functions/dossiers/get-dossier.ts', ...jwt('dossier.lire'), access: { table: 'read' }, summary: 'Un dossier', tag: 'Dossiers',
    input: { params: ParamsDossier }, output: Dossier,
  },
  {
    method: 'PUT', path: '/dossiers/{id}', handler: 'functions/dossiers/update-dossier.ts', ...jwt('dossier.ecrire'), access: { table: 'readwrite' }, summary: 'Enregistrer le brouillon (If-Match: version lue)',
    tag: 'Dossiers', input: { params: ParamsDossier, body: ContenuDossier, headers: ['if-match'] }, output: Dossier,
  },
  {
    method: 'GET', path: '/dossiers/{id}/plan-financement/controles', handler: 'functions/dossiers/get-controles.ts',
    ...jwt('dossier.lire'), access: { table: 'read' }, summary: 'Contrôles du plan de financement',
    tag: 'Dossiers', input: { params: ParamsDossier }, output: ControlePlanReponse,
  },
  {
    method: 'POST', path: '/dossiers/{id}/depot', handler: 'functions/dossiers/deposit-dossier.ts', ...jwt('dossier.deposer'), access: { table: 'readwrite' }, summary: 'Déposer le dossier (Idempotency-Key)', tag: 'Dossiers',
    input: { params: ParamsDossier, headers: ['idempotency-key'] }, output: Dossier,
  },
  {
    method: 'GET', path: '/dossiers/{id}/accuse-depot.pdf', handler: 'functions/dossiers/get-accuse-depot.ts',
    ...jwt('dossier.lire'), access: { table: 'read', documents: 'cache' }, summary: 'L’accusé de dépôt (PDF)', tag: 'Dossiers',
    input: { params: ParamsDossier, query: LienDocument }, output: 'pdf',
  },
  {
    method: 'GET', path: '/dossiers/{id}/accuse-complements.pdf', handler: 'functions/dossiers/get-accuse-complements.ts',
    ...jwt('dossier.lire'), access: { table: 'read', documents: 'cache' }, summary: 'L’accusé de réception des compléments (PDF)', tag: 'Dossiers',
    input: { params: ParamsDossier, query: LienDocument }, output: 'pdf',
  },
  {
    method: 'GET', path: '/dossiers/{id}/evenements', handler: 'functions/dossiers/list-evenements.ts', ...jwt('dossier.lire'), access: { table: 'read' }, summary: 'Journal d’audit chaîné du dossier', tag: 'Dossiers',
    input: { params: ParamsDossier }, output: JournalDossier,
  },
  {
    method: 'GET', path: '/gestion/dossiers', handler: 'functions/dossiers/list-dossiers-gestion.ts', ...jwt('dossier.lister_gestion'), access: { table: 'read' }, summary: 'Dossiers déposés sur un AAP de mon OI', tag: 'Dossiers',
    input: { query: FiltresDossiersOi },
    output: Page(ResumeDossier).extend({ aap: zod.object({ id: zod.string(), reference: zod.string(), statut: zod.string() }) }),
  },
  {
    method: 'POST', path: '/gestion/dossiers/exports', handler: 'functions/dossiers/post-export.ts',
    ...jwt('dossier.lister_gestion'), access: { table: 'readwrite' }, summary: 'Lancer l’export CSV ou XLSX des dossiers filtrés (tâche)', tag: 'Dossiers',
    input: { body: DemandeExport }, output: TacheExport.omit({ cle: true }), successStatus: 202,
  },
  {
    method: 'GET', path: '/gestion/exports/{id}', handler: 'functions/dossiers/get-export.ts',
    ...jwt('dossier.lister_gestion'), access: { table: 'read', bucket: 'read' }, summary: 'Avancement d’un export et lien de téléchargement', tag: 'Dossiers',
    input: { params: ParamsExport }, output: SuiviExport,
  },
] as const satisfies readonly RouteDefinition[];
