import { http, ok } from '#shared/http/handler';
import { routeListAapsGestion } from '#shared/http/contrats/aaps';
import { contexteAap } from '#shared/http/contexte';
import { listerPourOi } from '#shared/domain/aap/use-cases';
import { exigerActeur } from '#shared/http/acteur';

export const handler = http(routeListAapsGestion, async (req) =>
  ok(await listerPourOi(contexteAap(req), exigerActeur(req), req.query)),
);
