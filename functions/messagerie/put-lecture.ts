import { http, ok } from '#shared/http/handler';
import { contexteMessagerie } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { marquerLu } from '#shared/domain/messagerie/use-cases';

export const handler = http('PUT /dossiers/{id}/messagerie/fils/{filId}/lecture', async (req) =>
  ok(await marquerLu(contexteMessagerie(req), exigerActeur(req), req.params.id, req.params.filId, req.body.jusqua)),
);
