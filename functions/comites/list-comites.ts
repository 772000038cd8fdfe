import { http, ok } from '#shared/http/handler';
import { routeListComites } from '#shared/http/contrats/comites';
import { contexteComite } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { mesComites } from '#shared/domain/comite/use-cases';

export const handler = http(routeListComites, async (req) => ok({ items: await mesComites(contexteComite(req), exigerActeur(req)) }));
