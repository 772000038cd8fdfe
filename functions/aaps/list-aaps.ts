import { http, ok } from '#shared/http/handler';
import { contrat } from '#shared/http/contrats/definition';
import { routesAaps } from '#shared/http/contrats/aaps';
import { contexteAap } from '#shared/http/contexte';
import { listerPublics } from '#shared/domain/aap/use-cases';

export const handler = http(contrat(routesAaps, 'GET /aaps'), async (req) => ok(await listerPublics(contexteAap(req), req.query)));
