import { http, ok } from '#shared/http/handler';
import { contextePlie } from '#shared/http/contexte';
import { lister } from '#shared/domain/plie/use-cases';

export const handler = http('GET /plies', async (req) => ok({ items: await lister(contextePlie(req), req.query.oi) }));
