import { created, http } from '#shared/http/handler';
import { contexteMessagerie } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { repondre } from '#shared/domain/messagerie/use-cases';

export const handler = http('POST /dossiers/{id}/messagerie/fils/{filId}/messages', async (req) =>
  created(await repondre(contexteMessagerie(req), exigerActeur(req), req.params.id, req.params.filId, req.body)),
);
