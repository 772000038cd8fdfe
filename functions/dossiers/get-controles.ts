import { http, ok } from '#shared/http/handler';
import { routeGetControles } from '#shared/http/contrats/dossiers';
import { contexteDossier } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { controles } from '#shared/domain/dossier/use-cases';

export const handler = http(routeGetControles, async (req) =>
  ok(await controles(contexteDossier(req), exigerActeur(req), req.params.id)),
);
