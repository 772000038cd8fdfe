import { http, ok } from '#shared/http/handler';
import { routePostCloture } from '#shared/http/contrats/comites';
import { contexteComite } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { cloturer } from '#shared/domain/comite/use-cases';

export const handler = http(routePostCloture, async (req) => ok(await cloturer(contexteComite(req), exigerActeur(req), req.params.id, req.body)));
