import { http, ok } from '#shared/http/handler';
import { routeGetImport } from '#shared/http/contrats/participants';
import { contexteImportParticipants } from '#shared/http/contexte-imports';
import { exigerActeur } from '#shared/http/acteur';
import { suivreImport } from '#shared/domain/participant/import-tache';

export const handler = http(routeGetImport, async (req) =>
  ok(await suivreImport(contexteImportParticipants(req), exigerActeur(req), req.params.id, req.params.importId)));
