import { http, ok } from '#shared/http/handler';
import { routeListAnnotations } from '#shared/http/contrats/messagerie';
import { contexteMessagerie } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { annotations } from '#shared/domain/messagerie/use-cases';

export const handler = http(routeListAnnotations, async (req) =>
  ok(await annotations(contexteMessagerie(req), exigerActeur(req), req.params.id)),
);
