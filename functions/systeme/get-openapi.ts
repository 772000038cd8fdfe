import { http, ok } from '#shared/http/handler';
import { documentOpenApi } from '#shared/http/openapi';

export const handler = http('GET /openapi.json', async () => ok(documentOpenApi()));
