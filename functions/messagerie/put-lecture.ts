import { http, ok } from '#shared/http/handler';
import { routePutLecture } from '#shared/http/contrats/messagerie';
import { contexteMessagerie } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { marquerLu } from '#shared/domain/messagerie/use-cases';

export const handler = http(routePutLecture, async (req) =>
  ok(await marquerLu(contexteMessagerie(req), exigerActeur(req), req.params.id, req.params.filId, req.body.jusqua)),
);
