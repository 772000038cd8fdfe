import { created, http } from '#shared/http/handler';
import { contexteMessagerie } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { ouvrirFil } from '#shared/domain/messagerie/use-cases';

export const handler = http('POST /dossiers/{id}/messagerie/fils', async (req) =>
  created(await ouvrirFil(contexteMessagerie(req), exigerActeur(req), req.params.id, req.body)),
);
