import { created, http } from '#shared/http/handler';
import { contexteMessagerie } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { annoter } from '#shared/domain/messagerie/use-cases';

export const handler = http('POST /dossiers/{id}/annotations', async (req) =>
  created(await annoter(contexteMessagerie(req), exigerActeur(req), req.params.id, req.body.texte)),
);
