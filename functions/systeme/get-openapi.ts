import { http, ok } from '#shared/http/handler';
import { contrat } from '#shared/http/contrats/definition';
import { routesSysteme } from '#shared/http/contrats/systeme';
import { documentOpenApi } from '#shared/http/openapi';

export const handler = http(contrat(routesSysteme, 'GET /openapi.json'), async () => ok(documentOpenApi()));
