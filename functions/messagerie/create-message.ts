import { created, http } from '#shared/http/handler';
import { contrat } from '#shared/http/contrats/definition';
import { routesMessagerie } from '#shared/http/contrats/messagerie';
import { contexteMessagerie } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { repondre } from '#shared/domain/messagerie/use-cases';

export const handler = http(contrat(routesMessagerie, 'POST /dossiers/{id}/messagerie/fils/{filId}/messages'), async (req) =>
  created(await repondre(contexteMessagerie(req), exigerActeur(req), req.params.id, req.params.filId, req.body)),
);
