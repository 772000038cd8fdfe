import { http, ok } from '#shared/http/handler';
import { contrat } from '#shared/http/contrats/definition';
import { routesMessagerie } from '#shared/http/contrats/messagerie';
import { contexteMessagerie } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { marquerLu } from '#shared/domain/messagerie/use-cases';

export const handler = http(contrat(routesMessagerie, 'PUT /dossiers/{id}/messagerie/fils/{filId}/lecture'), async (req) =>
  ok(await marquerLu(contexteMessagerie(req), exigerActeur(req), req.params.id, req.params.filId, req.body.jusqua)),
);
