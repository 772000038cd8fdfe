import { http, ok } from '#shared/http/handler';
import { contrat } from '#shared/http/contrats/definition';
import { routesDossiers } from '#shared/http/contrats/dossiers';
import { contexteDossier } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { journal } from '#shared/domain/dossier/use-cases';

export const handler = http(contrat(routesDossiers, 'GET /dossiers/{id}/evenements'), async (req) =>
  ok(await journal(contexteDossier(req), exigerActeur(req), req.params.id)),
);
