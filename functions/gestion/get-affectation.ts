import { http, ok } from '#shared/http/handler';
import { contexteGestion } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { lireAffectation } from '#shared/domain/dossier/gestion';

export const handler = http('GET /dossiers/{id}/affectation', async (req) =>
  ok(await lireAffectation(contexteGestion(req), exigerActeur(req), req.params.id)),
);
