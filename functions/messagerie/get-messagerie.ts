import { http, ok } from '#shared/http/handler';
import { contexteMessagerie } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { lireMessagerie } from '#shared/domain/messagerie/use-cases';

export const handler = http('GET /dossiers/{id}/messagerie', async (req) =>
  ok(await lireMessagerie(contexteMessagerie(req), exigerActeur(req), req.params.id)),
);
