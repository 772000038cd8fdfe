import { http, ok } from '#shared/http/handler';
import { routeDecideRecevabilite } from '#shared/http/contrats/instruction';
import { contexteComite } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { etag, versionLue } from '#shared/http/if-match';
import { recevabilite } from '#shared/domain/comite/use-cases';

export const handler = http(routeDecideRecevabilite, async (req) => {
  const d = await recevabilite(contexteComite(req), exigerActeur(req), req.params.id, req.body, versionLue(req.headers));
  return ok(d, etag(d.version));
});
