import { http, ok } from '#shared/http/handler';
import { contrat } from '#shared/http/contrats/definition';
import { routesPieces } from '#shared/http/contrats/pieces';
import { contexteDossier } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { checklistDossier } from '#shared/domain/piece/use-cases';

export const handler = http(contrat(routesPieces, 'GET /dossiers/{id}/pieces'), async (req) =>
  ok(await checklistDossier(contexteDossier(req), exigerActeur(req), req.params.id)),
);
