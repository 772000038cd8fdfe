import { http, ok } from '#shared/http/handler';
import { routeGetMessagerie } from '#shared/http/contrats/messagerie';
import { contexteMessagerie } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { lireMessagerie } from '#shared/domain/messagerie/use-cases';

export const handler = http(routeGetMessagerie, async (req) =>
  ok(await lireMessagerie(contexteMessagerie(req), exigerActeur(req), req.params.id)),
);
