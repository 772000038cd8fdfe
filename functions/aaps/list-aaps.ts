import { http, ok } from '#shared/http/handler';
import { contexteAap } from '#shared/http/contexte';
import { listerPublics } from '#shared/domain/aap/use-cases';

export const handler = http('GET /aaps', async (req) => ok(await listerPublics(contexteAap(req), req.query)));
