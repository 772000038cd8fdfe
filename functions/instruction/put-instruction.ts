import { http, ok } from '#shared/http/handler';
import { routePutInstruction } from '#shared/http/contrats/instruction';
import { contexteComite } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { etag, versionLue } from '#shared/http/if-match';
import { instruire } from '#shared/domain/comite/use-cases';

export const handler = http(routePutInstruction, async (req) => {
  const r = await instruire(contexteComite(req), exigerActeur(req), req.params.id, req.body, versionLue(req.headers));
  return ok(r, etag(r.dossier.version));
});
