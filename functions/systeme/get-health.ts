import { config } from '#shared/config';
import { http, ok } from '#shared/http/handler';

export const handler = http('GET /health', async (req) =>
  ok({ statut: 'ok', version: config().GUICHET_VERSION, heureServeur: req.maintenant.toISOString() }),
);
