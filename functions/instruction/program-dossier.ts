import { http, ok } from '#shared/http/handler';
import { routeProgramDossier } from '#shared/http/contrats/instruction';
import { contexteComite } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { etag, versionLue } from '#shared/http/if-match';
import { programmer } from '#shared/domain/comite/use-cases';

export const handler = http(routeProgramDossier, async (req) => {
  const d = await programmer(contexteComite(req), exigerActeur(req), req.params.id, req.body, versionLue(req.headers));
  return ok(d, etag(d.version));
});
