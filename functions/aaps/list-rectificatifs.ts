import { http, ok } from '#shared/http/handler';
import { contrat } from '#shared/http/contrats/definition';
import { routesAaps } from '#shared/http/contrats/aaps';
import { contexteAap } from '#shared/http/contexte';
import { listerRectificatifs } from '#shared/domain/aap/use-cases';

export const handler = http(contrat(routesAaps, 'GET /aaps/{id}/rectificatifs'), async (req) =>
  ok({ items: await listerRectificatifs(contexteAap(req), req.params.id) }),
);
