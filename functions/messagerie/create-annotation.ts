import { created, http } from '#shared/http/handler';
import { routeCreateAnnotation } from '#shared/http/contrats/messagerie';
import { contexteMessagerie } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { annoter } from '#shared/domain/messagerie/use-cases';

export const handler = http(routeCreateAnnotation, async (req) =>
  created(await annoter(contexteMessagerie(req), exigerActeur(req), req.params.id, req.body.texte)),
);
