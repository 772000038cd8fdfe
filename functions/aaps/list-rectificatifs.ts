import { http, ok } from '#shared/http/handler';
import { contexteAap } from '#shared/http/contexte';
import { listerRectificatifs } from '#shared/domain/aap/use-cases';

export const handler = http('GET /aaps/{id}/rectificatifs', async (req) =>
  ok({ items: await listerRectificatifs(contexteAap(req), req.params.id) }),
);
