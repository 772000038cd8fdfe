import { http, ok } from '#shared/http/handler';
import { routeListRectificatifs } from '#shared/http/contrats/aaps';
import { contexteAap } from '#shared/http/contexte';
import { listerRectificatifs } from '#shared/domain/aap/use-cases';

export const handler = http(routeListRectificatifs, async (req) =>
  ok({ items: await listerRectificatifs(contexteAap(req), req.params.id) }),
);
