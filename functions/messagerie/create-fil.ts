import { created, http } from '#shared/http/handler';
import { contrat } from '#shared/http/contrats/definition';
import { routesMessagerie } from '#shared/http/contrats/messagerie';
import { contexteMessagerie } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { ouvrirFil } from '#shared/domain/messagerie/use-cases';

export const handler = http(contrat(routesMessagerie, 'POST /dossiers/{id}/messagerie/fils'), async (req) =>
  created(await ouvrirFil(contexteMessagerie(req), exigerActeur(req), req.params.id, req.body)),
);
