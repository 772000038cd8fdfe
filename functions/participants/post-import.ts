import { http } from '#shared/http/handler';
import { routePostImport } from '#shared/http/contrats/participants';
import { contexteImportParticipants } from '#shared/http/contexte-imports';
import { exigerActeur } from '#shared/http/acteur';
import { lancerImport } from '#shared/domain/participant/import-tache';

/** 202: the job is recorded; its INSERT on the table's stream starts it (functions/participants/produire-import.ts). */
export const handler = http(routePostImport, async (req) => ({
  status: 202,
  body: await lancerImport(contexteImportParticipants(req), exigerActeur(req), req.params.id, req.body),
}));
