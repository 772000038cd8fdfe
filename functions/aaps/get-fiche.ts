import { http, ok } from '#shared/http/handler';
import { contrat } from '#shared/http/contrats/definition';
import { routesAaps } from '#shared/http/contrats/aaps';
import { contexteAap } from '#shared/http/contexte';
import { lireFichePublique } from '#shared/domain/aap/use-cases';

export const handler = http(contrat(routesAaps, 'GET /aaps/{id}/fiches/{code}'), async (req) =>
  ok(await lireFichePublique(contexteAap(req), req.params.id, req.params.code)),
);
