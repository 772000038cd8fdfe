import { http, ok } from '#shared/http/handler';
import { routeGetEnveloppe } from '#shared/http/contrats/comites';
import { contexteComite } from '#shared/http/contexte';
import { exigerActeur } from '#shared/http/acteur';
import { enveloppeAap } from '#shared/domain/comite/use-cases';

export const handler = http(routeGetEnveloppe, async (req) =>
  ok(await enveloppeAap(contexteComite(req), exigerActeur(req), req.params.id)),
);
