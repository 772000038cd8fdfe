import { http, ok } from '#shared/http/handler';
import { routeListPlies } from '#shared/http/contrats/plies';
import { contextePlie } from '#shared/http/contexte';
import { lister } from '#shared/domain/plie/use-cases';

export const handler = http(routeListPlies, async (req) => ok({ items: await lister(contextePlie(req), req.query.oi) }));
