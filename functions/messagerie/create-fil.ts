import { created, http } from '#shared/http/handler';
import { routeCreateFil } from '#shared/http/contrats/messagerie';
import { contexteMessagerie } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { ouvrirFil } from '#shared/domain/messagerie/use-cases';

export const handler = http(routeCreateFil, async (req) =>
  created(await ouvrirFil(contexteMessagerie(req), exigerActeur(req), req.params.id, req.body)),
);
