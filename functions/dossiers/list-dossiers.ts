import { http, ok } from '#shared/http/handler';
import { routeListDossiers } from '#shared/http/contrats/dossiers';
import { contexteDossier } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { mesDossiers } from '#shared/domain/dossier/use-cases';

export const handler = http(routeListDossiers, async (req) =>
  ok({ items: await mesDossiers(contexteDossier(req), exigerActeur(req)) }),
);
