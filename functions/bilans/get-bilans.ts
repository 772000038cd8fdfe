import { http, ok } from '#shared/http/handler';
import { routeGetBilans } from '#shared/http/contrats/bilans';
import { contexteBilans } from '#shared/http/contexte-bilans';
import { exigerActeur } from '#shared/http/acteur';
import { etag } from '#shared/http/if-match';
import { lire } from '#shared/domain/bilan/use-cases';

export const handler = http(routeGetBilans, async (req) => {
  const r = await lire(contexteBilans(req), exigerActeur(req), req.params.id);
  return ok(r, etag(r.version));
});
