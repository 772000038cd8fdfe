import { http, ok } from '#shared/http/handler';
import { contrat } from '#shared/http/contrats/definition';
import { routesDossiers } from '#shared/http/contrats/dossiers';
import { contexteDossier } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { listerPourOi } from '#shared/domain/dossier/use-cases';

export const handler = http(contrat(routesDossiers, 'GET /gestion/dossiers'), async (req) =>
  ok(await listerPourOi(contexteDossier(req), exigerActeur(req), req.query)),
);
