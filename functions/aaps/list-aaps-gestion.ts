import { http, ok } from '#shared/http/handler';
import { contrat } from '#shared/http/contrats/definition';
import { routesAaps } from '#shared/http/contrats/aaps';
import { contexteAap } from '#shared/http/contexte';
import { listerPourOi } from '#shared/domain/aap/use-cases';
import { exigerActeur } from '#shared/http/acteur';

export const handler = http(contrat(routesAaps, 'GET /gestion/aaps'), async (req) =>
  ok(await listerPourOi(contexteAap(req), exigerActeur(req), req.query)),
);
