import { http, ok } from '#shared/http/handler';
import { contrat } from '#shared/http/contrats/definition';
import { routesInstruction } from '#shared/http/contrats/instruction';
import { contexteComite } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { etag, versionLue } from '#shared/http/if-match';
import { corrigerProgrammation } from '#shared/domain/comite/programmation';

export const handler = http(contrat(routesInstruction, 'PUT /dossiers/{id}/programmation'), async (req) => {
  const d = await corrigerProgrammation(contexteComite(req), exigerActeur(req), req.params.id, req.body, versionLue(req.headers));
  return ok(d, etag(d.version));
});
