import { created, http } from '#shared/http/handler';
import { routeCreateMessage } from '#shared/http/contrats/messagerie';
import { contexteMessagerie } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { repondre } from '#shared/domain/messagerie/use-cases';

export const handler = http(routeCreateMessage, async (req) =>
  created(await repondre(contexteMessagerie(req), exigerActeur(req), req.params.id, req.params.filId, req.body)),
);
