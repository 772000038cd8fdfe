import { http, ok } from '#shared/http/handler';
import { contexteDossier } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { etag } from '#shared/http/if-match';
import { cleIdempotence } from '#shared/http/idempotence';
import { deposer } from '#shared/domain/dossier/use-cases';

export const handler = http('POST /dossiers/{id}/depot', async (req) => {
  const d = await deposer(contexteDossier(req), exigerActeur(req), req.params.id, cleIdempotence(req.headers));
  return ok(d, { ...etag(d.version), location: `/dossiers/${d.id}/accuse-depot.pdf` });
});
