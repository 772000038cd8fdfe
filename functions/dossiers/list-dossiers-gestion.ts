import { http, ok } from '#shared/http/handler';
import { routeListDossiersGestion } from '#shared/http/contrats/dossiers';
import { contexteDossier } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { listerPourOi } from '#shared/domain/dossier/use-cases';

export const handler = http(routeListDossiersGestion, async (req) =>
  ok(await listerPourOi(contexteDossier(req), exigerActeur(req), req.query)),
);
