import { http, ok } from '#shared/http/handler';
import { contexteDossier } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { mesDossiers } from '#shared/domain/dossier/use-cases';

export const handler = http('GET /dossiers', async (req) =>
  ok({ items: await mesDossiers(contexteDossier(req), exigerActeur(req)) }),
);
