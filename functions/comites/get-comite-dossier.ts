import { http, ok } from '#shared/http/handler';
import { routeGetComiteDossier } from '#shared/http/contrats/comites';
import { contexteComite } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { dossierPourComite } from '#shared/domain/comite/use-cases';

export const handler = http(routeGetComiteDossier, async (req) =>
  ok(await dossierPourComite(contexteComite(req), exigerActeur(req), req.params.id, req.params.dossierId)),
);
