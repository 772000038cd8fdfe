import { http, ok } from '#shared/http/handler';
import { contrat } from '#shared/http/contrats/definition';
import { routesParticipants } from '#shared/http/contrats/participants';
import { contexteParticipants } from '#shared/http/contexte-participants';
import { exigerActeur } from '#shared/http/acteur';
import { importer } from '#shared/domain/participant/use-cases';

export const handler = http(contrat(routesParticipants, 'POST /dossiers/{id}/participants/imports'), async (req) => {
  return ok(await importer(contexteParticipants(req), exigerActeur(req), req.params.id, req.body));
});
