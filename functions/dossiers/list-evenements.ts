import { http, ok } from '#shared/http/handler';
import { routeListEvenements } from '#shared/http/contrats/dossiers';
import { contexteDossier } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { journal } from '#shared/domain/dossier/use-cases';

export const handler = http(routeListEvenements, async (req) =>
  ok(await journal(contexteDossier(req), exigerActeur(req), req.params.id)),
);
