import { http, ok } from '#shared/http/handler';
import { routeListPieces } from '#shared/http/contrats/pieces';
import { contexteDossier } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { checklistDossier } from '#shared/domain/piece/use-cases';

export const handler = http(routeListPieces, async (req) =>
  ok(await checklistDossier(contexteDossier(req), exigerActeur(req), req.params.id)),
);
