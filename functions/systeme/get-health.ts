import { config } from '#shared/config';
import { http, ok } from '#shared/http/handler';
import { routeGetHealth } from '#shared/http/contrats/sante';

export const handler = http(routeGetHealth, async (req) =>
  ok({ statut: 'ok', version: config().GUICHET_VERSION, heureServeur: req.maintenant.toISOString() }),
);
