import { http, ok } from '#shared/http/handler';
import { routeGetAffectation } from '#shared/http/contrats/gestion';
import { contexteGestion } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { lireAffectation } from '#shared/domain/dossier/gestion';

export const handler = http(routeGetAffectation, async (req) =>
  ok(await lireAffectation(contexteGestion(req), exigerActeur(req), req.params.id)),
);
