import { http, ok } from '#shared/http/handler';
import { routeGetPlie } from '#shared/http/contrats/plies';
import { contextePlie } from '#shared/http/contexte';
import { etag } from '#shared/http/if-match';
import { lire } from '#shared/domain/plie/use-cases';

export const handler = http(routeGetPlie, async (req) => {
  const plie = await lire(contextePlie(req), req.params.id);
  return ok(plie, etag(plie.version));
});
