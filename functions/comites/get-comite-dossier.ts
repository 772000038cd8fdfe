import { http, ok } from '#shared/http/handler';
import { contrat } from '#shared/http/contrats/definition';
import { routesComites } from '#shared/http/contrats/comites';
import { contexteComite } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { dossierPourComite } from '#shared/domain/comite/use-cases';

export const handler = http(contrat(routesComites, 'GET /comites/{id}/dossiers/{dossierId}'), async (req) =>
  ok(await dossierPourComite(contexteComite(req), exigerActeur(req), req.params.id, req.params.dossierId)),
);
