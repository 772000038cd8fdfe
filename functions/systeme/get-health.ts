import { config } from '#shared/config';
import { http, ok } from '#shared/http/handler';
import { contrat } from '#shared/http/contrats/definition';
import { routesSante } from '#shared/http/contrats/sante';

export const handler = http(contrat(routesSante, 'GET /health'), async (req) =>
  ok({ statut: 'ok', version: config().GUICHET_VERSION, heureServeur: req.maintenant.toISOString() }),
);
