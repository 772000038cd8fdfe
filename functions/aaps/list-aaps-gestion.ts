import { http, ok } from '#shared/http/handler';
import { contexteAap } from '#shared/http/contexte';
import { listerPourOi } from '#shared/domain/aap/use-cases';
import { exigerActeur } from '#shared/http/acteur';

export const handler = http('GET /gestion/aaps', async (req) =>
  ok(await listerPourOi(contexteAap(req), exigerActeur(req), req.query)),
);
