import { http } from '#shared/http/handler';
import { routePostEnvoiImport } from '#shared/http/contrats/participants';
import { contexteImportParticipants } from '#shared/http/contexte-imports';
import { exigerActeur } from '#shared/http/acteur';
import { demanderEnvoiImport } from '#shared/domain/participant/import-tache';

/** 201: a presigned POST for the CSV; the browser sends the file straight to the bucket, then starts the job. */
export const handler = http(routePostEnvoiImport, async (req) => ({
  status: 201,
  body: await demanderEnvoiImport(contexteImportParticipants(req), exigerActeur(req), req.params.id, req.body),
}));
