import { http, ok } from '#shared/http/handler';
import { routeGetFiche } from '#shared/http/contrats/aaps';
import { contexteAap } from '#shared/http/contexte';
import { lireFichePublique } from '#shared/domain/aap/use-cases';

export const handler = http(routeGetFiche, async (req) =>
  ok(await lireFichePublique(contexteAap(req), req.params.id, req.params.code)),
);
