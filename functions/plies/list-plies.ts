import { http, ok } from '#shared/http/handler';
import { contrat } from '#shared/http/contrats/definition';
import { routesPlies } from '#shared/http/contrats/plies';
import { contextePlie } from '#shared/http/contexte';
import { lister } from '#shared/domain/plie/use-cases';

export const handler = http(contrat(routesPlies, 'GET /plies'), async (req) => ok({ items: await lister(contextePlie(req), req.query.oi) }));
