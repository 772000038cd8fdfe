import { http, ok } from '#shared/http/handler';
import { routeListAaps } from '#shared/http/contrats/aaps';
import { contexteAap } from '#shared/http/contexte';
import { listerPublics } from '#shared/domain/aap/use-cases';

export const handler = http(routeListAaps, async (req) => ok(await listerPublics(contexteAap(req), req.query)));
