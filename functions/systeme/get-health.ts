import { config } from '#shared/config';
import { http, ok } from '#shared/http/handler';
import { contrat } from '#shared/http/contrats/definition';
import { routesSysteme } from '#shared/http/contrats/systeme';

export const handler = http(contrat(routesSysteme, 'GET /health'), async (req) =>
  ok({ statut: 'ok', version: config().GUICHET_VERSION, heureServeur: req.maintenant.toISOString() }),
);
