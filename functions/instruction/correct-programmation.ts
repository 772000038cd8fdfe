import { http, ok } from '#shared/http/handler';
import { routeCorrectProgrammation } from '#shared/http/contrats/instruction';
import { contexteComite } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { etag, versionLue } from '#shared/http/if-match';
import { corrigerProgrammation } from '#shared/domain/comite/programmation';

export const handler = http(routeCorrectProgrammation, async (req) => {
  const d = await corrigerProgrammation(contexteComite(req), exigerActeur(req), req.params.id, req.body, versionLue(req.headers));
  return ok(d, etag(d.version));
});
