import { http, ok } from '#shared/http/handler';
import { routePutPlie } from '#shared/http/contrats/plies';
import { contextePlie } from '#shared/http/contexte';
import { etag, versionLue } from '#shared/http/if-match';
import { exigerActeur } from '#shared/http/acteur';
import { enregistrer } from '#shared/domain/plie/use-cases';

/** Without If-Match the PLIE is created; with it, replaced from the version read. */
export const handler = http(routePutPlie, async (req) => {
  const version = req.headers['if-match'] ? versionLue(req.headers) : null;
  const plie = await enregistrer(contextePlie(req), exigerActeur(req), req.params.id, req.body, version);
  return ok(plie, etag(plie.version));
});
