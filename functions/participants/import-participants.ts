import { http, ok } from '#shared/http/handler';
import { routeImportParticipants } from '#shared/http/contrats/participants';
import { contexteParticipants } from '#shared/http/contexte-participants';
import { exigerActeur } from '#shared/http/acteur';
import { importer } from '#shared/domain/participant/use-cases';

export const handler = http(routeImportParticipants, async (req) => {
  return ok(await importer(contexteParticipants(req), exigerActeur(req), req.params.id, req.body));
});
