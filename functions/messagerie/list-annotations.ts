import { http, ok } from '#shared/http/handler';
import { contexteMessagerie } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { annotations } from '#shared/domain/messagerie/use-cases';

export const handler = http('GET /dossiers/{id}/annotations', async (req) =>
  ok(await annotations(contexteMessagerie(req), exigerActeur(req), req.params.id)),
);
