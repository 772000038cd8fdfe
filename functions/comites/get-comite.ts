import { http, ok } from '#shared/http/handler';
import { routeGetComite } from '#shared/http/contrats/comites';
import { contexteComite } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { lireComite } from '#shared/domain/comite/use-cases';

export const handler = http(routeGetComite, async (req) => ok(await lireComite(contexteComite(req), exigerActeur(req), req.params.id)));
