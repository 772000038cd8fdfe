import { http, ok } from '#shared/http/handler';
import { routeGetOpenapi } from '#shared/http/contrats/systeme';
import { documentOpenApi } from '#shared/http/openapi';

export const handler = http(routeGetOpenapi, async () => ok(documentOpenApi()));
